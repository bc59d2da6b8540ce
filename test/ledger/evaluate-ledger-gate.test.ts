import { describe, expect, test } from 'vitest';
import type { Coverage, ExampleRef } from '../../src/ledger/build-coverage.js';
import { evaluateLedgerGate } from '../../src/ledger/evaluate-ledger-gate.js';
import { bareContracts, coverageOf } from '../helpers/coverage.js';

function ref(
  file: string,
  label: string,
  consumers: string[],
  provider: ExampleRef['provider'],
): ExampleRef {
  return { file, owner: 'api', label, line: 4, column: 5, provider, consumers };
}

function coverage(used: ExampleRef[], neither: ExampleRef[]): Coverage {
  const files = [...new Set([...used, ...neither].map((r) => r.file))];
  return coverageOf({ contracts: bareContracts(files), usedNotVerified: used, neither });
}

const passedSteps = new Map([['api', 'passed' as const]]);

describe('evaluateLedgerGate', () => {
  test('several consumers are joined with "and"', () => {
    const result = evaluateLedgerGate(
      coverage([ref('a.json', 'OK', ['mailer', 'reports', 'ui'], 'not run')], []),
      {
        scope: 'all',
        unverifiedUse: 'error',
        neverVerified: 'warn',
        providerSteps: passedSteps,
      },
    );
    expect(result.findings[0]?.message).toBe(
      'example "OK" of a.json was used by mailer, reports and ui, but no provider test verified it',
    );
  });

  test('only contracts in scope are checked', () => {
    const result = evaluateLedgerGate(
      coverage(
        [ref('a.json', 'OK', ['ui'], 'not run'), ref('b.json', 'OK', ['ui'], 'not run')],
        [],
      ),
      {
        scope: ['b.json'],
        unverifiedUse: 'error',
        neverVerified: 'warn',
        providerSteps: passedSteps,
      },
    );
    expect(result.checked).toEqual(['b.json']);
    expect(result.findings.map((f) => f.file)).toEqual(['b.json']);
  });

  test('each policy: error and warn set the severity, off makes no finding', () => {
    const input = coverage(
      [ref('a.json', 'OK', ['ui'], 'failed')],
      [ref('a.json', 'gone', [], 'not run')],
    );
    const severities = (
      unverifiedUse: 'error' | 'warn' | 'off',
      neverVerified: 'error' | 'warn' | 'off',
    ) =>
      evaluateLedgerGate(input, {
        scope: 'all',
        unverifiedUse,
        neverVerified,
        providerSteps: passedSteps,
      }).findings.map((f) => `${f.kind}:${f.severity}`);
    expect(severities('error', 'warn')).toEqual([
      'used-not-verified:error',
      'never-verified:warning',
    ]);
    expect(severities('warn', 'error')).toEqual([
      'used-not-verified:warning',
      'never-verified:error',
    ]);
    expect(severities('off', 'off')).toEqual([]);
  });

  test('a provider step that did not run is said', () => {
    const result = evaluateLedgerGate(coverage([ref('a.json', 'OK', ['ui'], 'not run')], []), {
      scope: 'all',
      unverifiedUse: 'error',
      neverVerified: 'warn',
      providerSteps: new Map(),
    });
    expect(result.findings[0]?.message).toMatch(
      /; the provider's test step did not run \(api test\)$/,
    );
    expect(result.findings[0]?.providerStep).toBe('not run');
  });
});
