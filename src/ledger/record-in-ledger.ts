import type { Contract, Example } from '../contract/types.js';
import { currentLedger, writeLedgerLine } from './append-ledger-entry.js';
import { ledgerContractPath } from './contract-file.js';
import { exampleMeaningHash } from './example-meaning-hash.js';
import {
  COMPONENT_VARIABLE,
  LEDGER_VERSION,
  type LedgerEntry,
  type LedgerOutcome,
  type LedgerSide,
  type LedgerTool,
  ledgerRootDir,
} from './ledger-entry.js';

/** What a recorder knows when an example was verified or used. */
export interface LedgerRecord {
  readonly side: LedgerSide;
  readonly tool: LedgerTool;
  readonly contract: Contract;
  /** The example (msw's copy of it as a consumer sends it is taken back to the contract's). */
  readonly example: Example;
  readonly outcome: LedgerOutcome;
  /** The test's full name, where the test runner exposes it. */
  readonly test?: string | undefined;
}

/** The component a line is recorded for, and the root its contract is named from. */
export interface LedgerPlace {
  readonly component: string | null;
  readonly root: string;
}

/**
 * Records one verification or use of an example in the ledger, when `$ABE_LEDGER_DIR` is set
 * (by `abe` for every step it runs); otherwise does nothing and computes nothing.
 *
 * @example
 * recordInLedger({ side: 'provider', tool: 'expectMatchesExample', contract, example, outcome: 'passed' });
 */
export function recordInLedger(record: LedgerRecord): void {
  const ledger = currentLedger();
  if (ledger === undefined) return;
  writeLedgerLine(ledger, ledgerLine(record, ledger));
}

/**
 * The ledger line for a record: the contract named from the repository root, the endpoint as
 * msw names it (`GET /users/[0-9]+`), the hash of the example's meaning. `place` defaults to
 * `$ABE_COMPONENT` and `$ABE_ROOT` (else the working directory).
 *
 * @example
 * ledgerEntry({ side: 'consumer', tool: 'mockFromAbe', contract, example, outcome: 'served' }).endpoint
 * // 'GET /users/[0-9]+'
 */
export function ledgerEntry(
  record: LedgerRecord,
  place: LedgerPlace = placeFromEnv(),
): LedgerEntry {
  const { contract, test } = record;
  const example = ownExample(contract, record.example);
  return {
    v: LEDGER_VERSION,
    side: record.side,
    component: place.component,
    contract: ledgerContractPath(contract, place.root),
    endpoint: `${example.request.method} ${contract.pattern.source}`,
    label: example.label,
    meaning: exampleMeaningHash(contract, example),
    outcome: record.outcome,
    tool: record.tool,
    ...(test === undefined || test === '' ? {} : { test }),
    at: new Date().toISOString(),
  };
}

/** The fields of a line that stay the same from one use of an example to the next, serialised. */
interface ConstantPart {
  readonly side: LedgerSide;
  readonly tool: LedgerTool;
  readonly outcome: LedgerOutcome;
  readonly component: string | null;
  /** The contract as the line names it (copies of one contract object share it). */
  readonly contract: string;
  /** `{"v":1,…,"tool":"…"` without its closing brace. */
  readonly text: string;
}

// A mocked endpoint answers the same example thousands of times in a test run: everything but
// the test name and the time is serialised once per example, side, tool, outcome, component
// and contract name. (Serialising the whole entry each time cost half of a line's time.)
const constantParts = new WeakMap<Example, ConstantPart[]>();

/** `JSON.stringify(ledgerEntry(record, place))` with its newline, made from a cached prefix. */
function ledgerLine(record: LedgerRecord, place: LedgerPlace): string {
  const { side, tool, outcome, test } = record;
  const { component } = place;
  const contract = ledgerContractPath(record.contract, place.root);
  let parts = constantParts.get(record.example);
  if (parts === undefined) {
    parts = [];
    constantParts.set(record.example, parts);
  }
  let part: ConstantPart | undefined;
  for (const each of parts) {
    if (
      each.side === side &&
      each.tool === tool &&
      each.outcome === outcome &&
      each.component === component &&
      each.contract === contract
    ) {
      part = each;
      break;
    }
  }
  if (part === undefined) {
    const { test: _test, at: _at, ...constant } = ledgerEntry(record, place);
    const text = JSON.stringify(constant).slice(0, -1);
    part = { side, tool, outcome, component, contract, text };
    parts.push(part);
  }
  const named = test === undefined || test === '' ? '' : `,"test":${JSON.stringify(test)}`;
  return `${part.text}${named},"at":"${isoNow()}"}\n`;
}

// Requests come many per millisecond: the time's text is made once per millisecond.
let lastMs = -1;
let lastIso = '';

function isoNow(): string {
  const now = Date.now();
  if (now !== lastMs) {
    lastMs = now;
    lastIso = new Date(now).toISOString();
  }
  return lastIso;
}

function placeFromEnv(): LedgerPlace {
  const process = (
    globalThis as { process?: { env?: Record<string, string | undefined>; cwd(): string } }
  ).process;
  return {
    component: process?.env?.[COMPONENT_VARIABLE] || null,
    root: ledgerRootDir(),
  };
}

// msw answers from a copy of each example as a consumer can send it (a GET's `{}` body
// dropped); its meaning is the contract's example's, found by label.
function ownExample(contract: Contract, example: Example): Example {
  if (contract.examples.includes(example)) return example;
  return contract.examples.find((candidate) => candidate.label === example.label) ?? example;
}
