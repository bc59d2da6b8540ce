import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { isAbsolute, resolve, sep } from 'node:path';
import { lintText } from './analyze-contract.js';
import type { Diagnostic } from './types.js';

/** What linting a run of files found: problems per file, and the endpoint of each valid contract. */
export interface FilesLint {
  /** `[index into the files given, that file's diagnostics]`, only for files with problems. */
  readonly problems: [number, Diagnostic[]][];
  /** `"METHOD url"` by position in the files given, for each file that is a valid contract. */
  readonly endpoints: (string | undefined)[];
}

/**
 * Lints each file on its own (everything but the cross-file duplicate-endpoint check), keeping
 * nothing of a contract but its endpoint: holding every parsed contract until the end made
 * garbage collection the largest cost of linting thousands of files.
 */
export function lintFiles(files: readonly string[], cwd: string): FilesLint {
  const problems: [number, Diagnostic[]][] = [];
  const endpoints: (string | undefined)[] = new Array(files.length).fill(undefined);
  // Files come relative to cwd and normalised (or absolute): joining is enough, and far
  // cheaper than path.resolve per file. In the process's own directory the relative path is
  // used as it is: the kernel then resolves three path components per open instead of ten.
  const root = resolve(cwd);
  const base = root === process.cwd() ? '' : `${root}${sep}`;
  const reader = new SmallFileReader();
  files.forEach((file, position) => {
    const path = base === '' || isAbsolute(file) ? file : base + file;
    let text: string;
    try {
      // Synchronous reads: for thousands of small files they cost a fraction of fs/promises'
      // per-file handle bookkeeping, and there is nothing else to do while waiting.
      text = reader.read(path);
    } catch (error) {
      const message =
        (error as NodeJS.ErrnoException).code === 'EISDIR'
          ? 'this is a directory named like a contract file: rename it so its name does not end in .json, and the contracts in it are found.'
          : `cannot read the file: ${(error as Error).message}`;
      problems.push([
        position,
        [{ file, line: 0, column: 0, pointer: '', code: 'file.read', severity: 'error', message }],
      ]);
      return;
    }
    let { endpoint, diagnostics } = lintText(text, file);
    if (endpoint === undefined && reader.endUnconfirmed) {
      // A read cut short would look like broken JSON: confirm with a whole-file read.
      ({ endpoint, diagnostics } = lintText(readFileSync(path, 'utf8'), file));
    }
    if (diagnostics.length > 0) problems.push([position, diagnostics]);
    endpoints[position] = endpoint;
  });
  return { problems, endpoints };
}

/**
 * Reads small files into one reused buffer with a single `read`: a read that returns less than
 * asked for has reached the end of a regular file, so the `fstat` and the final empty `read`
 * of `readFileSync` are saved, a quarter of the system calls of linting thousands of files.
 * `endUnconfirmed` says the last text came from that shortcut; a caller that finds it broken
 * reads the file again the usual way, in case a filesystem returned a short read early.
 */
class SmallFileReader {
  #buffer = Buffer.allocUnsafe(64 * 1024);
  endUnconfirmed = false;

  read(path: string): string {
    const fd = openSync(path, 'r');
    try {
      let length = 0;
      for (;;) {
        const count = readSync(fd, this.#buffer, length, this.#buffer.length - length, null);
        length += count;
        if (length < this.#buffer.length) {
          // A read that returned nothing did see the end.
          this.endUnconfirmed = count > 0;
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
