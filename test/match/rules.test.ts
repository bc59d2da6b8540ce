import { describe, expect, test } from 'vitest';
import { contractFromObject } from '../../src/contract/parse-contract.js';
import type { Example } from '../../src/contract/types.js';
import { AbeError } from '../../src/core/abe-error.js';
import { formatMismatches } from '../../src/match/format-mismatches.js';
import { matchRequest } from '../../src/match/match-request.js';
import { matchResponse } from '../../src/match/match-response.js';

/** The first example of a one-example contract with these rules, after loading. */
function example(
  rules: Record<string, string>,
  response: Record<string, unknown>,
  request: Record<string, unknown> = { url: '/things' },
  contractRules?: Record<string, string>,
): Example {
  const contract = contractFromObject(
    {
      url: '/things',
      method: 'POST',
      ...(contractRules === undefined ? {} : { rules: contractRules }),
      examples: { OK: { request, response: { status: 200, ...response }, rules } },
    },
    { source: 'things.json' },
  );
  return contract.examples[0] as Example;
}

function responseText(ex: Example, body: unknown, headers: Record<string, string> = {}): string {
  return formatMismatches(matchResponse(ex, { status: 200, headers, body }));
}

describe('rules on the response body', () => {
  test('type: any value of the example value type, integer told from number', () => {
    const ex = example({ 'response.body.id': 'type' }, { body: { id: 17 } });
    expect(responseText(ex, { id: 99 })).toBe('no mismatches');
    expect(responseText(ex, { id: '17' })).toBe(
      '/body/id  expected an integer (rule), got a string "17"',
    );
    expect(responseText(ex, { id: 1.5 })).toBe(
      '/body/id  expected an integer (rule), got a number 1.5',
    );
    const price = example({ 'response.body.price': 'type' }, { body: { price: 9.5 } });
    expect(responseText(price, { price: 3 })).toBe('no mismatches');
  });

  test('type on an object compares by type all the way down, keys still strict', () => {
    const ex = example(
      { 'response.body.user': 'type' },
      { body: { user: { id: 1, name: 'ann', tags: ['a'] } } },
    );
    expect(responseText(ex, { user: { id: 2, name: 'bob', tags: ['x', 'y', 'z'] } })).toBe(
      'no mismatches',
    );
    expect(responseText(ex, { user: { id: 2, name: 3, tags: [], extra: true } })).toBe(
      [
        '/body/user/name   expected a string (rule), got a number 3',
        '/body/user/extra  unexpected true',
      ].join('\n'),
    );
  });

  test('each-like: any length from the minimum, every element like the first', () => {
    const ex = example(
      { 'response.body.items': 'each-like min 1', 'response.body.items.at': 'date' },
      { body: { items: [{ id: 1, at: '2026-01-02' }] } },
    );
    expect(
      responseText(ex, {
        items: [
          { id: 5, at: '2030-12-31' },
          { id: 6, at: '2031-01-01' },
        ],
      }),
    ).toBe('no mismatches');
    expect(responseText(ex, { items: [] })).toBe(
      '/body/items  expected an array of at least 1 item (rule), got an array []',
    );
    expect(
      responseText(ex, {
        items: [
          { id: 5, at: '2026-01-02' },
          { id: 'x', at: 'soon' },
        ],
      }),
    ).toBe(
      [
        '/body/items/1/id  expected an integer (rule), got a string "x"',
        '/body/items/1/at  expected a date (rule), got "soon"',
      ].join('\n'),
    );
  });

  test('formats: date-time, date, uuid, email and uri accept their form and name the rule', () => {
    const ex = example(
      {
        'response.body.createdAt': 'date-time',
        'response.body.day': 'date',
        'response.body.key': 'uuid',
        'response.body.mail': 'email',
        'response.body.home': 'uri',
      },
      {
        body: {
          createdAt: '2026-12-07T04:00:00Z',
          day: '2026-12-07',
          key: '0b4c5f2e-8a41-4d6e-9b1c-3f2a7e5d9c10',
          mail: 'ann@example.com',
          home: 'https://example.com/ann',
        },
      },
    );
    expect(
      responseText(ex, {
        createdAt: '2027-01-31T23:59:59.123+01:00',
        day: '2024-02-29',
        key: 'E1F0A2B3-0000-4000-8000-000000000001',
        mail: 'bob@shop.example.org',
        home: 'mailto:bob@example.org',
      }),
    ).toBe('no mismatches');
    expect(
      responseText(ex, {
        createdAt: 'soon',
        day: '2023-02-29',
        key: '1234',
        mail: 'bob',
        home: 'not a uri',
      }),
    ).toBe(
      [
        '/body/createdAt  expected a date-time (rule), got "soon"',
        '/body/day        expected a date (rule), got "2023-02-29"',
        '/body/key        expected a UUID (rule), got "1234"',
        '/body/mail       expected an email address (rule), got "bob"',
        '/body/home       expected a URI (rule), got "not a uri"',
      ].join('\n'),
    );
  });

  test('range and regex', () => {
    const ex = example(
      { 'response.body.count': 'range 1..100', 'response.body.code': 'regex ^[A-Z]{3}-[0-9]+$' },
      { body: { count: 5, code: 'ABC-1' } },
    );
    expect(responseText(ex, { count: 100, code: 'XYZ-42' })).toBe('no mismatches');
    expect(responseText(ex, { count: 101, code: 'abc-1' })).toBe(
      [
        '/body/count  expected an integer in 1..100 (rule), got a number 101',
        '/body/code   expected a string matching ^[A-Z]{3}-[0-9]+$ (rule), got "abc-1"',
      ].join('\n'),
    );
  });

  test('optional lets a key be absent; nullable lets it be null; both combine with a format', () => {
    const ex = example(
      {
        'response.body.deletedAt': 'optional nullable date-time',
        'response.body.note': 'nullable',
      },
      { body: { deletedAt: '2026-01-01T00:00:00Z', note: 'hi' } },
    );
    expect(responseText(ex, { note: null })).toBe('no mismatches');
    expect(responseText(ex, { deletedAt: null, note: 'hi' })).toBe('no mismatches');
    expect(responseText(ex, { deletedAt: 'later', note: 'bye' })).toBe(
      [
        '/body/deletedAt  expected a date-time or null (rule), got "later"',
        '/body/note       expected "hi", got "bye"',
      ].join('\n'),
    );
    const strict = example({}, { body: { deletedAt: '2026-01-01T00:00:00Z' } });
    expect(responseText(strict, {})).toBe(
      '/body/deletedAt  missing, expected "2026-01-01T00:00:00Z"',
    );
  });

  test('an optional key the example leaves out may come, checked by its rule', () => {
    const ex = example({ 'response.body.next': 'optional uri' }, { body: { items: [] } });
    expect(responseText(ex, { items: [] })).toBe('no mismatches');
    expect(responseText(ex, { items: [], next: 'https://example.com/?page=2' })).toBe(
      'no mismatches',
    );
    expect(responseText(ex, { items: [], next: 'page 2' })).toBe(
      '/body/next  expected a URI (rule), got "page 2"',
    );
  });

  test('a rule on the whole body, and a key with a dot written \\.', () => {
    const ex = example(
      { 'response.body': 'each-like', 'response.body.v\\.major': 'type' },
      { body: [{ 'v.major': 1 }] },
    );
    expect(responseText(ex, [{ 'v.major': 2 }, { 'v.major': 3 }])).toBe('no mismatches');
    expect(responseText(ex, [{ 'v.major': 'two' }])).toBe(
      '/body/0/v.major  expected an integer (rule), got a string "two"',
    );
  });

  test('a contract-wide rule applies to every example, and the example own rule wins', () => {
    const wide = example(
      {},
      { body: { id: 3 } },
      { url: '/things' },
      { 'response.body.id': 'type' },
    );
    expect(responseText(wide, { id: 44 })).toBe('no mismatches');
    const own = example(
      { 'response.body.id': 'range 1..9' },
      { body: { id: 3 } },
      { url: '/things' },
      { 'response.body.id': 'type' },
    );
    expect(responseText(own, { id: 44 })).toBe(
      '/body/id  expected an integer in 1..9 (rule), got a number 44',
    );
  });

  test('nonStrict keeps working beside rules', () => {
    const contract = contractFromObject(
      {
        url: '/things',
        method: 'GET',
        examples: {
          OK: {
            response: { status: 200, body: { id: 1, token: 'x', at: '2026-01-01' } },
            nonStrict: ['token'],
            rules: { 'response.body.at': 'date' },
          },
        },
      },
      { source: 'things.json' },
    );
    const ex = contract.examples[0] as Example;
    expect(responseText(ex, { id: 1, token: 'anything', at: '2027-05-05' })).toBe('no mismatches');
    expect(responseText(ex, { id: 2, token: 'anything', at: '2027-05-05' })).toBe(
      '/body/id  expected 1, got 2',
    );
  });
});

