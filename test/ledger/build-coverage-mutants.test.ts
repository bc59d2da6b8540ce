// buildCoverage as a pure function: hand-built contracts and ledger lines, whole results compared
// exactly, so every count, list and order is pinned.
import { describe, expect, test } from 'vitest';
import { parseContract } from '../../src/contract/parse-contract.js';
import type { Contract } from '../../src/contract/types.js';
import {
  buildCoverage,
  type DeclaredContract,
  type ExampleCoverage,
} from '../../src/ledger/build-coverage.js';
import { exampleMeaningHash } from '../../src/ledger/example-meaning-hash.js';
import type { LedgerEntry, LedgerOutcome } from '../../src/ledger/ledger-entry.js';

// One example per line: example "P" is at line 5, column 5, "F" at line 6, and so on.
const B_TEXT = `{
  "url": "/b/[0-9]+",
  "method": "POST",
  "examples": {
    "P": { "request": { "url": "/b/1" }, "response": { "status": 200 } },
    "F": { "request": { "url": "/b/2" }, "response": { "status": 201 } },
    "N": { "request": { "url": "/b/3" }, "response": { "status": 202 } },
    "V": { "request": { "url": "/b/4" }, "response": { "status": 203 } },
    "X": { "request": { "url": "/b/5" }, "response": { "status": 204 } },
    "Z": { "request": { "url": "/b/6" }, "response": { "status": 205 } }
  }
}
`;

const A_TEXT = `{
  "url": "/a",
  "method": "GET",
  "examples": { "OK": { "response": { "status": 200 } } }
}
`;

const B = parseContract(B_TEXT, { source: 'svc/b.json' });
// A contract whose positions are unknown: its examples are placed at 1:1.
const A: Contract = { ...parseContract(A_TEXT, { source: 'svc/a.json' }), locate: () => undefined };

function meaningOf(contract: Contract, label: string): string {
  const example = contract.examples.find((e) => e.label === label);
  if (example === undefined) throw new Error(`no example ${label}`);
  return exampleMeaningHash(contract, example);
}

function line(
  contract: string,
  label: string,
  outcome: LedgerOutcome,
  component: string | null,
  meaning: string,
): LedgerEntry {
  const provider = outcome === 'passed' || outcome === 'failed';
  return {
    v: 1,
    side: provider ? 'provider' : 'consumer',
    component,
    contract,
    endpoint: 'POST /b/[0-9]+',
    label,
    meaning,
    outcome,
    tool: provider ? 'expectMatchesExample' : 'mockFromAbe',
    at: new Date(0).toISOString(),
  };
}

/** A line about the current version of an example of B. */
const b = (label: string, outcome: LedgerOutcome, component: string | null) =>
  line('svc/b.json', label, outcome, component, meaningOf(B, label));

function example(
  label: string,
  lineNumber: number,
  rest: Partial<ExampleCoverage>,
  contract = B,
): ExampleCoverage {
  return {
    label,
    line: lineNumber,
    column: lineNumber === 1 ? 1 : 5,
    meaning: meaningOf(contract, label),
    provider: 'not run',
    passed: 0,
    failed: 0,
    consumers: [],
    refusedFor: [],
    staleLines: 0,
    ...rest,
  };
}

const declared: DeclaredContract[] = [
  { file: 'svc/b.json', owner: 'svc', contract: B },
  { file: 'svc/a.json', owner: 'other', contract: A },
];

const entries: LedgerEntry[] = [
  line('vendor/z.json', 'OK', 'served', 'web', '0000000000000000'),
  b('P', 'served', 'web'),
  b('P', 'passed', 'svc'),
  b('P', 'served', null),
  b('P', 'failed', 'svc'),
  b('P', 'served', 'app'),
  b('P', 'served', 'web'),
  b('F', 'failed', 'svc'),
  b('F', 'served', 'web'),
  b('F', 'failed', 'svc'),
  b('N', 'served', 'web'),
  b('N', 'refused', 'app'),
  line('svc/b.json', 'N', 'passed', 'svc', 'an older version'),
  b('N', 'refused', null),
  b('V', 'passed', 'svc'),
  b('V', 'passed', 'svc'),
  b('X', 'failed', 'svc'),
  b('X', 'refused', 'web'),
  line('svc/b.json', 'Z', 'served', 'web', 'an older version'),
  line('svc/b.json', 'gone', 'passed', 'svc', 'whatever'),
  line('svc/b.json', 'gone', 'served', 'web', 'whatever'),
  line('vendor/y.json', 'OK', 'served', 'app', '0000000000000000'),
  line('vendor/y.json', 'OK', 'served', null, '0000000000000000'),
  line('vendor/y.json', 'other', 'served', 'app', '0000000000000000'),
];

