import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AbeError } from '../core/abe-error.js';
import { unreadableLedger } from './read-ledger.js';

/** `run.json` in the ledger directory: the run whose steps wrote the ledger. */
export interface LedgerRun {
  readonly v: 1;
  /** The abe command that ran the steps: `check`, `test` or `build`. */
  readonly command: string;
  /** Whether every component was selected (`--all`), rather than what the change affects. */
  readonly all: boolean;
  /** The components selected, in build order. */
  readonly components: readonly string[];
  /** ISO 8601 time the run started. */
  readonly startedAt: string;
  /** The commit checked out, or `null` outside git or before the first commit. */
  readonly head: string | null;
}

/** The file of the run record, in the ledger directory. */
export const LEDGER_RUN_FILE = 'run.json';

/** `ABE_LEDGER=off` in abe's environment: record nothing (the escape hatch). */
export const LEDGER_SWITCH_VARIABLE = 'ABE_LEDGER';

/**
 * Whether `abe` records a ledger for the steps it runs: yes unless `ABE_LEDGER=off`.
 *
 * @example
 * ledgerEnabled({ ABE_LEDGER: 'off' }) // false
 */
export function ledgerEnabled(env: Readonly<Record<string, string | undefined>>): boolean {
  return env[LEDGER_SWITCH_VARIABLE] !== 'off';
}

/**
 * The ledger directory of a repository: `<root>/.abe/ledger`.
 *
 * @example
 * ledgerDirOf('/repo') // '/repo/.abe/ledger'
 */
export function ledgerDirOf(root: string): string {
  return join(root, '.abe', 'ledger');
}

/**
 * Starts the ledger of a run: empties the directory (a ledger describes one run, and a file
 * left from the last would count verifications that did not happen in this one), then writes
 * `run.json`. A directory that cannot be written is an `AbeError` (`ledger.write`).
 *
 * @example
 * startLedgerRun('/repo/.abe/ledger', { v: 1, command: 'check', all: false,
 *   components: ['users', 'mailer'], startedAt: new Date().toISOString(), head: '1f3e2d1…' });
 */
export function startLedgerRun(dir: string, run: LedgerRun): void {
  try {
    mkdirSync(dir, { recursive: true });
    for (const name of readdirSync(dir)) rmSync(join(dir, name), { recursive: true, force: true });
    writeFileSync(join(dir, LEDGER_RUN_FILE), `${JSON.stringify(run, null, 2)}\n`);
  } catch (error) {
    throw new AbeError(
      'ledger.write',
      `cannot start the ledger in ${dir}: ${error instanceof Error ? error.message : String(error)}.`,
      {
        hint: 'abe records what the steps verify and mock there; make the directory writable, or set ABE_LEDGER=off to record nothing.',
        cause: error,
      },
    );
  }
}

/**
 * The run record of a ledger directory, or `undefined` when there is none (no run has
 * recorded, or it ran with `ABE_LEDGER=off`). A file that is not a run record is an
 * `AbeError` (`ledger.invalid`).
 *
 * @example
 * const run = readLedgerRun('/repo/.abe/ledger');
 * if (run?.all) …
 */
export function readLedgerRun(dir: string): LedgerRun | undefined {
  const file = join(dir, LEDGER_RUN_FILE);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw unreadableLedger(file, error);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const problem = runProblem(value);
  if (problem !== undefined) {
    throw new AbeError('ledger.invalid', `not a ledger run record: ${problem}.`, {
      file,
      hint: 'abe writes it at the start of build, test and check; delete the ledger directory and run again.',
    });
  }
  return value as LedgerRun;
}

function runProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return 'it is not a JSON object';
  }
  const run = value as Record<string, unknown>;
  if (run.v !== 1) return `version ${JSON.stringify(run.v)}, this abe-ts reads version 1`;
  if (typeof run.command !== 'string') return '"command" is not a string';
  if (typeof run.all !== 'boolean') return '"all" is not a boolean';
  if (!Array.isArray(run.components) || run.components.some((name) => typeof name !== 'string')) {
    return '"components" is not a list of names';
  }
  if (typeof run.startedAt !== 'string') return '"startedAt" is not a string';
  if (run.head !== null && typeof run.head !== 'string') return '"head" is not a string or null';
  return undefined;
}
