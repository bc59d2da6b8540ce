import { describe, expect, test } from 'vitest';
import type { JsonObject } from '../../src/contract/types.js';
import { type ExampleResult, verifyProvider } from '../../src/provider/index.js';
import { usersApp } from '../helpers/users-app.js';

// Users exist only while a state handler inserts them: each example asks for its own id.
const USERS = {
  url: '/users/[0-9]+',
  method: 'GET',
  examples: {
    Ada: {
      state: { name: 'user exists', params: { id: 1, name: 'Ada' } },
      request: { url: '/users/1' },
      response: { status: 200, body: { id: 1, name: 'Ada' } },
    },
    Grace: {
      state: { name: 'user exists', params: { id: 7, name: 'Grace' } },
      request: { url: '/users/7' },
      response: { status: 200, body: { id: 7, name: 'Grace' } },
    },
    nobody: {
      state: 'no users',
      request: { url: '/users/9' },
      response: { status: 404, body: { detail: 'Not found.' } },
    },
    'no state': { request: { url: '/users/3' }, response: { status: 404 } },
  },
};

describe('verifyProvider states with params', () => {
  test('a handler keyed by state name inserts the row each example asks for, and removes it after', async () => {
    const { app, users } = usersApp();
    const seen: [string, string | undefined, JsonObject][] = [];
    const report = await verifyProvider(app, [USERS], {
      throw: false,
      states: {
        'user exists': {
          setup: ({ label, state, params }) => {
            seen.push([`setup ${label}`, state, params]);
            users.set(Number(params.id), { id: Number(params.id), name: String(params.name) });
          },
          teardown: ({ label, state, params }) => {
            seen.push([`teardown ${label}`, state, params]);
            users.delete(Number(params.id));
          },
        },
        'no users': ({ state, params }) => {
          seen.push(['setup nobody', state, params]);
        },
      },
      afterEach: ({ label, state, params }) => {
        seen.push([`afterEach ${label}`, state, params]);
      },
    });
    expect(report.failed).toEqual([]);
    expect(report.passed.map((id) => id.label)).toEqual(['Ada', 'Grace', 'nobody', 'no state']);
    expect(seen).toEqual([
      ['setup Ada', 'user exists', { id: 1, name: 'Ada' }],
      ['teardown Ada', 'user exists', { id: 1, name: 'Ada' }],
      ['afterEach Ada', 'user exists', { id: 1, name: 'Ada' }],
      ['setup Grace', 'user exists', { id: 7, name: 'Grace' }],
      ['teardown Grace', 'user exists', { id: 7, name: 'Grace' }],
      ['afterEach Grace', 'user exists', { id: 7, name: 'Grace' }],
      ['setup nobody', 'no users', {}],
      ['afterEach nobody', 'no users', {}],
      ['afterEach no state', undefined, {}],
    ]);
    // Torn down: nothing the states inserted is left behind.
    expect(users.size).toBe(0);
  });

  test('onResult tells the state name and its params, and nothing for an example without a state', async () => {
    const { app, users } = usersApp();
    const results: ExampleResult[] = [];
    await verifyProvider(app, [USERS], {
      throw: false,
      only: (id) => !id.endsWith('#Grace'),
      states: {
        'user exists': ({ params }) => void users.set(1, { id: 1, name: String(params.name) }),
      },
      onResult: (result) => results.push(result),
    });
    expect(
      results.map(({ label, outcome, state, stateParams }) => [label, outcome, state, stateParams]),
    ).toEqual([
      ['Ada', 'passed', 'user exists', { id: 1, name: 'Ada' }],
      ['Grace', 'skipped', 'user exists', { id: 7, name: 'Grace' }],
      ['nobody', 'passed', 'no users', {}],
      ['no state', 'passed', undefined, undefined],
    ]);
  });
});
