import { isUtf8 } from 'node:buffer';
import { closeSync, openSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import { type JsonPositions, type LintAnalysis, lintText } from './analyze-contract.js';
import { invalidUtf8Diagnostic } from './invalid-utf8.js';
import type { Diagnostic } from './types.js';

/**
 * Lints each file on its own, then reports every contract whose method and url an earlier file
 * (in file order) already describes. Returns the problems by position in `files`.
 *
 * Files are read with `JSON.parse` alone; jsonc-parser, which places problems at their line and
 * column, is loaded the first time a file has one.
 *
 * Reading is where linting thousands of small files spends its time, so two measured savings
 * (docs/dependencies.md): a file below the process's own directory is opened by its relative
 * path, which the kernel resolves in a few steps instead of a dozen (7% of `abe lint` over
 * 10,000 files), and every file is read into one reused buffer, without the `fstat` and the
 * allocation `readFileSync` makes per file (5% more).
 */
export async function lintFiles(
  files: readonly string[],
  cwd: string,
): Promise<Map<number, Diagnostic[]>> {
  const problems = new Map<number, Diagnostic[]>();
  /** By endpoint key: the position of the first file that describes it. */
  const firstFileOf = new Map<string, number>();
  /** How each file wrote its endpoint, by position, to name the first file's spelling. */
  const written: (string | undefined)[] = [];
  let positions: JsonPositions | undefined;
  const here = resolve(cwd) === process.cwd();
  const reader = new FileReader();
  for (const [position, file] of files.entries()) {
    const text = readText(reader, here ? file : resolve(cwd, file), file);
    if (typeof text !== 'string') {
      problems.set(position, [text]);
      continue;
    }
    let linted = lintText(text, file, positions);
    if (linted === undefined) {
      positions ??= await import('./json-positions.js');
      linted = lintText(text, file, positions) as LintAnalysis;
    }
    const diagnostics = [...linted.diagnostics];
    const { endpoint, endpointKey } = linted;
    if (endpoint !== undefined && endpointKey !== undefined) {
      const first = firstFileOf.get(endpointKey);
      if (first === undefined) {
        firstFileOf.set(endpointKey, position);
        written[position] = endpoint;
      } else {
        positions ??= await import('./json-positions.js');
        const earlier = { file: files[first] as string, endpoint: written[first] as string };
        diagnostics.push(duplicateEndpoint(endpoint, earlier, file, text, positions));
      }
    }
    if (diagnostics.length > 0) problems.set(position, diagnostics);
  }
  return problems;
}

/** The file's text, or the diagnostic that says why it cannot be read (or is not UTF-8). */
function readText(reader: FileReader, path: string, file: string): string | Diagnostic {
  try {
    return reader.read(path, file);
  } catch (error) {
    const message =
      (error as NodeJS.ErrnoException).code === 'EISDIR'
        ? 'this is a directory named like a contract file: rename it so its name does not end in .json, and the contracts in it are found.'
        : `cannot read the file (${(error as Error).message}): check that it exists and that abe may read it.`;
    return { file, line: 0, column: 0, pointer: '', code: 'file.read', severity: 'error', message };
  }
}

function duplicateEndpoint(
  endpoint: string,
  first: { file: string; endpoint: string },
  file: string,
  text: string,
  positions: JsonPositions,
): Diagnostic {
  // `/users/{id}` here and `/users/:id` there: say how the other file wrote it.
  const spelled = first.endpoint === endpoint ? '' : ` (as ${first.endpoint})`;
  const at = positions.createLocator(text.replace(/^\uFEFF/, ''))('/url') ?? { line: 1, column: 1 };
  return {
    file,
    ...at,
    pointer: '/url',
    code: 'endpoint.duplicate',
    severity: 'error',
    message: `${endpoint} is already described by ${first.file}${spelled}: merge the examples into one file, or change the method or url.`,
  };
}

/**
 * Reads whole files, one after another, into one buffer that grows to the largest file. A file
 * that is not UTF-8 gives its `json.invalid-utf8` diagnostic instead of text in which every bad
 * byte became U+FFFD.
 */
class FileReader {
  #buffer = Buffer.allocUnsafe(64 * 1024);

  read(path: string, file: string): string | Diagnostic {
    const fd = openSync(path, 'r');
    try {
      let length = 0;
      for (;;) {
        if (length === this.#buffer.length) {
          const larger = Buffer.allocUnsafe(this.#buffer.length * 2);
          this.#buffer.copy(larger);
          this.#buffer = larger;
        }
        const count = readSync(fd, this.#buffer, length, this.#buffer.length - length, null);
        if (count === 0) {
          const text = this.#buffer.toString('utf8', 0, length);
          // A bad byte decodes to U+FFFD: only a text that has one (rare) needs the bytes checked.
          if (!text.includes('\uFFFD')) return text;
          const bytes = this.#buffer.subarray(0, length);
          return isUtf8(bytes) ? text : (invalidUtf8Diagnostic(bytes, file) as Diagnostic);
        }
        length += count;
      }
    } finally {
      closeSync(fd);
    }
  }
}
