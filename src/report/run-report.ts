import type { AffectedResult } from '../affected/types.js';
import type { ContractLintReport } from '../config/lint-declared-contracts.js';
import type { LedgerGateReport } from '../ledger/ledger-gate-report.js';
import type { RunResult } from '../runner/run-result.js';

/** Everything the reporters (summary, JSON, JUnit, GitHub) turn into text. */
export interface RunReport {
  /** `check`, `build`, `test`, `release` or `tag`. */
  readonly command: string;
  /** Steps run for each component, in order. */
  readonly steps: readonly string[];
  /** Image tag of the run (`DOCKER_TAG`). */
  readonly tag: string;
  /** Repository root; log paths are shown relative to it. */
  readonly root: string;
  readonly affected: AffectedResult;
  readonly run: RunResult;
  /** Present for `abe check`. */
  readonly lint?: ContractLintReport;
  /** The contract ledger gate; present for `abe check`. */
  readonly ledger?: LedgerGateReport;
}

/**
 * True when nothing failed: no lint error, no failed step, no ledger gate error, not cancelled.
 *
 * @example
 * const code = reportPassed(report) ? 0 : 1;
 */
export function reportPassed(report: RunReport): boolean {
  return (
    !report.run.aborted &&
    (report.lint?.errorCount ?? 0) === 0 &&
    (report.ledger?.errors ?? 0) === 0 &&
    report.run.steps.every((step) => step.status !== 'failed')
  );
}
