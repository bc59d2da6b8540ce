import { describe, expect, test } from 'vitest';
import { AbeError } from '../../src/core/abe-error.js';
import { type ExampleResult, verifyProvider } from '../../src/provider/index.js';
import { usersApp } from '../helpers/users-app.js';

// Users exist only while a state puts them there; every request and hook is logged in order.
const USERS = {
  url: '/users/[0-9]+',
  method: 'GET',
  examples: {
    OK: {
      state: 'user 1 exists',
      request: { url: '/users/1', headers: { Authorization: 'Bearer example' } },
      response: { status: 200, body: { id: 1, name: 'Ada' } },
    },
    admin: {
      state: 'user 1 exists',
      request: { url: '/users/1' },
      response: { status: 200, body: { id: 1, name: 'Ada' } },
    },
    'not found': { request: { url: '/users/9' }, response: { status: 404 } },
  },
};
const SOURCE = '<contract #0: GET /users/[0-9]+>';

describe('verifyProvider states keyed by state name', () => {
  test('a state-name key runs for every example assuming that state, told the state', async () => {
    const log: string[] = [];
    const { app, users } = usersApp(log);
    const report = await verifyProvider(app, [USERS], {
      throw: false,
      states: {
        'user 1 exists': ({ label, state }) => {
          log.push(`setup ${state} for ${label}`);
          users.set(1, { id: 1, name: 'Ada' });
        },
      },
    });
    expect(report.failed).toEqual([]);
    expect(log).toEqual([
      'setup user 1 exists for OK',
      'GET /users/1 auth=Bearer example',
      'setup user 1 exists for admin',
      'GET /users/1 auth=-',
      'GET /users/9 auth=-',
    ]);
  });

  test('a file#label key wins over a label key, which wins over a state name', async () => {
    const log: string[] = [];
    const { app, users } = usersApp(log);
    const put = (name: string) => () => {
      log.push(name);
      users.set(1, { id: 1, name: 'Ada' });
    };
    await verifyProvider(app, [USERS], {
      throw: false,
      states: {
        'user 1 exists': put('by state'),
        OK: put('by label'),
        [`${SOURCE}#admin`]: put('by id'),
        admin: put('admin by label'),
      },
    });
    expect(log.filter((line) => !line.startsWith('GET'))).toEqual(['by label', 'by id']);
  });

  test('a { setup, teardown } state tears down after the example, pass or fail, and a failed teardown is added to the failure', async () => {
    const log: string[] = [];
    const { app, users } = usersApp(log);
    const report = await verifyProvider(app, [USERS], {
      throw: false,
      only: '#OK',
      states: {
        'user 1 exists': {
          setup: () => {
            log.push('setup');
            users.set(1, { id: 1, name: 'Grace' });
          },
          teardown: () => {
            log.push('teardown');
            throw new Error('cannot delete user 1');
          },
        },
      },
      afterEach: () => {
        log.push('afterEach');
      },
    });
    expect(log).toEqual(['setup', 'GET /users/1 auth=Bearer example', 'teardown', 'afterEach']);
    expect(report.failed).toHaveLength(1);
    // The example's own result first, then what failed after it.
    expect(report.failed[0]?.mismatches.map((m) => m.path)).toEqual(['/body/name']);
    expect(report.failed[0]?.error).toBe('its provider state teardown threw: cannot delete user 1');
  });

  test('a key that names no example, label or state is refused, with the nearest', async () => {
    const { app } = usersApp([]);
    const error = await verifyProvider(app, [USERS], {
      states: { 'user 1 exist': () => {} },
    }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(AbeError);
    expect((error as AbeError).message).toContain('names no example, label or state');
    expect((error as AbeError).message).toContain('Did you mean "user 1 exists"?');
  });
});

describe('verifyProvider headers and progress', () => {
  test('headers are added to every request and replace an example header in any case', async () => {
    const log: string[] = [];
    const { app } = usersApp(log);
    await verifyProvider(app, [USERS], {
      throw: false,
      headers: { authorization: 'Bearer deployed' },
    });
    expect(log).toEqual([
      'GET /users/1 auth=Bearer deployed',
      'GET /users/1 auth=Bearer deployed',
      'GET /users/9 auth=Bearer deployed',
    ]);
  });

  test('onResult is told about each example as it ends, skipped ones included, in file order', async () => {
    const { app, users } = usersApp([]);
    users.set(1, { id: 1, name: 'Ada' });
    const results: ExampleResult[] = [];
    await verifyProvider(app, [USERS], {
      throw: false,
      only: (id) => !id.endsWith('#admin'),
      onResult: (result) => results.push(result),
    });
    expect(
      results.map(({ label, outcome, method, url, state }) => [label, outcome, method, url, state]),
    ).toEqual([
      ['OK', 'passed', 'GET', '/users/1', 'user 1 exists'],
      ['admin', 'skipped', 'GET', '/users/1', 'user 1 exists'],
      ['not found', 'passed', 'GET', '/users/9', undefined],
    ]);
    expect(results[1]?.durationMs).toBe(0);
    expect(results.every((result) => result.file === SOURCE)).toBe(true);
  });
});
