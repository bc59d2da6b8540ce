import type { LedgerFinding } from './evaluate-ledger-gate.js';
import type { UsageDrift } from './find-usage-drift.js';

/** What the ledger gate of `abe check` found; the reporters turn it into text. */
export interface LedgerGateReport {
  /** False when the gate did not look (`ABE_LEDGER=off`, nothing in scope, a cancelled run). */
  readonly ran: boolean;
  /** One line: what the gate checked, or why it did not run. */
  readonly note: string;
  /** Contracts whose examples were checked, repository-relative, sorted. */
  readonly checked: readonly string[];
  readonly findings: readonly LedgerFinding[];
  /** Differences between what rerun consumers used and the usage lock: each fails the check. */
  readonly drift: readonly UsageDrift[];
  /** The usage lock's path (`abe-usage.json`), as the fix command names it. */
  readonly usageFile: string;
  /** A ledger that could not be read fails the gate: what was wrong. */
  readonly problem?: string;
  /** Findings with severity error, drift entries and a problem: each fails the check. */
  readonly errors: number;
  readonly warnings: number;
}

/** The command that rewrites the usage lock after drift. */
export const USAGE_FIX_COMMAND = 'abe check --all && abe coverage --write-usage';
