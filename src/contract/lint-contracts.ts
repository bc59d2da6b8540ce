import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { findContractFiles } from './find-contract-files.js';
import { createLocator } from './json-text.js';
import { lintFiles } from './lint-files.js';
import type { Diagnostic } from './types.js';

export interface LintOptions {
  /** Directory patterns are resolved against. Default: `process.cwd()`. */
  cwd?: string;
}

export interface LintResult {
  /** Every file linted, relative to `cwd`, sorted. */
  readonly files: string[];
  /** Every problem found, ordered by file, then line and column. */
  readonly diagnostics: Diagnostic[];
}

/**
 * Lints every contract matched by files, directories or globs. Problems come back as data;
 * a pattern that matches nothing throws an `AbeError` (`lint.no-match`).
 *
 * @example
 * const { diagnostics } = await lintContracts(['contracts/']);
 * for (const d of diagnostics) console.log(`${d.file}:${d.line}:${d.column}  ${d.message}`);
 */
export async function lintContracts(
  patterns: string | readonly string[],
  options: LintOptions = {},
): Promise<LintResult> {
  const cwd = options.cwd ?? process.cwd();
  const files = await findContractFiles(typeof patterns === 'string' ? [patterns] : patterns, {
    cwd,
  });
  // One thread on purpose: worker threads measured slower here (file reads did not overlap).
  const { problems: found, endpoints } = lintFiles(files, cwd);
  const problems = new Map(found);
  addDuplicateEndpoints(endpoints, files, cwd, problems);
  const diagnostics = [...problems.keys()]
    .sort((a, b) => a - b)
    .flatMap((index) =>
      (problems.get(index) ?? []).sort((a, b) => a.line - b.line || a.column - b.column),
    );
  return { files, diagnostics };
}

/** Reports every contract whose method and url an earlier file (in file order) already describes. */
function addDuplicateEndpoints(
  endpoints: readonly (string | undefined)[],
  files: readonly string[],
  cwd: string,
  problems: Map<number, Diagnostic[]>,
): void {
  const firstFile = new Map<string, string>();
  for (let index = 0; index < endpoints.length; index += 1) {
    const endpoint = endpoints[index];
    if (endpoint === undefined) continue;
    const file = files[index] as string;
    const first = firstFile.get(endpoint);
    if (first === undefined) {
      firstFile.set(endpoint, file);
      continue;
    }
    // Rare: read the file again for the position rather than keep every text around.
    const position = createLocator(readFileSync(resolve(cwd, file), 'utf8').replace(/^\uFEFF/, ''))(
      '/url',
    );
    const list = problems.get(index) ?? [];
    list.push({
      file,
      ...(position ?? { line: 1, column: 1 }),
      pointer: '/url',
      code: 'endpoint.duplicate',
      severity: 'error',
      message: `${endpoint} is already described by ${first}: merge the examples into one file, or change the method or url.`,
    });
    problems.set(index, list);
  }
}
