import { readFile } from 'node:fs/promises';
import { AbeError } from '../core/abe-error.js';
import { isRecord } from '../core/is-record.js';

// The usage lock lives in the contract layer because both ends need it: affected detection
// (`precision = example`) reads it, the ledger writes it and checks drift against it, and
// neither of those layers may import the other.

/** Version of `abe-usage.json`; a reader refuses another. */
export const USAGE_LOCK_VERSION = 1;

/**
 * `abe-usage.json`: for each contract (repository-relative, `/` separators) and example label,
 * the consumer components that use it, sorted.
 */
export interface UsageLock {
  readonly version: typeof USAGE_LOCK_VERSION;
  readonly contracts: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

/**
 * Parses the text of a usage lock; `shown` names the file in errors.
 *
 * @example
 * parseUsageLock('{"version":1,"contracts":{}}', 'abe-usage.json').contracts // {}
 */
export function parseUsageLock(text: string, shown: string): UsageLock {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw invalid(shown, `it is not JSON (${(error as Error).message})`, error);
  }
  if (!isRecord(value)) throw invalid(shown, 'it is not a JSON object');
  if (value.version !== USAGE_LOCK_VERSION) {
    throw invalid(
      shown,
      `its version is ${JSON.stringify(value.version)}, this abe-ts reads version ${USAGE_LOCK_VERSION}`,
    );
  }
  const contracts = value.contracts;
  if (!isRecord(contracts)) throw invalid(shown, '"contracts" is not an object');
  for (const [file, examples] of Object.entries(contracts)) {
    if (!isRecord(examples)) throw invalid(shown, `"contracts" › "${file}" is not an object`);
    for (const [label, consumers] of Object.entries(examples)) {
      if (!Array.isArray(consumers) || !consumers.every((c) => typeof c === 'string')) {
        throw invalid(shown, `"${file}" › "${label}" is not a list of component names`);
      }
    }
  }
  return value as unknown as UsageLock;
}

/**
 * Reads a usage lock, or `undefined` when the file does not exist.
 *
 * @example
 * const lock = await readUsageLock('/repo/abe-usage.json', 'abe-usage.json');
 */
export async function readUsageLock(path: string, shown: string): Promise<UsageLock | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw invalid(shown, `it cannot be read (${(error as Error).message})`, error);
  }
  return parseUsageLock(text, shown);
}

/**
 * The lock's text as committed: contracts, labels and consumers sorted, two-space indents, a
 * trailing newline, so a rewrite that changes nothing leaves the file byte for byte the same.
 *
 * @example
 * formatUsageLock({ version: 1, contracts: { 'api/get.json': { OK: ['ui', 'mailer'] } } })
 * // '{\n  "version": 1,\n  "contracts": {\n    "api/get.json": {\n      "OK": [\n        "mailer",\n        "ui"\n ...'
 */
export function formatUsageLock(lock: UsageLock): string {
  const contracts: Record<string, Record<string, string[]>> = {};
  for (const file of Object.keys(lock.contracts).sort()) {
    const examples = lock.contracts[file] ?? {};
    const sorted: Record<string, string[]> = {};
    for (const label of Object.keys(examples).sort()) {
      sorted[label] = [...new Set(examples[label] ?? [])].sort();
    }
    contracts[file] = sorted;
  }
  return `${JSON.stringify({ version: USAGE_LOCK_VERSION, contracts }, null, 2)}\n`;
}

/**
 * The labels of `file` the lock says `consumer` uses.
 *
 * @example
 * lockedLabels(lock, 'api/get.json', 'mailer') // ['OK']
 */
export function lockedLabels(lock: UsageLock, file: string, consumer: string): string[] {
  const examples = Object.hasOwn(lock.contracts, file) ? lock.contracts[file] : undefined;
  if (examples === undefined) return [];
  return Object.keys(examples)
    .filter((label) => examples[label]?.includes(consumer) === true)
    .sort();
}

function invalid(shown: string, why: string, cause?: unknown): AbeError {
  return new AbeError('usage-lock.invalid', `the usage lock ${shown} is not valid: ${why}.`, {
    file: shown,
    hint: 'Write it again from a full run: `abe check --all && abe coverage --write-usage`, then commit it.',
    ...(cause === undefined ? {} : { cause }),
  });
}
