import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { isAbsolute, resolve, sep } from 'node:path';
import { lintText } from './analyze-contract.js';
import { createLocator } from './json-text.js';
import type { Diagnostic } from './types.js';

/**
 * Lints each file on its own, then reports every contract whose method and url an earlier file
 * (in file order) already describes. Returns the problems by position in `files`.
 *
 * Nothing of a contract is kept past its own check: holding every parsed contract made garbage
 * collection the largest cost of linting thousands of files, and even holding one endpoint
 * string per file cost 7% of the run, as V8 then grows its young generation to make room. A
 * 30-bit hash per file stands in for the endpoint; the rare files whose hash was seen before
 * are read again, to compare the endpoints themselves.
 */
export function lintFiles(files: readonly string[], cwd: string): Map<number, Diagnostic[]> {
  const problems = new Map<number, Diagnostic[]>();
  // 0: no endpoint (the file has problems); else the endpoint's hash, never 0.
  const hashes = new Int32Array(files.length);
  // Files come relative to cwd and normalised (or absolute): joining is enough, and far
  // cheaper than path.resolve per file. In the process's own directory the relative path is
  // used as it is: the kernel then resolves three path components per open instead of ten.
  const root = resolve(cwd);
  const base = root === process.cwd() ? '' : `${root}${sep}`;
  const pathOf = (file: string): string => (base === '' || isAbsolute(file) ? file : base + file);
  const reader = new SmallFileReader();
  files.forEach((file, position) => {
    const { endpoint, diagnostics } = lintFile(reader, pathOf(file), file);
    if (diagnostics.length > 0) problems.set(position, diagnostics);
    if (endpoint !== undefined) hashes[position] = hashEndpoint(endpoint);
  });
  const shared = sharedHashes(hashes);
  if (shared.size > 0) addDuplicateEndpoints(files, pathOf, hashes, shared, problems);
  return problems;
}

interface Linted {
  readonly endpoint: string | undefined;
  readonly diagnostics: Diagnostic[];
}

function lintFile(reader: SmallFileReader, path: string, file: string): Linted {
  let text: string;
  try {
    // Synchronous reads: for thousands of small files they cost a fraction of fs/promises'
    // per-file handle bookkeeping, and there is nothing else to do while waiting.
    text = reader.read(path);
  } catch (error) {
    const message =
      (error as NodeJS.ErrnoException).code === 'EISDIR'
        ? 'this is a directory named like a contract file: rename it so its name does not end in .json, and the contracts in it are found.'
        : `cannot read the file (${(error as Error).message}): check that it exists and that abe may read it.`;
    return {
      endpoint: undefined,
      diagnostics: [
        { file, line: 0, column: 0, pointer: '', code: 'file.read', severity: 'error', message },
      ],
    };
  }
  const linted = lintText(text, file);
  // A read cut short would show as problems: then, and only then, read the file whole.
  if (linted.endpoint === undefined && reader.mayBeCut(path)) {
    return lintText(readFileSync(path, 'utf8'), file);
  }
  return linted;
}

/** FNV-1a, cut to 30 bits so that V8 keeps it as a small integer; never 0. */
function hashEndpoint(endpoint: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < endpoint.length; index += 1) {
    hash = Math.imul(hash ^ endpoint.charCodeAt(index), 0x01000193);
  }
  return hash & 0x3fffffff || 1;
}

/** The hashes (other than 0) that appear more than once. */
function sharedHashes(hashes: Int32Array): Set<number> {
  const shared = new Set<number>();
  // A sorted copy puts equal hashes side by side; typed arrays sort natively, without a set
  // of 10,000 entries to grow.
  const sorted = hashes.slice().sort();
  for (let index = 1; index < sorted.length; index += 1) {
    const hash = sorted[index] as number;
    if (hash !== 0 && hash === sorted[index - 1]) shared.add(hash);
  }
  return shared;
}

/**
 * Reads again every file whose endpoint hash another file shares, and reports each one whose
 * endpoint an earlier of them has, at its `url`.
 */
function addDuplicateEndpoints(
  files: readonly string[],
  pathOf: (file: string) => string,
  hashes: Int32Array,
  shared: ReadonlySet<number>,
  problems: Map<number, Diagnostic[]>,
): void {
  const firstFile = new Map<string, string>();
  for (let position = 0; position < files.length; position += 1) {
    if (!shared.has(hashes[position] as number)) continue;
    const file = files[position] as string;
    const text = readFileSync(pathOf(file), 'utf8');
    const { endpoint } = lintText(text, file);
    if (endpoint === undefined) continue;
    const first = firstFile.get(endpoint);
    if (first === undefined) {
      firstFile.set(endpoint, file);
      continue;
    }
    const at = createLocator(text.replace(/^\uFEFF/, ''))('/url') ?? { line: 1, column: 1 };
    const list = problems.get(position) ?? [];
    list.push({
      file,
      ...at,
      pointer: '/url',
      code: 'endpoint.duplicate',
      severity: 'error',
      message: `${endpoint} is already described by ${first}: merge the examples into one file, or change the method or url.`,
    });
    problems.set(position, list);
  }
}

/**
 * Reads small files into one reused buffer with a single `read`: a read that returns less than
 * asked for has reached the end of a regular file, so the `fstat` and the final empty `read`
 * of `readFileSync` are saved, a quarter of the system calls of linting thousands of files.
 * A caller that finds the text broken asks `mayBeCut`, in case a filesystem returned a short
 * read early, and reads the file again the usual way if so.
 */
class SmallFileReader {
  #buffer = Buffer.allocUnsafe(64 * 1024);
  /** The last text came from the shortcut, not from a read that returned nothing. */
  #endUnconfirmed = false;
  #length = 0;

  /** Whether the last text may be short of the file: a `stat` costs less than reading again. */
  mayBeCut(path: string): boolean {
    if (!this.#endUnconfirmed) return false;
    try {
      return statSync(path).size !== this.#length;
    } catch {
      return true;
    }
  }

  read(path: string): string {
    const fd = openSync(path, 'r');
    try {
      let length = 0;
      for (;;) {
        const count = readSync(fd, this.#buffer, length, this.#buffer.length - length, null);
        length += count;
        if (length < this.#buffer.length) {
          // A read that returned nothing did see the end.
          this.#endUnconfirmed = count > 0;
          this.#length = length;
          return this.#buffer.toString('utf8', 0, length);
        }
        const larger = Buffer.allocUnsafe(this.#buffer.length * 2);
        this.#buffer.copy(larger, 0, 0, length);
        this.#buffer = larger;
      }
    } finally {
      closeSync(fd);
    }
  }
}
