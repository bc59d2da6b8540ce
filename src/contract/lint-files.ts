import { readFileSync } from 'node:fs';
import { isAbsolute, resolve, sep } from 'node:path';
import { analyzeText } from './analyze-contract.js';
import type { Diagnostic } from './types.js';

/** What linting a run of files found: problems per file, and the endpoint of each valid contract. */
export interface FilesLint {
  /** `[index into the files given, that file's diagnostics]`, only for files with problems. */
  readonly problems: [number, Diagnostic[]][];
  /** `[index, "METHOD url"]` for every file that is a valid contract. */
  readonly endpoints: [number, string][];
}

/**
 * Lints each file on its own (everything but the cross-file duplicate-endpoint check), keeping
 * nothing of a contract but its endpoint: holding every parsed contract until the end made
 * garbage collection the largest cost of linting thousands of files.
 */
export function lintFiles(files: readonly string[], cwd: string, offset = 0): FilesLint {
  const problems: [number, Diagnostic[]][] = [];
  const endpoints: [number, string][] = [];
  // Files come relative to cwd and normalised (or absolute): joining is enough, and far
  // cheaper than path.resolve per file.
  const base = `${resolve(cwd)}${sep}`;
  files.forEach((file, position) => {
    const index = offset + position;
    let text: string;
    try {
      // Synchronous reads: for thousands of small files they cost a fraction of fs/promises'
      // per-file handle bookkeeping, and there is nothing else to do while waiting.
      text = readFileSync(isAbsolute(file) ? file : base + file, 'utf8');
    } catch (error) {
      const message = `cannot read the file: ${(error as Error).message}`;
      problems.push([
        index,
        [{ file, line: 0, column: 0, pointer: '', code: 'file.read', severity: 'error', message }],
      ]);
      return;
    }
    const { contract, diagnostics } = analyzeText(text, file);
    if (diagnostics.length > 0) problems.push([index, diagnostics]);
    if (contract !== undefined) endpoints.push([index, `${contract.method} ${contract.url}`]);
  });
  return { problems, endpoints };
}
