import { describe, expect, test } from 'vitest';
import { parseRule, type Rule } from '../../src/contract/parse-rule.js';
import {
  describeRule,
  jsonType,
  judgesValue,
  ruleAllows,
  typeName,
} from '../../src/contract/rule-value.js';
import { AbeError } from '../../src/core/abe-error.js';
import { compileRules } from '../../src/match/compile-rules.js';

/** The rule read from `source`, failing the test when it does not read. */
function ruleOf(source: string): Rule {
  const parsed = parseRule(source);
  if (!parsed.ok) throw new Error(`${source}: ${parsed.problem.message}`);
  return parsed.rule;
}

/** The values of `values` that `source` allows, on a body value without an example value. */
function allowed(source: string, values: readonly unknown[], text = false): unknown[] {
  const rule = ruleOf(source);
  return values.filter((value) => ruleAllows(rule, undefined, value, text) === true);
}

/** The values `source` refuses: each must be decided (true or false), never undefined. */
function refused(source: string, values: readonly unknown[], text = false): unknown[] {
  const rule = ruleOf(source);
  return values.filter((value) => ruleAllows(rule, undefined, value, text) === false);
}

describe('ruleAllows: formats', () => {
  test('date-time: RFC 3339, T, t or a space, fractions, Z, z or an offset', () => {
    const good = [
      '2026-01-01T00:00:00Z',
      '2026-12-31t23:59:59z',
      '2026-06-15 19:09:60Z',
      '2026-06-15T20:50:08.5Z',
      '2026-06-15T10:45:30.123456+00:00',
      '2026-06-15T10:45:30-23:59',
      '2026-06-15T10:45:30+19:05',
      '2026-06-15T10:45:30+20:00',
      '2024-02-29T12:00:00Z',
      '0004-02-29T12:00:00Z',
      '0000-02-29T12:00:00Z',
    ];
    expect(allowed('date-time', good)).toStrictEqual(good);
    const bad = [
      'soon',
      '',
      'x2026-01-01T00:00:00Z',
      '2026-01-01T00:00:00Zx',
      '2026-01-01T00:00:00Z\n',
      '202-01-01T00:00:00Z',
      '20260-01-01T00:00:00Z',
      '2026-1-01T00:00:00Z',
      '2026-01-1T00:00:00Z',
      '2026-01-01X00:00:00Z',
      '2026-01-01T24:00:00Z',
      '2026-01-01T30:00:00Z',
      '2026-01-01T1:00:00Z',
      '2026-01-01T00:60:00Z',
      '2026-01-01T00:0:00Z',
      '2026-01-01T00:00:61Z',
      '2026-01-01T00:00:70Z',
      '2026-01-01T00:00:0Z',
      '2026-01-01T00:00:00',
      '2026-01-01T00:00:00.Z',
      '2026-01-01T00:00:00.5',
      '2026-01-01T00:00:00A',
      '2026-01-01T00:00:00*01:00',
      '2026-01-01T00:00:00+24:00',
      '2026-01-01T00:00:00+1:00',
      '2026-01-01T00:00:00+01:60',
      '2026-01-01T00:00:00+0100',
      '2026-01-01T00:00:00+01:0',
      '2026-13-01T00:00:00Z',
      '2026-00-01T00:00:00Z',
      '2026-01-00T00:00:00Z',
      '2026-02-29T00:00:00Z',
      '2026-04-31T00:00:00Z',
      'aaaa-bb-ccT00:00:00Z',
    ];
    expect(refused('date-time', bad)).toStrictEqual(bad);
  });

  test('date: a calendar date, leap days and the last day of each month told right', () => {
    const good = [
      '2026-01-01',
      '2026-01-31',
      '2026-02-28',
      '2024-02-29',
      '2000-02-29',
      '2026-04-30',
      '2026-12-31',
      '0000-02-29',
      '0004-02-29',
      '9999-12-31',
    ];
    expect(allowed('date', good)).toStrictEqual(good);
    const bad = [
      '2026-02-29',
      '1900-02-29',
      '0100-02-29',
      '2026-01-32',
      '2026-04-31',
      '2026-12-32',
      '2026-13-01',
      '2026-00-10',
      '2026-01-00',
      '2026-1-01',
      '2026-01-1',
      '26-01-01',
      '2026-01-01x',
      'x2026-01-01',
      '2026-01-01T00:00:00Z',
      '2026/01/01',
      'yyyy-mm-dd',
    ];
    expect(refused('date', bad)).toStrictEqual(bad);
  });

  test('uuid: five groups of hex digits, either case', () => {
    const good = [
      '09af09af-09af-09af-09af-09af09af09af',
      '09AF09AF-09AF-09AF-09AF-09AF09AF09AF',
      '0b4c5f2e-8a41-4d6e-9b1c-3f2a7e5d9c10',
    ];
    expect(allowed('uuid', good)).toStrictEqual(good);
    const bad = [
      '1234',
      'g9af09af-09af-09af-09af-09af09af09af',
      '09af09af-09af-09ag-09af-09af09af09af',
      '09af09af-09af-09af-09af-09af09af09ag',
      '09af09a-09af-09af-09af-09af09af09af',
      '09af09af-09a-09af-09af-09af09af09af',
      '09af09af-09af-09a-09af-09af09af09af',
      '09af09af-09af-09af-09a-09af09af09af',
      '09af09af-09af-09af-09af-09af09af09a',
      '09af09af009af-09af-09af-09af09af09af',
      'x09af09af-09af-09af-09af-09af09af09af',
      '09af09af-09af-09af-09af-09af09af09afx',
      '{09af09af-09af-09af-09af-09af09af09af}',
    ];
    expect(refused('uuid', bad)).toStrictEqual(bad);
  });

  test('email: one @ after something, no white space, a dot inside the domain', () => {
    const good = ['a@b.c', 'ann@example.com', 'a.b+c@d.e.f', 'x@y.z9', 'a@b..c', 'a.@b.c'];
    expect(allowed('email', good)).toStrictEqual(good);
    const bad = [
      'bob',
      '@b.c',
      'a@b@c.d',
      'a@@b.c',
      'a b@c.d',
      'a@b.c ',
      'a@b.c\t',
      '\na@b.c',
      'a@b',
      'a.b@c',
      'a.b@cd',
      'a@.bc',
      'a@bc.',
      'a@b.c.',
      'a@',
      '',
    ];
    expect(refused('email', bad)).toStrictEqual(bad);
  });

  test('uri: a scheme of a letter then letters, digits, + . -, a colon, no white space', () => {
    const good = [
      'https://example.com/ann',
      'mailto:bob@example.org',
      'a:',
      'z:x',
      'A:x',
      'Z9:x',
      'a0+.-z:x',
      'a9:',
      'urn:isbn:0451450523',
    ];
    expect(allowed('uri', good)).toStrictEqual(good);
    const bad = [
      'not a uri',
      'page 2',
      '/relative/path',
      '9a:x',
      ':x',
      '+a:x',
      'a b:x',
      'a_b:x',
      'a:b c',
      'a:b\t',
      'a',
      '',
      ' a:b',
    ];
    expect(refused('uri', bad)).toStrictEqual(bad);
  });

  test('a format refuses a value that is not a string, as text too', () => {
    const values = [5, true, null, ['2026-01-01'], { at: '2026-01-01' }, undefined];
    for (const format of ['date-time', 'date', 'uuid', 'email', 'uri']) {
      expect(refused(format, values)).toStrictEqual(values);
      expect(refused(format, [5], true)).toStrictEqual([5]);
    }
  });
});

