import { posix } from 'node:path';
import type { LintResult } from '../contract/lint-contracts.js';
import type { Diagnostic } from '../contract/types.js';
import { AbeError } from '../core/abe-error.js';
import type { BuilderConfig } from './types.js';

/** Contract lint results of `abe check`, per component. */
export interface ContractLintReport {
  /** Every contract file linted, repository-relative, sorted. */
  readonly files: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
  readonly errorCount: number;
  readonly warningCount: number;
}

// Each component's `contracts` globs are relative to its path, and linted on their own:
// one component's endpoints never clash with another's.
/**
 * `abe check` and a bare `abe lint` lint exactly the contracts the config declares.
 *
 * @example
 * const report = await lintDeclaredContracts(await loadConfig('builder.ini'));
 */
export async function lintDeclaredContracts(config: BuilderConfig): Promise<ContractLintReport> {
  const files = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const component of config.components) {
    if (component.contracts.length === 0) continue;
    const patterns = component.contracts.map((glob) => posix.join(component.path, glob));
    let result: LintResult;
    try {
      // Loaded only for check: the contract parser and schema validator are the heaviest modules.
      const { lintContracts } = await import('../contract/lint-contracts.js');
      result = await lintContracts(patterns, { cwd: config.root });
    } catch (error) {
      if (error instanceof AbeError && error.code === 'lint.no-match') {
        throw new AbeError(
          'config.invalid',
          `component "${component.name}" declares contracts=${component.contracts.join(',')} in ${config.file}, but no contract file matches ${patterns.join(' or ')}.`,
          {
            hint: 'Fix the glob (it is relative to the component path), or remove the contracts key if the component provides no contract.',
            cause: error,
          },
        );
      }
      throw error;
    }
    for (const file of result.files) files.add(file);
    diagnostics.push(...result.diagnostics);
  }
  const errorCount = diagnostics.filter((d) => d.severity === 'error').length;
  return {
    files: [...files].sort(),
    diagnostics,
    errorCount,
    warningCount: diagnostics.length - errorCount,
  };
}