const ref = (label: string, lineNumber: number, provider: string, consumers: string[]) => ({
  file: 'svc/b.json',
  owner: 'svc',
  label,
  line: lineNumber,
  column: 5,
  provider,
  consumers,
});

describe('buildCoverage, whole results', () => {
  test('every example, list, undeclared contract and total of a mixed ledger', () => {
    const coverage = buildCoverage(declared, entries);
    expect(coverage).toEqual({
      contracts: [
        {
          file: 'svc/a.json',
          owner: 'other',
          endpoint: 'GET /a',
          unknownLabelLines: 0,
          examples: [example('OK', 1, {}, A)],
        },
        {
          file: 'svc/b.json',
          owner: 'svc',
          endpoint: 'POST /b/[0-9]+',
          unknownLabelLines: 2,
          examples: [
            example('P', 5, {
              provider: 'passed',
              passed: 1,
              failed: 1,
              consumers: ['(outside abe)', 'app', 'web'],
            }),
            example('F', 6, { provider: 'failed', failed: 2, consumers: ['web'] }),
            example('N', 7, {
              consumers: ['web'],
              refusedFor: ['(outside abe)', 'app'],
              staleLines: 1,
            }),
            example('V', 8, { provider: 'passed', passed: 2 }),
            example('X', 9, { provider: 'failed', failed: 1, refusedFor: ['web'] }),
            example('Z', 10, { staleLines: 1 }),
          ],
        },
      ],
      undeclared: [
        { file: 'vendor/y.json', lines: 3, components: ['(outside abe)', 'app'] },
        { file: 'vendor/z.json', lines: 1, components: ['web'] },
      ],
      usedNotVerified: [ref('F', 6, 'failed', ['web']), ref('N', 7, 'not run', ['web'])],
      verifiedNotUsed: [ref('V', 8, 'passed', [])],
      neither: [
        {
          file: 'svc/a.json',
          owner: 'other',
          label: 'OK',
          line: 1,
          column: 1,
          provider: 'not run',
          consumers: [],
        },
        ref('X', 9, 'failed', []),
        ref('Z', 10, 'not run', []),
      ],
      totals: {
        contracts: 2,
        examples: 7,
        verified: 2,
        failed: 2,
        notRun: 3,
        used: 3,
        lines: 24,
        staleLines: 2,
      },
    });
  });

  test('with no ledger lines every example is neither verified nor used', () => {
    const coverage = buildCoverage([declared[1] as DeclaredContract], []);
    expect(coverage).toEqual({
      contracts: [
        {
          file: 'svc/a.json',
          owner: 'other',
          endpoint: 'GET /a',
          unknownLabelLines: 0,
          examples: [example('OK', 1, {}, A)],
        },
      ],
      undeclared: [],
      usedNotVerified: [],
      verifiedNotUsed: [],
      neither: [
        {
          file: 'svc/a.json',
          owner: 'other',
          label: 'OK',
          line: 1,
          column: 1,
          provider: 'not run',
          consumers: [],
        },
      ],
      totals: {
        contracts: 1,
        examples: 1,
        verified: 0,
        failed: 0,
        notRun: 1,
        used: 0,
        lines: 0,
        staleLines: 0,
      },
    });
  });

  test('declared contracts of the same file keep the order they were given in', () => {
    const twice: DeclaredContract[] = [
      { file: 'svc/a.json', owner: 'first', contract: A },
      { file: 'svc/a.json', owner: 'second', contract: A },
    ];
    expect(buildCoverage(twice, []).contracts.map((c) => c.owner)).toEqual(['first', 'second']);
  });
});