describe('ruleAllows: null, regex, range, type, each-like', () => {
  test('null is allowed by nullable whatever else the rule says, and refused without it', () => {
    for (const source of ['nullable date', 'nullable regex ^a', 'nullable range 1..2']) {
      expect(ruleAllows(ruleOf(source), 'x', null, false)).toBe(true);
      expect(ruleAllows(ruleOf(source), 'x', null, true)).toBe(true);
    }
    expect(ruleAllows(ruleOf('nullable type'), 7, null, false)).toBe(true);
    expect(ruleAllows(ruleOf('nullable each-like min 2'), [1, 1], null, false)).toBe(true);
    expect(ruleAllows(ruleOf('nullable'), 'x', null, false)).toBe(true);
    // nullable adds null only: other values are still the rule's to decide.
    expect(ruleAllows(ruleOf('nullable date'), 'x', 'soon', false)).toBe(false);
    expect(ruleAllows(ruleOf('nullable type'), 7, 'seven', false)).toBe(false);
    expect(ruleAllows(ruleOf('date'), 'x', null, false)).toBe(false);
    expect(ruleAllows(ruleOf('regex ^a'), 'x', null, false)).toBe(false);
    expect(ruleAllows(ruleOf('range 1..2'), 1, null, false)).toBe(false);
    expect(ruleAllows(ruleOf('type'), 7, null, false)).toBe(false);
    expect(ruleAllows(ruleOf('each-like'), [1], null, false)).toBe(false);
    // Nothing but optional or nullable: not decided here, for null as for anything else.
    expect(ruleAllows(ruleOf('optional'), 'x', null, false)).toBeUndefined();
    expect(ruleAllows(ruleOf('nullable'), 'x', 'y', false)).toBeUndefined();
    expect(ruleAllows(ruleOf('optional nullable'), 1, 2, true)).toBeUndefined();
  });

  test('regex finds its pattern anywhere, as RegExp.test does, in strings only', () => {
    expect(allowed('regex b', ['abc', 'b', 'xyz', 'B'])).toStrictEqual(['abc', 'b']);
    expect(allowed('regex ^[A-Z]{3}-[0-9]+$', ['XYZ-42', 'abc-1', 'ABC-', 'ABCD-1'])).toStrictEqual(
      ['XYZ-42'],
    );
    expect(refused('regex 1', [1, ['1'], null, { 1: 1 }])).toStrictEqual([
      1,
      ['1'],
      null,
      { 1: 1 },
    ]);
  });

  test('range: integers within the bounds inclusive; text reads an integer written out', () => {
    expect(
      allowed('range -5..10', [-6, -5, -4, 0, 9, 10, 11, 2.5, '3', null, true, [3]]),
    ).toStrictEqual([-5, -4, 0, 9, 10]);
    expect(refused('range -5..10', [-6, 11, 2.5, '3', null, true, [3]])).toStrictEqual([
      -6,
      11,
      2.5,
      '3',
      null,
      true,
      [3],
    ]);
    expect(
      allowed(
        'range -5..10',
        [
          '-5',
          '10',
          '0',
          '007',
          '-0',
          '11',
          '-6',
          '2.5',
          ' 3',
          '3 ',
          '+3',
          '',
          'x',
          '1e1',
          4,
          [3],
          null,
        ],
        true,
      ),
    ).toStrictEqual(['-5', '10', '0', '007', '-0', 4]);
    expect(
      allowed(
        'range 0..999999999999999',
        ['999999999999999', '0999999999999999', '1000000000000000'],
        true,
      ),
    ).toStrictEqual(['999999999999999']);
    expect(
      allowed('range -999999999999999..0', ['-999999999999999', '-0999999999999999'], true),
    ).toStrictEqual(['-999999999999999']);
  });

  test('type on a body value: the example value type, an integer being also a number', () => {
    const rule = ruleOf('type');
    const cases: [unknown, unknown, boolean][] = [
      [17, 99, true],
      [17, -3, true],
      [17, 1.5, false],
      [17, '17', false],
      [9.5, 3, true],
      [9.5, 0.25, true],
      [9.5, '9.5', false],
      ['a', 'b', true],
      ['a', 1, false],
      [true, false, true],
      [true, 'true', false],
      [{ a: 1 }, {}, true],
      [{}, [], false],
      [[1], [], true],
      [[], {}, false],
      [null, null, true],
      [null, {}, false],
      [1, null, false],
    ];
    expect(
      cases.map(([expected, actual]) => ruleAllows(rule, expected, actual, false)),
    ).toStrictEqual(cases.map(([, , ok]) => ok));
  });

  test('type without an example value allows anything in a body, any string as text', () => {
    const rule = ruleOf('type');
    for (const actual of [1, 'x', null, [], {}, true]) {
      expect(ruleAllows(rule, undefined, actual, false)).toBe(true);
    }
    for (const expected of [undefined, 5, 'x']) {
      expect(ruleAllows(rule, expected, 'anything', true)).toBe(true);
      expect(ruleAllows(rule, expected, '', true)).toBe(true);
      expect(ruleAllows(rule, expected, 5, true)).toBe(false);
      expect(ruleAllows(rule, expected, ['a'], true)).toBe(false);
    }
  });

  test('each-like: an array of at least the minimum length, whatever its elements', () => {
    expect(allowed('each-like', [[], [1], ['a', 2], {}, 'abc', null, 0])).toStrictEqual([
      [],
      [1],
      ['a', 2],
    ]);
    expect(refused('each-like', [{}, 'abc', null, 0, { length: 3 }])).toStrictEqual([
      {},
      'abc',
      null,
      0,
      { length: 3 },
    ]);
    expect(allowed('each-like min 2', [[], [1], [1, 2], [1, 2, 3], 'ab'])).toStrictEqual([
      [1, 2],
      [1, 2, 3],
    ]);
    expect(refused('each-like min 2', [[], [1], 'ab'])).toStrictEqual([[], [1], 'ab']);
  });
});

