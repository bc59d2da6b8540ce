import type { Coverage } from '../ledger/build-coverage.js';
import type { LedgerRun } from '../ledger/ledger-run.js';

/** Version of `abe coverage --json`; a change that is not additive bumps it. */
export const COVERAGE_JSON_VERSION = 1;

/** `abe coverage --json` (docs/ledger.md documents each member). */
export interface CoverageDocument extends Coverage {
  readonly version: typeof COVERAGE_JSON_VERSION;
  /** `null` when the ledger directory has no run.json (lines written outside abe). */
  readonly run: LedgerRun | null;
  readonly ledger: { readonly files: number; readonly partialLines: number };
}

/**
 * The stable JSON document of `abe coverage --json`.
 *
 * @example
 * context.stdout.write(`${JSON.stringify(coverageDocument(coverage, run, read), null, 2)}\n`);
 */
export function coverageDocument(
  coverage: Coverage,
  run: LedgerRun | null,
  ledger: { readonly files: number; readonly partialLines: number },
): CoverageDocument {
  return { version: COVERAGE_JSON_VERSION, run, ledger, ...coverage };
}