describe('rules on response headers', () => {
  test('a header value checked by its rule, names case-insensitive', () => {
    const ex = example(
      {
        'response.headers.Location': 'regex ^/things/[0-9]+$',
        'response.headers.X-Trace': 'optional uuid',
      },
      { headers: { Location: '/things/1', 'X-Trace': '0b4c5f2e-8a41-4d6e-9b1c-3f2a7e5d9c10' } },
    );
    expect(responseText(ex, undefined, { location: '/things/42' })).toBe('no mismatches');
    expect(responseText(ex, undefined, { location: '/other/42', 'x-trace': 'abc' })).toBe(
      [
        '/headers/location  expected a string matching ^/things/[0-9]+$ (rule), got "/other/42"',
        '/headers/x-trace   expected a UUID (rule), got "abc"',
      ].join('\n'),
    );
  });
});

describe('rules on the request', () => {
  const ex = example(
    {
      'request.body.sentAt': 'date-time',
      'request.query.page': 'range 1..50',
      'request.query.since': 'optional date',
      'request.headers.X-Request-Id': 'uuid',
    },
    {},
    {
      url: '/things?page=1',
      queryParams: { since: '2026-01-01' },
      headers: { 'X-Request-Id': '0b4c5f2e-8a41-4d6e-9b1c-3f2a7e5d9c10' },
      body: { sentAt: '2026-12-07T04:00:00Z', qty: 1 },
    },
  );

  test('a request with fresh values matches', () => {
    expect(
      matchRequest(ex, {
        method: 'POST',
        url: '/things?page=7',
        headers: { 'x-request-id': 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee' },
        body: { sentAt: new Date(0).toISOString(), qty: 1 },
      }),
    ).toEqual([]);
  });

  test('values a rule refuses are named with the rule', () => {
    const mismatches = matchRequest(ex, {
      method: 'POST',
      url: '/things?page=70&since=yesterday',
      headers: { 'x-request-id': 'r1' },
      body: { sentAt: 'soon', qty: 2 },
    });
    expect(formatMismatches(mismatches)).toBe(
      [
        '/query/page            expected an integer in 1..50 (rule), got "70"',
        '/query/since           expected a date (rule), got "yesterday"',
        '/headers/x-request-id  expected a UUID (rule), got "r1"',
        '/body/sentAt           expected a date-time (rule), got "soon"',
        '/body/qty              expected 1, got 2',
      ].join('\n'),
    );
    expect(mismatches.filter((mismatch) => mismatch.kind === 'rule')).toHaveLength(4);
  });
});

describe('rules in an example written in code', () => {
  test('a rule lint would refuse throws an AbeError naming it', () => {
    const raw = {
      response: { status: 200, body: { at: 'x' } },
      rules: { 'response.body.at': 'dat-time' },
    } as unknown as Example;
    expect(() => matchResponse(raw, { status: 200, body: { at: 'x' } })).toThrow(AbeError);
    expect(() => matchResponse(raw, { status: 200, body: { at: 'x' } })).toThrow(
      /unknown rule word "dat-time".*Did you mean "date-time"\?/,
    );
  });
});