describe('judgesValue', () => {
  test('every word that decides a value does, and optional or nullable alone do not', () => {
    const judged = [
      'type',
      'each-like',
      'date-time',
      'uuid',
      'range 1..2',
      'regex ^a$',
      'optional nullable type',
    ];
    expect(judged.filter((source) => !judgesValue(ruleOf(source)))).toEqual([]);
    const left = ['optional', 'nullable', 'optional nullable'];
    expect(left.filter((source) => judgesValue(ruleOf(source)))).toEqual([]);
  });
});

describe('describeRule, jsonType and typeName', () => {
  test('what each kind of rule asks for, with "or null" when nullable', () => {
    const described = (source: string, expected: unknown = undefined) =>
      describeRule(ruleOf(source), expected);
    expect(
      ['date-time', 'date', 'uuid', 'email', 'uri'].map((format) => described(format)),
    ).toStrictEqual(['a date-time', 'a date', 'a UUID', 'an email address', 'a URI']);
    expect(described('nullable uuid')).toBe('a UUID or null');
    expect(described('regex ^a b$')).toBe('a string matching ^a b$');
    expect(described('range -3..40')).toBe('an integer in -3..40');
    expect(described('nullable range 1..1')).toBe('an integer in 1..1 or null');
    expect(described('each-like')).toBe('an array');
    expect(described('each-like min 0')).toBe('an array');
    expect(described('each-like min 1')).toBe('an array of at least 1 item');
    expect(described('each-like min 2')).toBe('an array of at least 2 items');
    expect(described('nullable each-like min 12')).toBe('an array of at least 12 items or null');
    expect(described('type', 17)).toBe('an integer');
    expect(described('nullable type', 'x')).toBe('a string or null');
    expect(described('type', undefined)).toBe('a value');
    expect(described('optional', 17)).toBe('the example value');
    expect(described('nullable', 'x')).toBe('the example value or null');
    expect(described('optional nullable', 'x')).toBe('the example value or null');
  });

  test('jsonType tells integers from other numbers; typeName names each type', () => {
    const values = [17, -0, 1.5, 'x', '', true, false, { a: 1 }, [1], null, undefined];
    expect(values.map(jsonType)).toStrictEqual([
      'integer',
      'integer',
      'number',
      'string',
      'string',
      'boolean',
      'boolean',
      'object',
      'array',
      'null',
      'undefined',
    ]);
    expect(values.map(typeName)).toStrictEqual([
      'an integer',
      'an integer',
      'a number',
      'a string',
      'a string',
      'a boolean',
      'a boolean',
      'an object',
      'an array',
      'null',
      'a value',
    ]);
    expect(typeName(() => 1)).toBe('a value');
    expect(typeName(10n)).toBe('a value');
  });
});

