import { describe, expect, test } from 'vitest';
import { contractFromObject } from '../../src/contract/parse-contract.js';
import { formatMismatches } from '../../src/match/format-mismatches.js';
import { matchResponse } from '../../src/match/match-response.js';

const json = { 'Content-Type': 'application/json' };

function kinds(mismatches: readonly { path: string; kind: string }[]): string[] {
  return mismatches.map((mismatch) => `${mismatch.kind} ${mismatch.path}`);
}

describe('matchResponse', () => {
  test('an identical response matches with no mismatch', () => {
    const expected = { status: 200, headers: json, body: { id: 1, tags: ['a', 'b'] } };
    expect(
      matchResponse(expected, {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: { tags: ['a', 'b'], id: 1 },
      }),
    ).toEqual([]);
  });

  test('a different status is a status mismatch at /status', () => {
    expect(matchResponse({ status: 200 }, { status: 200 })).toEqual([]);
    expect(matchResponse({ status: 200 }, { status: 404 })).toEqual([
      {
        path: '/status',
        kind: 'status',
        expected: 200,
        actual: 404,
        message: 'status is 404, expected 200',
      },
    ]);
  });

  test('every mismatch is reported, not just the first', () => {
    const mismatches = matchResponse(
      { status: 200, headers: { 'X-Id': 'a' }, body: { a: 1, b: 2, c: [1, 2] } },
      { status: 500, headers: {}, body: { a: '1', c: [1, 3], d: null } },
    );
    expect(kinds(mismatches)).toEqual([
      'status /status',
      'header /headers/x-id',
      'type /body/a',
      'missing /body/b',
      'value /body/c/1',
      'unexpected /body/d',
    ]);
  });

  test('objects match with their keys in any order', () => {
    expect(
      matchResponse({ status: 200, body: { a: 1, b: 2 } }, { status: 200, body: { b: 2, a: 1 } }),
    ).toEqual([]);
  });

  test('a key missing from the actual object is a missing mismatch at its pointer', () => {
    expect(
      matchResponse({ status: 200, body: { a: 1, b: 2 } }, { status: 200, body: { a: 1 } }),
    ).toMatchObject([{ path: '/body/b', kind: 'missing', expected: 2, actual: undefined }]);
  });

  test('an extra key in the actual object is an unexpected mismatch at its pointer', () => {
    expect(
      matchResponse({ status: 200, body: { a: 1 } }, { status: 200, body: { a: 1, b: 2 } }),
    ).toMatchObject([{ path: '/body/b', kind: 'unexpected', expected: undefined, actual: 2 }]);
  });

  test('arrays in a different order do not match', () => {
    expect(matchResponse({ status: 200, body: [1, 2] }, { status: 200, body: [1, 2] })).toEqual([]);
    expect(
      kinds(matchResponse({ status: 200, body: [1, 2] }, { status: 200, body: [2, 1] })),
    ).toEqual(['value /body/0', 'value /body/1']);
  });

  test('arrays of a different length report the length and the item that is missing', () => {
    const mismatches = matchResponse(
      { status: 200, body: { items: ['a', 'b', 'c', 'd'] } },
      { status: 200, body: { items: ['a', 'c', 'd'] } },
    );
    expect(mismatches).toMatchObject([
      { path: '/body/items', kind: 'length', expected: 4, actual: 3 },
      { path: '/body/items/1', kind: 'missing', expected: 'b' },
    ]);
  });

  test('an item inserted in an array is reported as itself, not as a change at every later index', () => {
    const expected = Array.from({ length: 50 }, (_, index) => ({ id: index }));
    const actual = [...expected.slice(0, 10), { id: 'new' }, ...expected.slice(10)];
    expect(
      kinds(matchResponse({ status: 200, body: expected }, { status: 200, body: actual })),
    ).toEqual(['length /body', 'unexpected /body/10']);
  });

  test('scalars must have the same type: 3 does not match "3"', () => {
    expect(matchResponse({ status: 200, body: { n: 3 } }, { status: 200, body: { n: 3 } })).toEqual(
      [],
    );
    expect(
      matchResponse({ status: 200, body: { n: 3 } }, { status: 200, body: { n: '3' } }),
    ).toMatchObject([
      { path: '/body/n', kind: 'type', message: 'expected a number 3, got a string "3"' },
    ]);
  });

  test('scalars must have the same type: 1 does not match true', () => {
    expect(matchResponse({ status: 200, body: [true] }, { status: 200, body: [true] })).toEqual([]);
    expect(matchResponse({ status: 200, body: [1] }, { status: 200, body: [true] })).toMatchObject([
      { path: '/body/0', kind: 'type', expected: 1, actual: true },
    ]);
  });

  test('null is a value: a key holding null does not match a missing key', () => {
    expect(
      matchResponse({ status: 200, body: { a: null } }, { status: 200, body: { a: null } }),
    ).toEqual([]);
    expect(
      matchResponse({ status: 200, body: { a: null } }, { status: 200, body: {} }),
    ).toMatchObject([{ path: '/body/a', kind: 'missing', expected: null }]);
    expect(
      matchResponse({ status: 200, body: {} }, { status: 200, body: { a: null } }),
    ).toMatchObject([{ path: '/body/a', kind: 'unexpected', actual: null }]);
  });

  test('null does not match an object, nor an object null', () => {
    expect(
      kinds(matchResponse({ status: 200, body: { a: null } }, { status: 200, body: { a: {} } })),
    ).toEqual(['type /body/a']);
    expect(
      kinds(matchResponse({ status: 200, body: { a: {} } }, { status: 200, body: { a: null } })),
    ).toEqual(['type /body/a']);
  });

  test('an array does not match an object with the same entries', () => {
    expect(
      kinds(matchResponse({ status: 200, body: ['x'] }, { status: 200, body: { 0: 'x' } })),
    ).toEqual(['type /body']);
  });

  test('header names compare case-insensitively', () => {
    expect(
      matchResponse(
        { status: 200, headers: { 'X-Request-Id': 'abc' } },
        { status: 200, headers: { 'x-request-id': 'abc' } },
      ),
    ).toEqual([]);
    expect(
      matchResponse(
        { status: 200, headers: { 'X-Request-Id': 'abc' } },
        { status: 200, headers: { 'x-request-id': 'abd' } },
      ),
    ).toMatchObject([
      { path: '/headers/x-request-id', kind: 'header', expected: 'abc', actual: 'abd' },
    ]);
  });

  test('extra actual headers are fine, a missing example header is not', () => {
    expect(
      matchResponse(
        { status: 200, headers: { Vary: 'Accept' } },
        { status: 200, headers: { vary: 'Accept', etag: '"1"' } },
      ),
    ).toEqual([]);
    expect(
      matchResponse(
        { status: 200, headers: { Vary: 'Accept' } },
        { status: 200, headers: { etag: '"1"' } },
      ),
    ).toMatchObject([
      { path: '/headers/vary', kind: 'header', expected: 'Accept', actual: undefined },
    ]);
  });

  test('Content-Type compares the media type and ignores parameters such as charset', () => {
    expect(
      matchResponse(
        { status: 200, headers: json },
        { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } },
      ),
    ).toEqual([]);
    expect(
      matchResponse(
        { status: 200, headers: { 'Content-Type': 'text/plain; charset=utf-8' } },
        { status: 200, headers: { 'content-type': 'TEXT/PLAIN' } },
      ),
    ).toEqual([]);
    expect(
      matchResponse(
        { status: 200, headers: json },
        { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' } },
      ),
    ).toMatchObject([{ path: '/headers/content-type', kind: 'header' }]);
  });

  test('a repeated actual header matches an example value among its values', () => {
    const headers = { 'set-cookie': ['a=1', 'b=2'] };
    expect(
      matchResponse({ status: 200, headers: { 'Set-Cookie': 'b=2' } }, { status: 200, headers }),
    ).toEqual([]);
    expect(
      kinds(
        matchResponse({ status: 200, headers: { 'Set-Cookie': 'c=3' } }, { status: 200, headers }),
      ),
    ).toEqual(['header /headers/set-cookie']);
  });

  test('a string body compares as text', () => {
    const js = { 'content-type': 'application/javascript' };
    const expected = {
      status: 200,
      headers: { 'Content-Type': 'application/javascript' },
      body: 'let a = 1;',
    };
    expect(matchResponse(expected, { status: 200, headers: js, body: 'let a = 1;' })).toEqual([]);
    expect(matchResponse(expected, { status: 200, headers: js, body: 'let a = 2;' })).toMatchObject(
      [{ path: '/body', kind: 'value', expected: 'let a = 1;', actual: 'let a = 2;' }],
    );
    expect(
      matchResponse(expected, { status: 200, headers: js, body: Buffer.from('let a = 1;') }),
    ).toEqual([]);
    expect(kinds(matchResponse(expected, { status: 200, headers: js, body: { a: 1 } }))).toEqual([
      'type /body',
    ]);
  });

  test('a string body under a JSON Content-Type compares as the JSON it holds', () => {
    const expected = { status: 200, headers: json, body: '{"a": [1, 2]}' };
    const headers = { 'content-type': 'application/json' };
    expect(matchResponse(expected, { status: 200, headers, body: { a: [1, 2] } })).toEqual([]);
    expect(kinds(matchResponse(expected, { status: 200, headers, body: { a: [1, 3] } }))).toEqual([
      'value /body/a/1',
    ]);
  });

  test('an example with no body compares no body', () => {
    expect(matchResponse({ status: 204 }, { status: 204, body: { anything: true } })).toEqual([]);
    expect(matchResponse({ status: 204 }, { status: 204 })).toEqual([]);
  });

  test('an example with a body does not match a response without one', () => {
    expect(matchResponse({ status: 200, body: { a: 1 } }, { status: 200 })).toMatchObject([
      { path: '/body', kind: 'missing', expected: { a: 1 } },
    ]);
    expect(kinds(matchResponse({ status: 200, body: null }, { status: 200 }))).toEqual([
      'missing /body',
    ]);
  });

  test('a nonStrict key is not compared but must be present', () => {
    const expected = { status: 201, body: { id: 7, name: 'x' } };
    expect(
      matchResponse(expected, { status: 201, body: { id: 99, name: 'x' } }, { nonStrict: ['id'] }),
    ).toEqual([]);
    expect(
      matchResponse(
        expected,
        { status: 201, body: { id: { any: 'thing' }, name: 'x' } },
        { nonStrict: ['id'] },
      ),
    ).toEqual([]);
    expect(
      kinds(
        matchResponse(
          expected,
          { status: 201, body: { id: 99, name: 'y' } },
          { nonStrict: ['id'] },
        ),
      ),
    ).toEqual(['value /body/name']);
  });

  test('a nonStrict key that is missing is still a mismatch', () => {
    expect(
      matchResponse(
        { status: 201, body: { id: 7, name: 'x' } },
        { status: 201, body: { name: 'x' } },
        { nonStrict: ['id'] },
      ),
    ).toMatchObject([{ path: '/body/id', kind: 'missing' }]);
  });

  test('without nonStrict, the same value difference is a mismatch', () => {
    expect(
      kinds(matchResponse({ status: 201, body: { id: 7 } }, { status: 201, body: { id: 99 } })),
    ).toEqual(['value /body/id']);
  });

  test('a nonStrict dot path reaches nested keys only', () => {
    const expected = { status: 200, body: { url: 'a', author: { url: 'b', name: 'c' } } };
    const actual = { status: 200, body: { url: 'A', author: { url: 'B', name: 'c' } } };
    expect(kinds(matchResponse(expected, actual, { nonStrict: ['author.url'] }))).toEqual([
      'value /body/url',
    ]);
  });

  test('a nonStrict path walks through nested arrays to every element', () => {
    const expected = {
      status: 200,
      body: {
        contributors: [
          [{ id: 1, name: 'a' }],
          [
            { id: 2, name: 'b' },
            { id: 3, name: 'c' },
          ],
        ],
      },
    };
    const actual = {
      status: 200,
      body: {
        contributors: [
          [{ id: 10, name: 'a' }],
          [
            { id: 20, name: 'b' },
            { id: 30, name: 'c' },
          ],
        ],
      },
    };
    expect(matchResponse(expected, actual, { nonStrict: ['contributors.id'] })).toEqual([]);
    expect(kinds(matchResponse(expected, actual))).toEqual([
      'value /body/contributors/0/0/id',
      'value /body/contributors/1/0/id',
      'value /body/contributors/1/1/id',
    ]);
    const withoutId = structuredClone(actual);
    const third = withoutId.body.contributors[1]?.[1] as { id?: number };
    delete third.id;
    expect(kinds(matchResponse(expected, withoutId, { nonStrict: ['contributors.id'] }))).toEqual([
      'missing /body/contributors/1/1/id',
    ]);
  });

  test("a nonStrict path applies to a top-level array's elements", () => {
    expect(
      matchResponse(
        { status: 200, body: [{ id: 1 }, { id: 2 }] },
        { status: 200, body: [{ id: 5 }, { id: 6 }] },
        {
          nonStrict: ['id'],
        },
      ),
    ).toEqual([]);
  });

  test("the example's own nonStrict list and opts.nonStrict both apply", () => {
    const contract = contractFromObject(
      {
        url: '/users',
        method: 'POST',
        examples: {
          created: {
            response: { status: 201, body: { id: 1, createdAt: '2020-01-01', name: 'x' } },
            nonStrict: ['id'],
          },
        },
      },
      { source: 'users.json' },
    );
    const example = contract.examples[0];
    if (example === undefined) throw new Error('the contract has an example');
    const actual = { status: 201, body: { id: 2, createdAt: '2024-05-05', name: 'x' } };
    expect(kinds(matchResponse(example, actual))).toEqual(['value /body/createdAt']);
    expect(matchResponse(example, actual, { nonStrict: ['createdAt'] })).toEqual([]);
    expect(kinds(matchResponse(example.response, actual))).toEqual([
      'value /body/id',
      'value /body/createdAt',
    ]);
  });

  test('a raw example as written in a file brings its own nonStrict list', () => {
    const raw = { response: { status: 200, body: { id: 1, name: 'x' } }, nonStrict: ['id'] };
    expect(matchResponse(raw as never, { status: 200, body: { id: 2, name: 'x' } })).toEqual([]);
    expect(kinds(matchResponse(raw.response, { status: 200, body: { id: 2, name: 'x' } }))).toEqual(
      ['value /body/id'],
    );
  });

  test('__proto__ is an ordinary key, compared like any other', () => {
    const expected = { status: 200, body: JSON.parse('{"__proto__": {"admin": true}, "a": 1}') };
    expect(
      matchResponse(expected, {
        status: 200,
        body: JSON.parse('{"a": 1, "__proto__": {"admin": true}}'),
      }),
    ).toEqual([]);
    expect(
      kinds(
        matchResponse(expected, {
          status: 200,
          body: JSON.parse('{"a": 1, "__proto__": {"admin": false}}'),
        }),
      ),
    ).toEqual(['value /body/__proto__/admin']);
    expect(kinds(matchResponse(expected, { status: 200, body: { a: 1 } }))).toEqual([
      'missing /body/__proto__',
    ]);
    expect(
      kinds(
        matchResponse(
          { status: 200, body: { a: 1 } },
          { status: 200, body: JSON.parse('{"a": 1, "__proto__": 1}') },
        ),
      ),
    ).toEqual(['unexpected /body/__proto__']);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  test('inherited names such as constructor are not mistaken for keys', () => {
    expect(
      kinds(
        matchResponse(
          { status: 200, body: { constructor: 1, toString: 2 } },
          { status: 200, body: {} },
        ),
      ),
    ).toEqual(['missing /body/constructor', 'missing /body/toString']);
  });

  test('keys with / and ~ are escaped in the pointer', () => {
    expect(
      kinds(
        matchResponse(
          { status: 200, body: { 'a/b': 1, 'c~d': 1 } },
          { status: 200, body: { 'a/b': 2, 'c~d': 2 } },
        ),
      ),
    ).toEqual(['value /body/a~1b', 'value /body/c~0d']);
  });

  test('an actual Date compares as the ISO string JSON would send', () => {
    const when = new Date('2024-01-02T03:04:05.000Z');
    expect(
      matchResponse(
        { status: 200, body: { when: '2024-01-02T03:04:05.000Z' } },
        { status: 200, body: { when } },
      ),
    ).toEqual([]);
    expect(
      kinds(
        matchResponse({ status: 200, body: { when: '2023' } }, { status: 200, body: { when } }),
      ),
    ).toEqual(['value /body/when']);
  });

  test('an actual key holding undefined counts as absent, as in JSON', () => {
    expect(
      matchResponse({ status: 200, body: { a: 1 } }, { status: 200, body: { a: 1, b: undefined } }),
    ).toEqual([]);
    expect(
      kinds(
        matchResponse({ status: 200, body: { a: 1 } }, { status: 200, body: { a: undefined } }),
      ),
    ).toEqual(['missing /body/a']);
  });

  test('bodies nested 10,000 deep are compared to 1,000 levels and reported, not a RangeError', () => {
    // Regression: matchResponse overflowed the stack at about 4,000 levels.
    const deep = (): unknown => JSON.parse(`${'['.repeat(10_000)}${']'.repeat(10_000)}`);
    const mismatches = matchResponse(
      { status: 200, body: deep() as never },
      { status: 200, body: deep() },
    );
    expect(mismatches).toMatchObject([{ kind: 'depth', path: `/body${'/0'.repeat(1000)}` }]);
    expect(formatMismatches(mismatches)).toContain('nested more than 1000 levels deep');
    // An array item whose depth differs is found as itself, next to equal ones.
    const shallow = [[1], [2]];
    expect(
      matchResponse(
        { status: 200, body: [[1], deep(), [2]] as never },
        { status: 200, body: shallow },
      ),
    ).toMatchObject([{ kind: 'length' }, { kind: 'missing', path: '/body/1' }]);
  });
});
