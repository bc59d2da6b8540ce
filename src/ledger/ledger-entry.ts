// The ledger: one JSON line per provider verification and per consumer use of an example,
// written while `abe` runs a component's steps, read by `abe coverage` and the gate of
// `abe check`. This module is the shape both sides agree on; it loads nothing, so the msw layer
// (which runs in browsers too) may import it.

/** Version of the line format; a reader refuses lines of another version. */
export const LEDGER_VERSION = 1;

/**
 * The directory the recorders append to. `abe` sets it for every step it runs
 * (`<root>/.abe/ledger`); outside `abe` nothing is recorded unless the user sets it.
 */
export const LEDGER_DIR_VARIABLE = 'ABE_LEDGER_DIR';
/** The name of the component whose step is running, as builder.ini names it. */
export const COMPONENT_VARIABLE = 'ABE_COMPONENT';
/** The repository root: contract paths in the ledger are relative to it. */
export const ROOT_VARIABLE = 'ABE_ROOT';

/** `$ABE_ROOT`, else the working directory (`''` where there is no process, in a browser). */
export function ledgerRootDir(): string {
  const process = (
    globalThis as { process?: { env?: Record<string, string | undefined>; cwd?(): string } }
  ).process;
  return process?.env?.[ROOT_VARIABLE] || (process?.cwd?.() ?? '');
}

/** Who recorded the line: a provider proving an example, or a consumer relying on one. */
export type LedgerSide = 'provider' | 'consumer';

/**
 * `passed` / `failed`: a provider verification of the example. `served`: a consumer's request
 * was answered with the example. `refused`: a consumer's request reached the endpoint but no
 * example allowed it (`label` is then the nearest example).
 */
export type LedgerOutcome = 'passed' | 'failed' | 'served' | 'refused';

/** The API that recorded the line. */
export type LedgerTool =
  | 'expectMatchesExample'
  | 'assertMatchesExample'
  | 'verifyProvider'
  | 'toMatchExample'
  | 'abe verify'
  | 'mockFromAbe'
  | 'abe mock';

/** One line of the ledger. */
export interface LedgerEntry {
  readonly v: typeof LEDGER_VERSION;
  readonly side: LedgerSide;
  /** `$ABE_COMPONENT` of the process that wrote it; `null` outside a step of `abe`. */
  readonly component: string | null;
  /** The contract file, relative to `$ABE_ROOT` with `/` separators (absolute when outside it). */
  readonly contract: string;
  /** `GET /users/[0-9]+`: the contract's method and URL pattern. */
  readonly endpoint: string;
  readonly label: string;
  /**
   * Hash of the example's canonical meaning (the form change detection compares): a line
   * about an older version of the example does not count for the current one.
   */
  readonly meaning: string;
  readonly outcome: LedgerOutcome;
  readonly tool: LedgerTool;
  /** The test's full name, where the test runner exposes it. */
  readonly test?: string;
  /** ISO 8601 time of recording. */
  readonly at: string;
}