describe('compileRules', () => {
  test('no rules compile to nothing; an empty rules object to empty parts', () => {
    expect(compileRules(undefined)).toBeUndefined();
    const empty = { body: undefined, headers: undefined, query: undefined };
    expect(compileRules({})).toStrictEqual({ request: empty, response: empty });
  });

  test('rules compile once per rules object', () => {
    const rules = { 'response.body.id': 'type' };
    const first = compileRules(rules);
    expect(compileRules(rules)).toBe(first);
    expect(compileRules({ ...rules })).not.toBe(first);
    expect(compileRules({ ...rules })).toStrictEqual(first);
  });

  test('header names are lower-cased, query names kept as written, each on its part', () => {
    const compiled = compileRules({
      'response.headers.X-Trace': 'optional uuid',
      'request.headers.Authorization': 'regex ^Bearer ',
      'request.query.Page': 'range 1..5',
      'request.query.since': 'date',
    });
    expect(compiled?.response).toStrictEqual({
      body: undefined,
      headers: new Map([['x-trace', ruleOf('optional uuid')]]),
      query: undefined,
    });
    expect(compiled?.request.body).toBeUndefined();
    expect([...(compiled?.request.headers?.keys() ?? [])]).toStrictEqual(['authorization']);
    expect(compiled?.request.headers?.get('authorization')?.regex?.source).toBe('^Bearer ');
    expect(compiled?.request.query).toStrictEqual(
      new Map([
        ['Page', ruleOf('range 1..5')],
        ['since', ruleOf('date')],
      ]),
    );
  });

  test('body rules build one tree: shared keys share a node, rules at every depth', () => {
    const compiled = compileRules({
      'response.body.items.id': 'type',
      'response.body': 'nullable',
      'response.body.items': 'each-like min 1',
      'response.body.items.at': 'date',
      'response.body.a\\.b': 'uuid',
      'request.body.x.y': 'email',
    });
    const leaf = (source: string) => ({ rule: ruleOf(source), children: undefined });
    expect(compiled?.response.body).toStrictEqual({
      rule: ruleOf('nullable'),
      children: new Map<string, unknown>([
        [
          'items',
          {
            rule: ruleOf('each-like min 1'),
            children: new Map([
              ['id', leaf('type')],
              ['at', leaf('date')],
            ]),
          },
        ],
        ['a.b', leaf('uuid')],
      ]),
    });
    expect(compiled?.request.body).toStrictEqual({
      rule: undefined,
      children: new Map([['x', { rule: undefined, children: new Map([['y', leaf('email')]]) }]]),
    });
    expect(compiled?.request.headers).toBeUndefined();
    expect(compiled?.response.query).toBeUndefined();
    // Every node has both its keys, as RuleNode declares, leaves and inner nodes alike.
    const items = compiled?.response.body?.children?.get('items');
    expect(Object.keys(items ?? {})).toStrictEqual(['rule', 'children']);
    expect(Object.keys(items?.children?.get('id') ?? {})).toStrictEqual(['rule', 'children']);
    expect(Object.keys(compiled?.request.body?.children?.get('x') ?? {})).toStrictEqual([
      'rule',
      'children',
    ]);
  });

  test('a key whose rule is undefined is skipped', () => {
    const rules = { 'response.body.x': undefined, 'response.body.y': 'type' } as unknown as Record<
      string,
      string
    >;
    expect(compileRules(rules)?.response.body).toStrictEqual({
      rule: undefined,
      children: new Map([['y', { rule: ruleOf('type'), children: undefined }]]),
    });
  });

  test('a rule path or rule lint would refuse throws a contract.invalid AbeError naming it', () => {
    const thrown = (rules: Record<string, string>) => {
      try {
        compileRules(rules);
      } catch (error) {
        return error instanceof AbeError ? [error.code, error.message] : error;
      }
      return undefined;
    };
    expect(thrown({ 'response.body.ok': 'type', 'response.query.page': 'type' })).toStrictEqual([
      'contract.invalid',
      'rule path "response.query.page" names no part of an example: start it with response.body, response.headers, request.body, request.headers or request.query.',
    ]);
    expect(thrown({ 'request.body.n': 'range 3..1' })).toStrictEqual([
      'contract.invalid',
      'rule "request.body.n": "range 3..1": "range" needs two integers, the smaller first, such as "range 1..100", got "3..1".',
    ]);
  });
});
