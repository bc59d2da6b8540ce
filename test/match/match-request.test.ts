import { describe, expect, test } from 'vitest';
import { loadContract } from '../../src/contract/load-contract.js';
import { contractFromObject } from '../../src/contract/parse-contract.js';
import { matchRequest } from '../../src/match/match-request.js';

function kinds(mismatches: readonly { path: string; kind: string }[]): string[] {
  return mismatches.map((mismatch) => `${mismatch.kind} ${mismatch.path}`);
}

const contract = contractFromObject(
  {
    url: '/users/[0-9]+',
    method: 'GET',
    examples: {
      OK: {
        request: { url: '/users/1', queryParams: { verbose: '0', tag: ['a', 'b'] } },
        response: { status: 200 },
      },
      create: {
        request: {
          url: '/users/1',
          method: 'PUT',
          headers: { 'Content-Type': 'application/json' },
          body: { name: 'x', requestId: 'r1' },
        },
        response: { status: 200 },
        nonStrict: ['requestId'],
      },
    },
  },
  { source: 'users.json' },
);
const [ok, create] = contract.examples;
if (ok === undefined || create === undefined) throw new Error('the contract has two examples');

describe('matchRequest', () => {
  test('a request as the example describes it matches, with the inherited method', () => {
    expect(matchRequest(ok, { method: 'GET', url: '/users/1?verbose=0&tag=a&tag=b' })).toEqual([]);
  });

  test('a different method is a method mismatch', () => {
    expect(matchRequest(ok, { method: 'get', url: '/users/1?verbose=0&tag=a&tag=b' })).toEqual([]);
    expect(matchRequest(ok, { method: 'POST', url: '/users/1?verbose=0&tag=a&tag=b' })).toEqual([
      {
        path: '/method',
        kind: 'method',
        expected: 'GET',
        actual: 'POST',
        message: 'method is POST, expected GET',
      },
    ]);
  });

  test('a different path is a url mismatch', () => {
    expect(
      matchRequest(ok, { method: 'GET', url: '/users/2?verbose=0&tag=a&tag=b' }),
    ).toMatchObject([{ path: '/url', kind: 'url', expected: '/users/1', actual: '/users/2' }]);
  });

  test('an absolute actual url compares by its path and query', () => {
    expect(
      matchRequest(ok, { method: 'GET', url: 'http://api.test/users/1?verbose=0&tag=a&tag=b#top' }),
    ).toEqual([]);
    expect(
      kinds(
        matchRequest(ok, { method: 'GET', url: 'http://api.test/users/3?verbose=0&tag=a&tag=b' }),
      ),
    ).toEqual(['url /url']);
  });

  test('percent-encoded paths compare by what they encode', () => {
    expect(
      matchRequest({ url: '/files/a b', method: 'GET' }, { method: 'GET', url: '/files/a%20b' }),
    ).toEqual([]);
    expect(
      kinds(
        matchRequest({ url: '/files/a b', method: 'GET' }, { method: 'GET', url: '/files/a%20c' }),
      ),
    ).toEqual(['url /url']);
  });

  test('query parameters are contained: extra ones are fine, order between keys does not matter', () => {
    expect(
      matchRequest(ok, { method: 'GET', url: '/users/1?tag=a&page=2&verbose=0&tag=b' }),
    ).toEqual([]);
  });

  test('a missing query parameter is a query mismatch', () => {
    expect(matchRequest(ok, { method: 'GET', url: '/users/1?tag=a&tag=b' })).toMatchObject([
      { path: '/query/verbose', kind: 'query', expected: '0', actual: undefined },
    ]);
  });

  test('a query parameter with another value is a query mismatch', () => {
    expect(
      matchRequest(ok, { method: 'GET', url: '/users/1?verbose=1&tag=a&tag=b' }),
    ).toMatchObject([{ path: '/query/verbose', kind: 'query', expected: '0', actual: '1' }]);
  });

  test('repeated query keys compare as arrays, in order', () => {
    expect(
      kinds(matchRequest(ok, { method: 'GET', url: '/users/1?verbose=0&tag=b&tag=a' })),
    ).toEqual(['query /query/tag']);
    expect(matchRequest(ok, { method: 'GET', url: '/users/1?verbose=0&tag=a' })).toMatchObject([
      { path: '/query/tag', kind: 'query', expected: ['a', 'b'], actual: 'a' },
    ]);
    expect(
      kinds(matchRequest(ok, { method: 'GET', url: '/users/1?verbose=0&verbose=0&tag=a&tag=b' })),
    ).toEqual(['query /query/verbose']);
  });

  test('a query string written in a raw example url counts as its parameters', () => {
    const raw = { url: '/search?q=shoes&size=4', method: 'GET' };
    expect(matchRequest(raw, { method: 'GET', url: '/search?size=4&q=shoes' })).toEqual([]);
    expect(kinds(matchRequest(raw, { method: 'GET', url: '/search?q=shoes' }))).toEqual([
      'query /query/size',
    ]);
  });

  test('query values are compared decoded', () => {
    const raw = { url: '/search', method: 'GET', queryParams: { q: 'red shoes' } };
    expect(matchRequest(raw, { method: 'GET', url: '/search?q=red%20shoes' })).toEqual([]);
    expect(matchRequest(raw, { method: 'GET', url: '/search?q=red+shoes' })).toEqual([]);
  });

  test('__proto__ is an ordinary query parameter', () => {
    const raw = { url: '/x', method: 'GET', queryParams: JSON.parse('{"__proto__": "1"}') };
    expect(matchRequest(raw, { method: 'GET', url: '/x?__proto__=1' })).toEqual([]);
    expect(kinds(matchRequest(raw, { method: 'GET', url: '/x' }))).toEqual([
      'query /query/__proto__',
    ]);
  });

  test('request headers are contained, with names case-insensitive', () => {
    const body = { name: 'x', requestId: 'r9' };
    expect(
      matchRequest(create, {
        method: 'PUT',
        url: '/users/1',
        headers: { 'content-type': 'application/json; charset=utf-8', accept: '*/*' },
        body,
      }),
    ).toEqual([]);
    expect(
      kinds(
        matchRequest(create, { method: 'PUT', url: '/users/1', headers: { accept: '*/*' }, body }),
      ),
    ).toEqual(['header /headers/content-type']);
  });

  test("request bodies compare strictly, apart from the example's nonStrict paths", () => {
    const headers = { 'content-type': 'application/json' };
    expect(
      matchRequest(create, {
        method: 'PUT',
        url: '/users/1',
        headers,
        body: { name: 'x', requestId: 'other' },
      }),
    ).toEqual([]);
    expect(
      kinds(matchRequest(create, { method: 'PUT', url: '/users/1', headers, body: { name: 'y' } })),
    ).toEqual(['value /body/name', 'missing /body/requestId']);
  });

  test('an example request with no body compares no body', () => {
    expect(
      matchRequest(ok, { method: 'GET', url: '/users/1?verbose=0&tag=a&tag=b', body: { a: 1 } }),
    ).toEqual([]);
  });

  test('every request mismatch is reported at once', () => {
    expect(
      kinds(
        matchRequest(create, {
          method: 'POST',
          url: '/users/2',
          headers: { 'content-type': 'text/plain' },
          body: 'name=x',
        }),
      ),
    ).toEqual(['method /method', 'url /url', 'header /headers/content-type', 'type /body']);
  });

  test('the ABE spec README\'s own example, a GET with "body": {}, matches a GET without a body', async () => {
    // Regression: reported `/body missing`, although {} on a GET means no body.
    const readme = await loadContract('fixtures/real-abe/abe-spec/readme/README-brands.json');
    const [brands] = readme.examples;
    if (brands === undefined) throw new Error('the README example has one example');
    expect(brands.request.body).toEqual({});
    expect(matchRequest(brands, { method: 'GET', url: '/campaigns/brands/' })).toEqual([]);
  });

  test('null and "" stand for no body on GET and HEAD, and {} is still a body on POST', () => {
    for (const body of [{}, null, '']) {
      expect(
        matchRequest({ url: '/a', method: 'GET', body }, { method: 'GET', url: '/a' }),
      ).toEqual([]);
      expect(
        matchRequest({ url: '/a', method: 'HEAD', body }, { method: 'HEAD', url: '/a' }),
      ).toEqual([]);
    }
    expect(
      kinds(matchRequest({ url: '/a', method: 'POST', body: {} }, { method: 'POST', url: '/a' })),
    ).toEqual(['missing /body']);
  });

  test('a request body nested thousands deep is a depth mismatch, not a RangeError', () => {
    // Regression: msw answered 500 to a 3,000-deep request body.
    const deep = (): unknown => JSON.parse(`${'{"a":'.repeat(3_000)}1${'}'.repeat(3_000)}`);
    const mismatches = matchRequest(
      { url: '/a', method: 'POST', body: deep() as never },
      { method: 'POST', url: '/a', body: deep() },
    );
    expect(mismatches).toHaveLength(1);
    expect(mismatches[0]).toMatchObject({
      kind: 'depth',
      path: `/body${'/a'.repeat(1000)}`,
      message: expect.stringContaining('more than 1000 levels deep'),
    });
  });
});
