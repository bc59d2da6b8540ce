import { describe, expect, test } from 'vitest';
import { MAX_JSON_DEPTH } from '../../src/contract/json-depth.js';
import { compareJson } from '../../src/match/compare-json.js';
import { compileRules } from '../../src/match/compile-rules.js';
import type { Mismatch } from '../../src/match/types.js';

/**
 * Every mismatch between a response body `expected` and `actual` under `rules`, written as in
 * an example with paths below `response.body` (`''` is the body itself).
 */
function compare(rules: Record<string, string>, expected: unknown, actual: unknown): Mismatch[] {
  const written = Object.fromEntries(
    Object.entries(rules).map(([path, rule]) => [
      path === '' ? 'response.body' : `response.body.${path}`,
      rule,
    ]),
  );
  const out: Mismatch[] = [];
  compareJson(expected, actual, '/body', undefined, out, compileRules(written)?.response.body);
  return out;
}

/** The mismatches as `kind path: message` lines, the shape a user reads. */
function lines(out: readonly Mismatch[]): string[] {
  return out.map((mismatch) => `${mismatch.kind} ${mismatch.path}: ${mismatch.message}`);
}

describe('a rule on the body itself', () => {
  test('nullable alone leaves a present body to the strict comparison', () => {
    expect(lines(compare({ '': 'nullable' }, { a: 1 }, { a: 2 }))).toEqual([
      'value /body/a: expected 1, got 2',
    ]);
    expect(compare({ '': 'nullable' }, { a: 1 }, null)).toEqual([]);
  });

  test('type reaching past the depth limit reports the depth only, and compares no further', () => {
    let expected: unknown = 1;
    let actual: unknown = 'x';
    for (let level = 0; level <= MAX_JSON_DEPTH; level++) {
      expected = [expected];
      actual = [actual];
    }
    expect(compare({ '': 'type' }, expected, actual).map((mismatch) => mismatch.kind)).toEqual([
      'depth',
    ]);
  });
});

describe('a rule that only says optional or nullable under a by-type parent', () => {
  test('the value is compared by type, as its parent says', () => {
    const rules = { user: 'type', 'user.nick': 'optional' };
    const expected = { user: { id: 1, nick: 'a' } };
    expect(compare(rules, expected, { user: { id: 2, nick: 'b' } })).toEqual([]);
    expect(compare(rules, expected, { user: { id: 2 } })).toEqual([]);
    expect(lines(compare(rules, expected, { user: { id: 2, nick: 3 } }))).toEqual([
      'rule /body/user/nick: expected a string (rule), got a number 3',
    ]);
  });

  test('rules below a nullable value still apply to it', () => {
    const rules = { user: 'nullable', 'user.id': 'type' };
    const expected = { user: { id: 1, name: 'ann' } };
    expect(compare(rules, expected, { user: { id: 99, name: 'ann' } })).toEqual([]);
    expect(compare(rules, expected, { user: null })).toEqual([]);
    expect(lines(compare(rules, expected, { user: { id: 99, name: 'bob' } }))).toEqual([
      'value /body/user/name: expected "ann", got "bob"',
    ]);
  });
});

describe('type compares by type all the way down', () => {
  const rules = { user: 'type' };

  test('a number in the example takes any number; a string does not pass for it', () => {
    const expected = { user: { price: 9.5 } };
    expect(compare(rules, expected, { user: { price: 3 } })).toEqual([]);
    expect(lines(compare(rules, expected, { user: { price: 'cheap' } }))).toEqual([
      'rule /body/user/price: expected a number (rule), got a string "cheap"',
    ]);
  });

  test('strings of any length, and null where the example has null', () => {
    const expected = { user: { name: 'ann', nick: null } };
    expect(compare(rules, expected, { user: { name: 'bob smith', nick: null } })).toEqual([]);
    expect(lines(compare(rules, expected, { user: { name: 'bob', nick: 'b' } }))).toEqual([
      'rule /body/user/nick: expected null (rule), got a string "b"',
    ]);
  });

  test('a Date below is seen as the string JSON sends', () => {
    const expected = { user: { seen: '2026-01-02T03:04:05.000Z' } };
    expect(compare(rules, expected, { user: { seen: new Date(Date.UTC(2020, 0, 1)) } })).toEqual(
      [],
    );
  });

  test('every element of a non-empty example array, and none of an empty one', () => {
    expect(lines(compare(rules, { user: { tags: ['a'] } }, { user: { tags: ['b', 1] } }))).toEqual([
      'rule /body/user/tags/1: expected a string (rule), got a number 1',
    ]);
    expect(compare(rules, { user: { tags: [] } }, { user: { tags: [1, 'b', null] } })).toEqual([]);
  });
});

