// evaluateLedgerGate on a hand-built coverage: scope, order, severities, provider steps and the
// exact message of every finding.
import { describe, expect, test } from 'vitest';
import type { Coverage, ExampleRef } from '../../src/ledger/build-coverage.js';
import {
  evaluateLedgerGate,
  type LedgerGateOptions,
  type ProviderStepStatus,
} from '../../src/ledger/evaluate-ledger-gate.js';
import { bareContracts, coverageOf } from '../helpers/coverage.js';

function ref(
  file: string,
  owner: string,
  label: string,
  line: number,
  provider: ExampleRef['provider'],
  consumers: string[] = [],
): ExampleRef {
  return { file, owner, label, line, column: line + 2, provider, consumers };
}

function coverage(files: string[], used: ExampleRef[], neither: ExampleRef[]): Coverage {
  return coverageOf({ contracts: bareContracts(files), usedNotVerified: used, neither });
}

const steps = new Map<string, ProviderStepStatus>([
  ['api', 'passed'],
  ['web', 'failed'],
  ['db', 'not run'],
]);

const options = (rest: Partial<LedgerGateOptions> = {}): LedgerGateOptions => ({
  scope: 'all',
  unverifiedUse: 'error',
  neverVerified: 'warn',
  providerSteps: steps,
  ...rest,
});

describe('evaluateLedgerGate, whole findings', () => {
  test('findings of both kinds, in scope only, sorted by file then line, with exact messages', () => {
    const input = coverage(
      ['a.json', 'b.json', 'c.json'],
      [
        ref('a.json', 'api', 'OK', 9, 'failed', ['ui']),
        ref('c.json', 'web', 'OK', 3, 'not run', ['mailer', 'ui']),
        ref('b.json', 'api', 'OK', 1, 'not run', ['ui']),
      ],
      [
        ref('c.json', 'api', 'spare', 7, 'not run'),
        ref('a.json', 'cache', 'empty', 4, 'not run'),
        ref('b.json', 'api', 'spare', 2, 'not run'),
      ],
    );
    const result = evaluateLedgerGate(
      input,
      options({ scope: ['c.json', 'a.json', 'undeclared.json'] }),
    );
    expect(result).toEqual({
      checked: ['a.json', 'c.json'],
      findings: [
        {
          kind: 'never-verified',
          severity: 'warning',
          file: 'a.json',
          owner: 'cache',
          label: 'empty',
          line: 4,
          column: 6,
          consumers: [],
          providerStep: 'not run',
          message:
            'example "empty" of a.json was never verified by a provider test; the provider\'s test step did not run (cache test)',
        },
        {
          kind: 'used-not-verified',
          severity: 'error',
          file: 'a.json',
          owner: 'api',
          label: 'OK',
          line: 9,
          column: 11,
          consumers: ['ui'],
          providerStep: 'passed',
          message:
            'example "OK" of a.json was used by ui, but no provider test verified it; its provider test failed',
        },
        {
          kind: 'used-not-verified',
          severity: 'error',
          file: 'c.json',
          owner: 'web',
          label: 'OK',
          line: 3,
          column: 5,
          consumers: ['mailer', 'ui'],
          providerStep: 'failed',
          message:
            'example "OK" of c.json was used by mailer and ui, but no provider test verified it; the provider\'s test step failed (web test)',
        },
        {
          kind: 'never-verified',
          severity: 'warning',
          file: 'c.json',
          owner: 'api',
          label: 'spare',
          line: 7,
          column: 9,
          consumers: [],
          providerStep: 'passed',
          message: 'example "spare" of c.json was never verified by a provider test',
        },
      ],
    });
  });

  test('a provider step recorded as not run is said like a missing one', () => {
    const input = coverage(['a.json'], [ref('a.json', 'db', 'OK', 1, 'failed', ['ui'])], []);
    expect(evaluateLedgerGate(input, options()).findings.map((f) => f.message)).toEqual([
      'example "OK" of a.json was used by ui, but no provider test verified it; the provider\'s test step did not run (db test)',
    ]);
  });

  test('a passed provider step with an example not run says nothing more', () => {
    const input = coverage(
      ['a.json'],
      [ref('a.json', 'api', 'OK', 1, 'not run', ['ui'])],
      [ref('a.json', 'api', 'spare', 2, 'not run')],
    );
    expect(evaluateLedgerGate(input, options()).findings.map((f) => f.message)).toEqual([
      'example "OK" of a.json was used by ui, but no provider test verified it',
      'example "spare" of a.json was never verified by a provider test',
    ]);
  });

  test('findings of one file are ordered by line whatever the order of the lists', () => {
    const input = coverage(
      ['a.json'],
      [ref('a.json', 'api', 'late', 30, 'not run', ['ui'])],
      [ref('a.json', 'api', 'mid', 20, 'not run'), ref('a.json', 'api', 'early', 10, 'not run')],
    );
    expect(evaluateLedgerGate(input, options()).findings.map((f) => f.label)).toEqual([
      'early',
      'mid',
      'late',
    ]);
  });

  test('findings of several files are ordered by file whatever the lines', () => {
    const input = coverage(
      ['a.json', 'b.json'],
      [ref('b.json', 'api', 'OK', 1, 'not run', ['ui'])],
      [ref('a.json', 'api', 'spare', 50, 'not run')],
    );
    expect(evaluateLedgerGate(input, options()).findings.map((f) => f.file)).toEqual([
      'a.json',
      'b.json',
    ]);
  });

  test('scope all checks every declared contract in the order of the coverage', () => {
    const input = coverage(['b.json', 'a.json'], [], [ref('a.json', 'api', 'spare', 1, 'not run')]);
    const result = evaluateLedgerGate(input, options());
    expect(result.checked).toEqual(['b.json', 'a.json']);
    expect(result.findings.map((f) => f.label)).toEqual(['spare']);
  });

  test('an empty scope checks nothing and finds nothing', () => {
    const input = coverage(
      ['a.json'],
      [ref('a.json', 'api', 'OK', 1, 'not run', ['ui'])],
      [ref('a.json', 'api', 'spare', 2, 'not run')],
    );
    expect(evaluateLedgerGate(input, options({ scope: [] }))).toEqual({
      checked: [],
      findings: [],
    });
  });

  test.each([
    ['error', 'off', ['used-not-verified:error']],
    ['warn', 'off', ['used-not-verified:warning']],
    ['off', 'error', ['never-verified:error']],
    ['off', 'warn', ['never-verified:warning']],
  ] as const)('unverified-use %s, never-verified %s: %j', (unverifiedUse, neverVerified, want) => {
    const input = coverage(
      ['a.json'],
      [ref('a.json', 'api', 'OK', 1, 'not run', ['ui'])],
      [ref('a.json', 'api', 'spare', 2, 'not run')],
    );
    const found = evaluateLedgerGate(input, options({ unverifiedUse, neverVerified }));
    expect(found.findings.map((f) => `${f.kind}:${f.severity}`)).toEqual(want);
  });

  test.each([
    [['ui'], 'example "OK" of a.json was used by ui, but no provider test verified it'],
    [
      ['mailer', 'ui'],
      'example "OK" of a.json was used by mailer and ui, but no provider test verified it',
    ],
    [
      ['a', 'b', 'c', 'd'],
      'example "OK" of a.json was used by a, b, c and d, but no provider test verified it',
    ],
  ])('consumers %j are named as in prose', (consumers, message) => {
    const input = coverage(['a.json'], [ref('a.json', 'api', 'OK', 1, 'not run', consumers)], []);
    expect(evaluateLedgerGate(input, options()).findings.map((f) => f.message)).toEqual([message]);
  });
});
