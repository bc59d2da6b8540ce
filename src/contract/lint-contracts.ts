import { findContractFiles } from './find-contract-files.js';
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
  const problems = await lintFiles(files, cwd);
  const diagnostics = [...problems.keys()]
    .sort((a, b) => a - b)
    .flatMap((index) =>
      (problems.get(index) ?? []).sort((a, b) => a.line - b.line || a.column - b.column),
    );
  return { files, diagnostics };
}
