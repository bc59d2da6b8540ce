import { describe, expect, test } from 'vitest';
import { loadContract } from '../../src/contract/load-contract.js';
import { AbeError } from '../../src/core/abe-error.js';
import { ExampleAssertionError, verifyProvider } from '../../src/provider/index.js';
import { expressApp, fastifyApp, honoApp } from './apps.js';
import { ROOT, USERS } from './helpers.js';

const ORDERS = 'orders/get-order.json';

describe('verifyProvider', () => {
  test('reports every example in file order as passed or failed, with the request and mismatches', async () => {
    const report = await verifyProvider(expressApp(), USERS, { root: ROOT, throw: false });
    expect(report.passed).toEqual([
      { file: USERS, label: 'OK' },
      { file: USERS, label: 'not found' },
    ]);
    expect(report.failed.map((failure) => [failure.label, failure.request])).toEqual([
      ['renamed', 'GET /users/2'],
      ['with email', 'GET /users/3'],
      ['gone', 'GET /users/7'],
      ['uncached', 'GET /users/1'],
    ]);
    expect(report.failed[0]?.mismatches.map((mismatch) => mismatch.path)).toEqual(['/body/name']);
    expect(report.skipped).toEqual([]);
  });

  test('throws one assertion error listing every failure by default', async () => {
    const error = await verifyProvider(fastifyApp(), USERS, { root: ROOT }).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(ExampleAssertionError);
    const { message, failures, report } = error as ExampleAssertionError;
    expect(message).toContain('4 of 6 examples did not match');
    for (const label of ['renamed', 'with email', 'gone', 'uncached']) {
      expect(message).toContain(`users/get-user.json#${label}  GET`);
    }
    expect(failures).toHaveLength(4);
    expect(report?.passed).toHaveLength(2);
  });

  test('expands globs and directories against the root, sorted, each file once', async () => {
    const report = await verifyProvider(
      expressApp(),
      ['users/', 'users/*.json', 'notes/put-note.json'],
      {
        root: ROOT,
        throw: false,
      },
    );
    const files = [...new Set([...report.passed, ...report.failed].map((entry) => entry.file))];
    expect(files).toEqual([
      'users/create-user.json',
      'users/get-user.json',
      'users/search-users.json',
      'notes/put-note.json',
    ]);
  });

  test('runs an example after its provider state, which makes it hold', async () => {
    const orders = new Map<number, unknown>();
    const app = expressApp(orders);
    const without = await verifyProvider(app, ORDERS, { root: ROOT, throw: false });
    expect(without.failed.map((failure) => failure.label)).toEqual(['existing order']);

    const seen: string[] = [];
    const report = await verifyProvider(app, ORDERS, {
      root: ROOT,
      beforeEach: ({ label }) => {
        seen.push(`before ${label}`);
        orders.clear();
      },
      states: {
        'orders/get-order.json#existing order': ({ label }) => {
          seen.push(`state ${label}`);
          orders.set(42, { id: 42, item: 'book' });
        },
      },
      afterEach: ({ label }) => {
        seen.push(`after ${label}`);
      },
    });
    expect(report.passed).toHaveLength(2);
    expect(seen).toEqual([
      'before existing order',
      'state existing order',
      'after existing order',
      'before no such order',
      'after no such order',
    ]);
  });

  test('finds a state keyed by label alone, and a file#label key wins over it', async () => {
    const orders = new Map<number, unknown>();
    const ran: string[] = [];
    await verifyProvider(expressApp(orders), ORDERS, {
      root: ROOT,
      states: {
        'existing order': () => {
          ran.push('label');
        },
        'orders/get-order.json#existing order': () => {
          ran.push('file#label');
          orders.set(42, { id: 42, item: 'book' });
        },
      },
    });
    expect(ran).toEqual(['file#label']);
  });

  test('a state that throws fails its example with the error, and the run goes on', async () => {
    const report = await verifyProvider(expressApp(), ORDERS, {
      root: ROOT,
      throw: false,
      states: {
        'existing order': () => {
          throw new Error('database is down');
        },
      },
    });
    expect(report.failed).toEqual([
      {
        file: ORDERS,
        label: 'existing order',
        request: 'GET /orders/42',
        mismatches: [],
        error: 'its provider state threw: database is down',
      },
    ]);
    expect(report.passed).toEqual([{ file: ORDERS, label: 'no such order' }]);
  });

  test('a state key that names no example is refused with the nearest one', async () => {
    const error = await verifyProvider(expressApp(), ORDERS, {
      root: ROOT,
      states: { 'orders/get-order.json#existing ordr': () => {} },
    }).catch((thrown: unknown) => thrown);
    expect((error as AbeError).code).toBe('usage');
    expect((error as AbeError).message).toContain(
      'Did you mean "orders/get-order.json#existing order"?',
    );
  });

  test('only runs the examples whose id contains a string or matches a RegExp, and skips the rest', async () => {
    const byString = await verifyProvider(expressApp(), USERS, { root: ROOT, only: '#not found' });
    expect(byString.passed).toEqual([{ file: USERS, label: 'not found' }]);
    expect(byString.skipped).toHaveLength(5);

    const byRegExp = await verifyProvider(expressApp(), [USERS, ORDERS], {
      root: ROOT,
      only: /#(OK|no such order)$/g,
    });
    expect(byRegExp.passed.map((entry) => entry.label)).toEqual(['OK', 'no such order']);

    const byPredicate = await verifyProvider(expressApp(), USERS, {
      root: ROOT,
      only: (id) => id.endsWith('#OK'),
    });
    expect(byPredicate.passed.map((entry) => entry.label)).toEqual(['OK']);
  });

  test('only that selects nothing is an error rather than a silent pass', async () => {
    const error = await verifyProvider(expressApp(), USERS, { root: ROOT, only: 'no-such' }).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(AbeError);
    expect((error as AbeError).message).toContain('selects none of the 6 examples');
  });

  test('filter sees the contract and the example, and what it rejects is skipped', async () => {
    const report = await verifyProvider(
      expressApp(),
      ['users/create-user.json', 'users/search-users.json'],
      {
        root: ROOT,
        throw: false,
        filter: (contract, example) =>
          example.request.method === 'GET' && contract.url === '/users',
      },
    );
    expect(report.skipped).toEqual([{ file: 'users/create-user.json', label: 'created' }]);
    expect(report.passed).toEqual([{ file: 'users/search-users.json', label: 'two tags' }]);
  });

  test('nonStrict applies to every example', async () => {
    const report = await verifyProvider(honoApp(), USERS, {
      root: ROOT,
      throw: false,
      nonStrict: ['name'],
    });
    expect(report.passed.map((entry) => entry.label)).toContain('renamed');
  });

  test('takes loaded contracts as they are, named by their source', async () => {
    const contract = await loadContract(`${ROOT}orders/get-order.json`);
    const report = await verifyProvider(expressApp(), contract, { only: 'no such', throw: false });
    expect(report.passed).toEqual([{ file: contract.source, label: 'no such order' }]);
  });

  test('an example whose request cannot be built fails with the reason, not the whole run', async () => {
    const report = await verifyProvider(expressApp(), ['broken/pattern-request-url.json', ORDERS], {
      root: ROOT,
      throw: false,
      only: /pattern|no such/,
    });
    expect(report.failed[0]?.error).toContain('the request cannot be built');
    expect(report.passed).toEqual([{ file: ORDERS, label: 'no such order' }]);
  });
});