describe('each-like', () => {
  test('every element is compared with the first of the example, not the one at its index', () => {
    const expected = { items: [{ id: 1 }, { name: 'second' }] };
    expect(compare({ items: 'each-like' }, expected, { items: [{ id: 7 }, { id: 8 }] })).toEqual(
      [],
    );
    expect(lines(compare({ items: 'each-like' }, expected, { items: [{ name: 'x' }] }))).toEqual([
      'missing /body/items/0/id: key "id" is missing',
      'unexpected /body/items/0/name: unexpected key "name" with "x"',
    ]);
  });

  test('on an empty example array, any elements go', () => {
    expect(
      compare({ items: 'each-like' }, { items: [] }, { items: [1, 'a', { b: null }] }),
    ).toEqual([]);
  });
});

describe('a value rule decides alone', () => {
  test('a value that satisfies the rule is not compared by type with the example', () => {
    expect(compare({ code: 'regex ^[0-9]+$' }, { code: 5 }, { code: '12' })).toEqual([]);
  });

  test('a Date is checked as the string JSON sends', () => {
    const at = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
    expect(compare({ at: 'date-time' }, { at: '2026-01-01T00:00:00Z' }, { at })).toEqual([]);
  });

  test('what a broken rule got is said with its type, and null as null', () => {
    const expected = { at: '2026-01-01T00:00:00Z' };
    expect(lines(compare({ at: 'date-time' }, expected, { at: 5 }))).toEqual([
      'rule /body/at: expected a date-time (rule), got a number 5',
    ]);
    expect(lines(compare({ at: 'date-time' }, expected, { at: null }))).toEqual([
      'rule /body/at: expected a date-time (rule), got null',
    ]);
    expect(lines(compare({ at: 'date-time' }, expected, { at: 'soon' }))).toEqual([
      'rule /body/at: expected a date-time (rule), got "soon"',
    ]);
  });
});

describe('keys the example leaves out', () => {
  test('a missing key is reported where rules name only keys below it', () => {
    expect(lines(compare({ 'user.id': 'type' }, { user: { id: 1 } }, {}))).toEqual([
      'missing /body/user: key "user" is missing',
    ]);
  });

  test('an extra key is unexpected even where other keys have rules', () => {
    expect(lines(compare({ id: 'type' }, { id: 1 }, { id: 2, extra: true }))).toEqual([
      'unexpected /body/extra: unexpected key "extra" with true',
    ]);
  });

  test('an optional key absent from the example is checked by the rest of its rule, as JSON', () => {
    const rules = { n: 'optional range 1..5' };
    expect(compare(rules, {}, { n: 3 })).toEqual([]);
    expect(lines(compare(rules, {}, { n: '3' }))).toEqual([
      'rule /body/n: expected an integer in 1..5 (rule), got "3"',
    ]);
  });

  test('optional nullable takes null and checks any other value', () => {
    const rules = { at: 'optional nullable date-time' };
    expect(compare(rules, {}, { at: null })).toEqual([]);
    expect(compare(rules, {}, { at: '2026-01-01T00:00:00Z' })).toEqual([]);
    expect(lines(compare(rules, {}, { at: 'soon' }))).toEqual([
      'rule /body/at: expected a date-time or null (rule), got "soon"',
    ]);
  });
});
