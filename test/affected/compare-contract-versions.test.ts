import { describe, expect, test } from 'vitest';
import { compareContractVersions } from '../../src/affected/compare-contract-versions.js';

const BASE = {
  description: 'Retrieve a user',
  url: '/users/[0-9]+',
  method: 'GET',
  examples: {
    OK: {
      description: 'found',
      request: { url: '/users/1', headers: { Accept: 'application/json' } },
      response: { status: 200, body: { id: 1, tags: ['a', 'b'], owner: { name: 'alice' } } },
    },
    'not found': { request: { url: '/users/9' }, response: { status: 404 } },
  },
};

function text(document: unknown, indent = 2): string {
  return JSON.stringify(document, null, indent);
}

/** BASE with one change applied to a deep copy. */
function edited(change: (doc: typeof BASE) => void): string {
  const copy = structuredClone(BASE);
  change(copy);
  return text(copy);
}

describe('compareContractVersions', () => {
  test('whitespace, key order, descriptions and header-name case do not change the meaning', () => {
    const reordered = `{"examples":{"not found":{"response":{"status":404},"request":{"url":"/users/9"}},
      "OK":{"response":{"body":{"owner":{"name":"alice"},"tags":["a","b"],"id":1},"status":200},
      "request":{"headers":{"accept":"application/json"},"url":"/users/1"},"description":"another text"}},
      "method":"GET","url":"/users/[0-9]+","description":"changed words"}`;
    expect(compareContractVersions(text(BASE), reordered, 'users.json')).toEqual({ kind: 'same' });
  });

  test('an inherited method written out in the example means the same', () => {
    const explicit = edited((doc) => {
      Object.assign(doc.examples.OK.request, { method: 'GET' });
    });
    expect(compareContractVersions(text(BASE), explicit, 'users.json')).toEqual({ kind: 'same' });
  });

  test('a changed value is named by example label and path', () => {
    const after = edited((doc) => {
      doc.examples.OK.response.body.owner.name = 'bob';
      doc.examples.OK.response.body.tags[1] = 'c';
    });
    expect(compareContractVersions(text(BASE), after, 'users.json')).toEqual({
      kind: 'changed',
      changes: ['example "OK" response.body.owner.name', 'example "OK" response.body.tags[1]'],
      examples: { wide: false, changed: ['OK'], removed: [], added: [] },
    });
  });

  test('added and removed examples and endpoint-level changes are named', () => {
    const after = edited((doc) => {
      doc.url = '/users/[0-9]+/';
      Object.assign(doc.examples, {
        created: { request: { url: '/users/2/' }, response: { status: 201 } },
      });
      doc.examples.OK.request.url = '/users/1/';
      Reflect.deleteProperty(doc.examples, 'not found');
    });
    const change = compareContractVersions(text(BASE), after, 'users.json');
    expect(change).toEqual({
      kind: 'changed',
      changes: [
        'url',
        'example "OK" request.url',
        'example "created" added',
        'example "not found" removed',
      ],
      examples: { wide: true, changed: ['OK'], removed: ['not found'], added: ['created'] },
    });
  });

  test('a status, a header value, nonStrict or an extension key change the meaning', () => {
    for (const [change, path] of [
      [
        (doc: typeof BASE) => Object.assign(doc.examples['not found'].response, { status: 410 }),
        'example "not found" response.status',
      ],
      [
        (doc: typeof BASE) =>
          Object.assign(doc.examples.OK.request.headers, { Accept: 'text/html' }),
        'example "OK" request.headers.accept',
      ],
      [
        (doc: typeof BASE) => Object.assign(doc.examples.OK, { nonStrict: ['id'] }),
        'example "OK" nonStrict',
      ],
      [
        (doc: typeof BASE) => Object.assign(doc.examples.OK, { 'x-matchers': { id: 'integer' } }),
        'example "OK" extension x-matchers',
      ],
    ] as const) {
      expect(compareContractVersions(text(BASE), edited(change), 'users.json')).toMatchObject({
        kind: 'changed',
        changes: [path],
        examples: { wide: false, removed: [], added: [] },
      });
    }
  });

  test('a version that does not parse counts as changed, fail safe', () => {
    const change = compareContractVersions(text(BASE), '{ "url": ', 'users.json');
    expect(change).toMatchObject({ kind: 'unparseable', side: 'new' });
    const invalid = compareContractVersions('{"url": "/x"}', text(BASE), 'users.json');
    expect(invalid).toMatchObject({ kind: 'unparseable', side: 'old' });
  });

  test('a contract that appears or disappears is added or deleted', () => {
    expect(compareContractVersions(undefined, text(BASE), 'users.json')).toEqual({ kind: 'added' });
    expect(compareContractVersions(text(BASE), undefined, 'users.json')).toEqual({
      kind: 'deleted',
    });
  });

  test('a "__proto__" key in a body is compared as an ordinary key', () => {
    const before = text(BASE).replace('"id": 1', '"__proto__": {"admin": false}, "id": 1');
    const after = before.replace('"admin": false', '"admin": true');
    expect(compareContractVersions(before, after, 'users.json')).toEqual({
      kind: 'changed',
      changes: ['example "OK" response.body.__proto__.admin'],
      examples: { wide: false, changed: ['OK'], removed: [], added: [] },
    });
    expect(({} as { admin?: boolean }).admin).toBeUndefined();
  });
});
