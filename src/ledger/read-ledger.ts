import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AbeError } from '../core/abe-error.js';
import { LEDGER_VERSION, type LedgerEntry } from './ledger-entry.js';

/** What a ledger directory holds. */
export interface LedgerRead {
  readonly entries: readonly LedgerEntry[];
  /** Ledger files read (`*.jsonl`). */
  readonly files: number;
  /**
   * Last lines without their newline: a process that died while writing. They are left out
   * (the line was never complete), and counted so a report can say so.
   */
  readonly partialLines: number;
}

const SIDES = new Set(['provider', 'consumer']);
const OUTCOMES = new Set(['passed', 'failed', 'served', 'refused']);

/**
 * Reads every `*.jsonl` file of a ledger directory. A missing directory is an empty ledger. A
 * complete line that is not a ledger entry is an error naming the file and line: a ledger that
 * cannot be trusted must not pass a gate.
 *
 * @example
 * const { entries } = await readLedger('/repo/.abe/ledger');
 */
export async function readLedger(dir: string): Promise<LedgerRead> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.jsonl')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { entries: [], files: 0, partialLines: 0 };
    }
    throw unreadableLedger(dir, error);
  }
  const entries: LedgerEntry[] = [];
  let partialLines = 0;
  for (const name of names) {
    const file = join(dir, name);
    const text = await readFile(file, 'utf8').catch((error: unknown) => {
      throw unreadableLedger(file, error);
    });
    // The piece after the last newline is '' for a whole file, else an unfinished line.
    const end = text.lastIndexOf('\n') + 1;
    if (end < text.length) partialLines++;
    parseLines(text.slice(0, end), file, entries);
  }
  return { entries, files: names.length, partialLines };
}

/** The error for a ledger directory or file that exists but cannot be read. */
export function unreadableLedger(path: string, error: unknown): AbeError {
  return new AbeError('ledger.invalid', `cannot be read (${(error as Error).message})`, {
    file: path,
    hint: 'Make the ledger directory readable by this user, or delete it and run the step again.',
    cause: error,
  });
}

/**
 * Appends the entries of complete lines. The lines are parsed as one JSON array, several times
 * faster than a parse per line on 100,000 lines; only a text that fails that way is parsed line
 * by line, to name the line at fault.
 */
function parseLines(text: string, file: string, out: LedgerEntry[]): void {
  if (text === '') return;
  let values: unknown[] | undefined;
  try {
    values = JSON.parse(`[${text.slice(0, -1).replaceAll('\n', ',')}]`) as unknown[];
  } catch {
    values = undefined;
  }
  // One value per line: a line holding two JSON values must not pass as two entries.
  if (
    values !== undefined &&
    values.length === countLines(text) &&
    values.every((value) => entryProblem(value) === undefined)
  ) {
    for (const value of values) out.push(value as LedgerEntry);
    return;
  }
  text
    .slice(0, -1)
    .split('\n')
    .forEach((line, index) => {
      if (line !== '') out.push(parseLine(line, file, index + 1));
    });
}

function countLines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

function parseLine(line: string, file: string, lineNumber: number): LedgerEntry {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    value = undefined;
  }
  const problem = entryProblem(value);
  if (problem !== undefined) {
    throw new AbeError('ledger.invalid', `${file}:${lineNumber}: not a ledger entry: ${problem}.`, {
      hint: 'Ledger files are written by abe-ts only; delete the directory and run the step again.',
    });
  }
  return value as LedgerEntry;
}

function entryProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return 'the line is not a JSON object';
  }
  const entry = value as Record<string, unknown>;
  if (entry.v !== LEDGER_VERSION) {
    return `version ${JSON.stringify(entry.v)}, this abe-ts reads version ${LEDGER_VERSION}`;
  }
  if (!SIDES.has(entry.side as string)) return 'side is not "provider" or "consumer"';
  if (!OUTCOMES.has(entry.outcome as string))
    return 'outcome is not one of passed, failed, served, refused';
  for (const key of ['contract', 'endpoint', 'label', 'meaning', 'tool', 'at']) {
    if (typeof entry[key] !== 'string') return `"${key}" is not a string`;
  }
  if (entry.component !== null && typeof entry.component !== 'string') {
    return '"component" is not a string or null';
  }
  return undefined;
}
