import { closeSync, openSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import { type JsonPositions, type LintAnalysis, lintText } from './analyze-contract.js';
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
  const firstFileOf = new Map<string, string>();
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
    const { endpoint } = linted;
    const first = endpoint === undefined ? undefined : firstFileOf.get(endpoint);
    if (endpoint !== undefined && first === undefined) firstFileOf.set(endpoint, file);
    if (endpoint !== undefined && first !== undefined) {
      positions ??= await import('./json-positions.js');
      diagnostics.push(duplicateEndpoint(endpoint, first, file, text, positions));
    }
    if (diagnostics.length > 0) problems.set(position, diagnostics);
  }
  return problems;
}

/** The file's text, or the diagnostic that says why it cannot be read. */
function readText(reader: FileReader, path: string, file: string): string | Diagnostic {
  try {
    return reader.read(path);
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
  first: string,
  file: string,
  text: string,
  positions: JsonPositions,
): Diagnostic {
  const at = positions.createLocator(text.replace(/^\uFEFF/, ''))('/url') ?? { line: 1, column: 1 };
  return {
    file,
    ...at,
    pointer: '/url',
    code: 'endpoint.duplicate',
    severity: 'error',
    message: `${endpoint} is already described by ${first}: merge the examples into one file, or change the method or url.`,
  };
}

/** Reads whole files, one after another, into one buffer that grows to the largest file. */
class FileReader {
  #buffer = Buffer.allocUnsafe(64 * 1024);

  read(path: string): string {
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
        if (count === 0) return this.#buffer.toString('utf8', 0, length);
        length += count;
      }
    } finally {
      closeSync(fd);
    }
  }
}
