// findUsageDrift on a hand-built coverage and lock: which consumer, contract and label drifted,
// which way, in which order.
import { describe, expect, test } from 'vitest';
import type { UsageLock } from '../../src/contract/usage-lock.js';
import type { ContractCoverage, Coverage } from '../../src/ledger/build-coverage.js';
import { findUsageDrift } from '../../src/ledger/find-usage-drift.js';
import { coverageOf } from '../helpers/coverage.js';

/** A contract whose examples are used by the consumers given per label. */
function contract(file: string, owner: string, used: Record<string, string[]>): ContractCoverage {
  return {
    file,
    owner,
    endpoint: 'GET /x',
    unknownLabelLines: 0,
    examples: Object.entries(used).map(([label, consumers]) => ({
      label,
      line: 1,
      column: 1,
      meaning: '0000000000000000',
      provider: 'passed',
      passed: 1,
      failed: 0,
      consumers,
      refusedFor: [],
      staleLines: 0,
    })),
  };
}

function coverage(contracts: ContractCoverage[]): Coverage {
  return coverageOf({ contracts });
}

const lock: UsageLock = {
  version: 1,
  contracts: {
    'api/users.json': { OK: ['mailer', 'ui'], gone: ['mailer'], also: ['mailer'] },
    'web/page.json': { home: ['mailer'] },
  },
};

describe('findUsageDrift', () => {
  test('new uses and gone ones, per consumer in order, new before gone, labels sorted', () => {
    const input = coverage([
      contract('api/users.json', 'api', {
        zeta: ['mailer'],
        OK: ['ui', 'mailer'],
        beta: ['mailer', 'ui'],
        unused: [],
      }),
      contract('web/page.json', 'web', { home: [], banner: ['mailer'] }),
      contract('api/orders.json', 'api', { list: ['ui'] }),
    ]);
    const drift = findUsageDrift(input, lock, [
      { name: 'ui', consumes: ['api'] },
      { name: 'mailer', consumes: ['db', 'api'] },
    ]);
    expect(drift).toEqual([
      { consumer: 'ui', file: 'api/users.json', label: 'beta', change: 'new' },
      { consumer: 'ui', file: 'api/orders.json', label: 'list', change: 'new' },
      { consumer: 'mailer', file: 'api/users.json', label: 'beta', change: 'new' },
      { consumer: 'mailer', file: 'api/users.json', label: 'zeta', change: 'new' },
      { consumer: 'mailer', file: 'api/users.json', label: 'also', change: 'gone' },
      { consumer: 'mailer', file: 'api/users.json', label: 'gone', change: 'gone' },
    ]);
  });

  test('a consumer whose use matches the lock has no drift', () => {
    const input = coverage([
      contract('api/users.json', 'api', { OK: ['ui', 'mailer'], gone: [], also: [] }),
    ]);
    expect(findUsageDrift(input, lock, [{ name: 'ui', consumes: ['api'] }])).toEqual([]);
  });

  test('contracts of a provider the consumer does not consume are not compared', () => {
    const input = coverage([contract('web/page.json', 'web', { banner: ['mailer'] })]);
    expect(findUsageDrift(input, lock, [{ name: 'mailer', consumes: ['api'] }])).toEqual([]);
    expect(findUsageDrift(input, lock, [{ name: 'mailer', consumes: ['web'] }])).toEqual([
      { consumer: 'mailer', file: 'web/page.json', label: 'banner', change: 'new' },
      { consumer: 'mailer', file: 'web/page.json', label: 'home', change: 'gone' },
    ]);
  });

  test('no rerun consumer, no drift', () => {
    const input = coverage([contract('api/users.json', 'api', { beta: ['mailer'] })]);
    expect(findUsageDrift(input, lock, [])).toEqual([]);
  });
});
