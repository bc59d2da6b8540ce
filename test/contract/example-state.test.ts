import { describe, expect, test } from 'vitest';
import { compareContractVersions } from '../../src/affected/compare-contract-versions.js';
import { analyzeText } from '../../src/contract/analyze-contract.js';
import * as positions from '../../src/contract/json-positions.js';
import { parseContract } from '../../src/index.js';

function contract(examples: Record<string, unknown>): string {
  return JSON.stringify({ url: '/users/[0-9]+', method: 'GET', examples }, null, 2);
}

const WITH_STATE = contract({
  OK: { state: 'user 1 exists', request: { url: '/users/1' }, response: { status: 200 } },
  'not found': { request: { url: '/users/9' }, response: { status: 404 } },
});

describe('the state extension', () => {
  test('an example carries its provider state, and one without has none', () => {
    const [ok, missing] = parseContract(WITH_STATE, { source: 'users.json' }).examples;
    expect(ok?.state).toEqual({ name: 'user 1 exists', params: {} });
    expect(missing !== undefined && 'state' in missing).toBe(false);
  });

  test.each([
    ['an empty state', '', '"state" is empty'],
    ['a blank state', '   ', '"state" is blank'],
    ['a number', 3, '"state" is a number'],
    ['a list', ['user 1 exists'], '"state" is a list'],
    ['an object without a name', { params: { id: 1 } }, '"state" has no "name"'],
    ['an object with a blank name', { name: ' ', params: {} }, '"state" has a blank "name"'],
    ['an object with a numeric name', { name: 1 }, '"state" has a "name" that is a number'],
    ['params that are a list', { name: 'user exists', params: [1] }, '"params" that is a list'],
    ['params that are a string', { name: 'user exists', params: 'id=1' }, 'is a string'],
  ])('%s is reported as state.invalid at the state', (_, state, words) => {
    const text = contract({
      OK: { state, request: { url: '/users/1' }, response: { status: 200 } },
    });
    const { contract: loaded, diagnostics } = analyzeText(text, 'users.json', positions);
    expect(loaded).toBeUndefined();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      code: 'state.invalid',
      severity: 'error',
      pointer: '/examples/OK/state',
      line: 6,
      column: 7,
    });
    expect(diagnostics[0]?.message).toContain(words);
    expect(diagnostics[0]?.message).toContain('non-empty string');
  });

  test('an unknown key in a state object is reported once, with the key it resembles', () => {
    const text = contract({
      OK: {
        state: { name: 'user exists', parmas: { id: 1 } },
        request: { url: '/users/1' },
        response: { status: 200 },
      },
    });
    const { contract: loaded, diagnostics } = analyzeText(text, 'users.json', positions);
    expect(loaded).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'state.invalid',
        pointer: '/examples/OK/state',
        line: 6,
        message: expect.stringContaining('unknown key "parmas"'),
      }),
    ]);
    expect(diagnostics[0]?.message).toContain('Did you mean "params"?');
  });

  test('a state with params carries them, any JSON, and one without params gets {}', () => {
    const params = { id: 1, tags: ['a', null], nested: { ok: true } };
    const text = contract({
      OK: {
        state: { name: 'user exists', params },
        request: { url: '/users/1' },
        response: { status: 200 },
      },
      plain: {
        state: { name: 'no users' },
        request: { url: '/users/2' },
        response: { status: 404 },
      },
    });
    const { contract: loaded, diagnostics } = analyzeText(text, 'users.json', positions);
    expect(diagnostics).toEqual([]);
    expect(loaded?.examples.map((example) => example.state)).toEqual([
      { name: 'user exists', params },
      { name: 'no users', params: {} },
    ]);
  });

  test('the string form and the object form without params mean the same', () => {
    const object = WITH_STATE.replace('"user 1 exists"', '{ "name": "user 1 exists" }');
    expect(object).not.toBe(WITH_STATE);
    expect(compareContractVersions(WITH_STATE, object, 'users.json')).toEqual({ kind: 'same' });
  });

  test('changed params change the meaning of the example', () => {
    const one = WITH_STATE.replace(
      '"user 1 exists"',
      '{ "name": "user exists", "params": { "id": 1 } }',
    );
    const two = one.replace('"id": 1', '"id": 2');
    expect(compareContractVersions(one, two, 'users.json')).toEqual({
      kind: 'changed',
      changes: ['example "OK" state.params.id'],
      examples: { wide: false, changed: ['OK'], removed: [], added: [] },
    });
    const none = one.replace(', "params": { "id": 1 }', '');
    expect(compareContractVersions(none, one, 'users.json')).toMatchObject({
      kind: 'changed',
      changes: ['example "OK" state'],
    });
  });

  test('a key named state inside a body is not the extension', () => {
    const text = contract({
      OK: { request: { url: '/users/1' }, response: { status: 200, body: { state: '' } } },
    });
    expect(analyzeText(text, 'users.json', positions).diagnostics).toEqual([]);
  });

  test('a changed state changes the meaning of the contract', () => {
    const after = WITH_STATE.replace('user 1 exists', 'user 1 is an admin');
    expect(compareContractVersions(WITH_STATE, after, 'users.json')).toEqual({
      kind: 'changed',
      changes: ['example "OK" state'],
      examples: { wide: false, changed: ['OK'], removed: [], added: [] },
    });
  });

  test('an added or removed state changes the meaning, a moved one does not', () => {
    const without = WITH_STATE.replace('"state": "user 1 exists",', '');
    expect(compareContractVersions(without, WITH_STATE, 'users.json')).toEqual({
      kind: 'changed',
      changes: ['example "OK" state'],
      examples: { wide: false, changed: ['OK'], removed: [], added: [] },
    });
    const moved = contract({
      OK: { request: { url: '/users/1' }, response: { status: 200 }, state: 'user 1 exists' },
      'not found': { request: { url: '/users/9' }, response: { status: 404 } },
    });
    expect(compareContractVersions(WITH_STATE, moved, 'users.json')).toEqual({ kind: 'same' });
  });
});
