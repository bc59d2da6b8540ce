import { AbeError } from '../core/abe-error.js';
import {
  COMPONENT_VARIABLE,
  LEDGER_DIR_VARIABLE,
  type LedgerEntry,
  ledgerRootDir,
} from './ledger-entry.js';

// `abe-ts/msw` imports this module and must load in a browser: node built-ins are fetched at
// call time through `process.getBuiltinModule`, never imported, so bundlers never see them.

interface NodeFs {
  mkdirSync(path: string, options: { recursive: true }): unknown;
  openSync(path: string, flags: string): number;
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number): number;
  closeSync(fd: number): void;
}

interface NodePath {
  join(...paths: string[]): string;
}

interface LedgerProcess {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly pid?: number;
  cwd(): string;
  getBuiltinModule?(id: string): unknown;
}

/**
 * The file this process appends to, for the directory it was opened in, with the component
 * and root of the lines it holds (read from the environment when it was opened: a file is one
 * component's, as its name says).
 */
export interface OpenLedger {
  readonly dir: string;
  readonly file: string;
  /** `$ABE_COMPONENT`, or `null`. */
  readonly component: string | null;
  /** `$ABE_ROOT`, else the working directory: contract paths are relative to it. */
  readonly root: string;
  readonly fd: number;
  readonly fs: NodeFs;
}

let open: OpenLedger | undefined;
const encoder = new TextEncoder();
// Lines are encoded into one reused buffer (a longer line gets its own): no allocation per line.
const scratch = new Uint8Array(16_384);

/**
 * The directory entries go to: `$ABE_LEDGER_DIR`, or `undefined` when it is unset or empty
 * (always in a browser). Recorders check it first, so that recording costs nothing when off.
 *
 * @example
 * if (ledgerDirectory() !== undefined) appendLedgerEntry(entry);
 */
export function ledgerDirectory(): string | undefined {
  const dir = (globalThis as { process?: LedgerProcess }).process?.env?.[LEDGER_DIR_VARIABLE];
  return dir === undefined || dir === '' ? undefined : dir;
}

/**
 * Appends one entry, as one JSON line, to this process's own file in `$ABE_LEDGER_DIR`
 * (`<component>-<pid>-<random>.jsonl`, made with its directory on the first entry). Does
 * nothing when the variable is unset. Each line is written by one `write` to a file no other
 * process writes: parallel processes need no lock, and a process killed mid-run leaves
 * complete lines only (or an unfinished last one, which the reader leaves out). A directory
 * that cannot be written is an `AbeError` (`ledger.write`): an entry lost silently would let
 * a consumer's use escape the gate.
 *
 * @example
 * appendLedgerEntry({ v: 1, side: 'provider', component: 'users', contract: 'api/users/get.json',
 *   endpoint: 'GET /users/[0-9]+', label: 'OK', meaning: '3f2a9c0d1b7e4a65', outcome: 'passed',
 *   tool: 'verifyProvider', at: new Date().toISOString() });
 */
export function appendLedgerEntry(entry: LedgerEntry): void {
  const ledger = currentLedger();
  if (ledger !== undefined) writeLedgerLine(ledger, `${JSON.stringify(entry)}\n`);
}

/**
 * Internal: the ledger file of `$ABE_LEDGER_DIR` for this process, opened (and made) on first
 * use and again when the variable changes; `undefined` when it is unset.
 */
export function currentLedger(): OpenLedger | undefined {
  const dir = ledgerDirectory();
  if (dir === undefined) return undefined;
  return open !== undefined && open.dir === dir ? open : openLedger(dir);
}

/** Internal: appends a serialised line (with its newline) in one write. */
export function writeLedgerLine(ledger: OpenLedger, line: string): void {
  let bytes: Uint8Array = scratch;
  let length = 0;
  // encodeInto stops early when the buffer is too small: then the line is encoded on its own.
  const { read, written } = encoder.encodeInto(line, scratch);
  if (read === line.length) length = written;
  else {
    bytes = encoder.encode(line);
    length = bytes.length;
  }
  try {
    // A regular file takes the whole buffer in one write; the loop only guards a short write.
    let done = 0;
    while (done < length) done += ledger.fs.writeSync(ledger.fd, bytes, done, length - done);
  } catch (error) {
    throw writeError(ledger.file, error);
  }
}

function openLedger(dir: string): OpenLedger {
  const process = (globalThis as { process?: LedgerProcess }).process as LedgerProcess;
  const fs = process.getBuiltinModule?.('node:fs') as NodeFs | undefined;
  const path = process.getBuiltinModule?.('node:path') as NodePath | undefined;
  if (fs === undefined || path === undefined) {
    throw new AbeError(
      'ledger.write',
      `${LEDGER_DIR_VARIABLE} is set to "${dir}", but this runtime has no process.getBuiltinModule to write the ledger with.`,
      { hint: `Use Node.js 20.19 or later, or unset ${LEDGER_DIR_VARIABLE}.` },
    );
  }
  // The directory changed (tests point it elsewhere): the old file is complete, close it.
  if (open !== undefined) closeQuietly(open);
  open = undefined;
  const component = process.env?.[COMPONENT_VARIABLE] || null;
  const root = ledgerRootDir();
  // Worker threads share the pid: the random part keeps their files apart.
  const random = globalThis.crypto.randomUUID().slice(0, 8);
  const name = `${fileSafe(component ?? 'none')}-${process.pid ?? 0}-${random}.jsonl`;
  const file = path.join(dir, name);
  try {
    fs.mkdirSync(dir, { recursive: true });
    open = { dir, file, component, root, fd: fs.openSync(file, 'a'), fs };
  } catch (error) {
    throw writeError(file, error);
  }
  return open;
}

function closeQuietly(ledger: OpenLedger): void {
  try {
    ledger.fs.closeSync(ledger.fd);
  } catch {
    // Already closed or gone: nothing was pending, every line was written whole.
  }
}

function writeError(file: string, error: unknown): AbeError {
  return new AbeError(
    'ledger.write',
    `cannot write the ledger file ${file}: ${error instanceof Error ? error.message : String(error)}.`,
    {
      hint: `abe records every verification and mocked use there (${LEDGER_DIR_VARIABLE}); make the directory writable, or run with ABE_LEDGER=off to record nothing.`,
      cause: error,
    },
  );
}

// builder.ini section names are free text; a file name keeps letters, digits, `.`, `_`, `-`.
function fileSafe(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}
