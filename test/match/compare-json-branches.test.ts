import { describe, expect, test } from 'vitest';
import { MAX_JSON_DEPTH } from '../../src/contract/json-depth.js';
import { compareJson } from '../../src/match/compare-json.js';
import { matchResponse } from '../../src/match/match-response.js';
import { compileNonStrict } from '../../src/match/non-strict-paths.js';
import type { Mismatch } from '../../src/match/types.js';

/** Every mismatch between `expected` and `actual`, rooted at `/body`. */
function compare(expected: unknown, actual: unknown, nonStrict?: readonly string[]): Mismatch[] {
  const out: Mismatch[] = [];
  compareJson(expected, actual, '/body', compileNonStrict(nonStrict), out);
  return out;
}

/** `leaf` wrapped in `levels` arrays: nest(2, 1) is [[1]]. */
function nest(levels: number, leaf: unknown): unknown {
  let value = leaf;
  for (let level = 0; level < levels; level++) value = [value];
  return value;
}

/** The pointer `/body/0/0/…` with `zeros` array indices. */
function zeros(count: number): string {
  return `/body${'/0'.repeat(count)}`;
}

describe('compareJson on scalars of each JSON type', () => {
  test('equal scalars of every type match', () => {
    for (const value of ['a', 1, 1.5, true, false, null, ''])
      expect(compare(value, value)).toEqual([]);
  });

  test('a different type is a type mismatch naming both types and values', () => {
    const cases: [unknown, unknown, string][] = [
      [1, '1', 'expected a number 1, got a string "1"'],
      ['1', 1, 'expected a string "1", got a number 1'],
      [true, 'true', 'expected a boolean true, got a string "true"'],
      [0, false, 'expected a number 0, got a boolean false'],
      [null, 0, 'expected null, got a number 0'],
      ['', null, 'expected a string "", got null'],
      [1, { a: 1 }, 'expected a number 1, got an object {"a": 1}'],
      ['x', [1], 'expected a string "x", got an array [1]'],
      [{ a: 1 }, 'x', 'expected an object {"a": 1}, got a string "x"'],
      [[1], 2, 'expected an array [1], got a number 2'],
      [[1], { a: 1 }, 'expected an array [1], got an object {"a": 1}'],
      [{ a: 1 }, [1], 'expected an object {"a": 1}, got an array [1]'],
      [{ a: 1 }, null, 'expected an object {"a": 1}, got null'],
      [1, undefined, 'expected a number 1, got nothing'],
      [1, 1n, 'expected a number 1, got a bigint 1n'],
    ];
    for (const [expected, actual, message] of cases) {
      expect(compare(expected, actual)).toEqual([
        { path: '/body', kind: 'type', expected, actual, message },
      ]);
    }
  });

  test('the same type with another value is a value mismatch showing both values', () => {
    const cases: [unknown, unknown, string][] = [
      [1, 2, 'expected 1, got 2'],
      [1.5, -1.5, 'expected 1.5, got -1.5'],
      [true, false, 'expected true, got false'],
      ['a', 'b', 'expected "a", got "b"'],
      ['say "hi"', 'say hi', 'expected "say \\"hi\\"", got "say hi"'],
      [1, Number.NaN, 'expected 1, got NaN'],
      [Number.NaN, 1, 'expected NaN, got 1'],
    ];
    for (const [expected, actual, message] of cases) {
      expect(compare(expected, actual)).toEqual([
        { path: '/body', kind: 'value', expected, actual, message },
      ]);
    }
  });
});

describe('compareJson on NaN, which only code can give', () => {
  test('NaN equals NaN, also when arrays are aligned', () => {
    expect(compare(Number.NaN, Number.NaN)).toEqual([]);
    expect(
      compare([Number.NaN], [Number.NaN, 1]).map(({ kind, path }) => `${kind} ${path}`),
    ).toEqual(['length /body', 'unexpected /body/1']);
  });
});

describe('compareJson on long strings', () => {
  test('strings of 80 characters together are shown whole', () => {
    const expected = `${'a'.repeat(39)}x`;
    const actual = `${'a'.repeat(39)}y`;
    expect(compare(expected, actual)).toEqual([
      {
        path: '/body',
        kind: 'value',
        expected,
        actual,
        message: `expected "${expected}", got "${actual}"`,
      },
    ]);
  });

  test('strings of more than 80 characters together are shown around the first difference, with its offset', () => {
    const expected = `${'x'.repeat(50)}A${'y'.repeat(50)}`;
    const actual = `${'x'.repeat(50)}B${'y'.repeat(50)}`;
    const excerpt = (letter: string): string => `"…${'x'.repeat(13)}${letter}${'y'.repeat(26)}…"`;
    expect(compare(expected, actual)).toEqual([
      {
        path: '/body',
        kind: 'value',
        expected,
        actual,
        message: `expected ${excerpt('A')}, got ${excerpt('B')} (first difference at offset 50)`,
      },
    ]);
  });

  test('41 and 40 characters are already more than 80 together', () => {
    const expected = `${'a'.repeat(40)}x`;
    const actual = 'a'.repeat(40);
    expect(compare(expected, actual)).toEqual([
      {
        path: '/body',
        kind: 'value',
        expected,
        actual,
        message: `expected "…${'a'.repeat(13)}x", got "…${'a'.repeat(13)}" (first difference at offset 40)`,
      },
    ]);
  });
});

describe('compareJson on keys as JSON.stringify sees them', () => {
  test('an actual key whose value is undefined is absent, so it is not unexpected', () => {
    expect(compare({ a: 1 }, { a: 1, b: undefined })).toEqual([]);
  });

  test('an expected key whose value is undefined is absent, so it is not missing', () => {
    expect(compare({ a: 1, b: undefined }, { a: 1 })).toEqual([]);
  });

  test('an actual key holding undefined where the example has a value is missing', () => {
    expect(compare({ a: 1, b: 2 }, { a: 1, b: undefined })).toEqual([
      {
        path: '/body/b',
        kind: 'missing',
        expected: 2,
        actual: undefined,
        message: 'key "b" is missing',
      },
    ]);
  });

  test('an actual key the example holds only as undefined is unexpected', () => {
    expect(compare({ a: 1, b: undefined }, { a: 1, b: 'x' })).toEqual([
      {
        path: '/body/b',
        kind: 'unexpected',
        expected: undefined,
        actual: 'x',
        message: 'unexpected key "b" with "x"',
      },
    ]);
  });

  test('an unexpected key reports its value, previewed', () => {
    expect(compare({}, { extra: { deep: [1, 2] } })).toEqual([
      {
        path: '/body/extra',
        kind: 'unexpected',
        expected: undefined,
        actual: { deep: [1, 2] },
        message: 'unexpected key "extra" with {"deep": [1, 2]}',
      },
    ]);
  });

  test('missing keys come before unexpected ones, each in its object order', () => {
    expect(
      compare({ a: 1, b: 2, c: 3 }, { c: 3, y: 0, x: 0 }).map((m) => `${m.kind} ${m.path}`),
    ).toEqual(['missing /body/a', 'missing /body/b', 'unexpected /body/y', 'unexpected /body/x']);
  });

  test('a Date compares as its JSON string, and a different one is a value mismatch on that string', () => {
    const at = '2024-01-02T03:04:05.000Z';
    expect(compare({ at }, { at: new Date(at) })).toEqual([]);
    expect(compare({ at }, { at: new Date('2024-01-02T03:04:06.000Z') })).toEqual([
      {
        path: '/body/at',
        kind: 'value',
        expected: at,
        actual: '2024-01-02T03:04:06.000Z',
        message: `expected "${at}", got "2024-01-02T03:04:06.000Z"`,
      },
    ]);
  });

  test('a toJSON value in an array of another length is aligned as its JSON form', () => {
    const at = '2024-01-02T03:04:05.000Z';
    // The equal tail (the Date, then "x") is found only if the Date is seen as its string.
    expect(compare(['x', at], ['new', 'x', new Date(at)])).toEqual([
      { path: '/body', kind: 'length', expected: 2, actual: 3, message: 'expected 2 items, got 3' },
      {
        path: '/body/0',
        kind: 'unexpected',
        expected: undefined,
        actual: 'new',
        message: 'unexpected item 0: "new"',
      },
    ]);
  });
});

describe('compareJson on arrays', () => {
  test('arrays of the same length compare item by item at their index', () => {
    expect(compare([1, 2, 3], [1, 5, 3])).toEqual([
      { path: '/body/1', kind: 'value', expected: 2, actual: 5, message: 'expected 2, got 5' },
    ]);
  });

  test('one inserted item is reported as itself, not as a change at every later index', () => {
    expect(compare([1, 2, 3], [1, 9, 2, 3])).toEqual([
      { path: '/body', kind: 'length', expected: 3, actual: 4, message: 'expected 3 items, got 4' },
      {
        path: '/body/1',
        kind: 'unexpected',
        expected: undefined,
        actual: 9,
        message: 'unexpected item 1: 9',
      },
    ]);
  });

  test('one removed item is reported as missing at its index', () => {
    expect(compare([1, 2, 3], [1, 3])).toEqual([
      { path: '/body', kind: 'length', expected: 3, actual: 2, message: 'expected 3 items, got 2' },
      {
        path: '/body/1',
        kind: 'missing',
        expected: 2,
        actual: undefined,
        message: 'item 1 is missing: 2',
      },
    ]);
  });

  test('a changed middle item in a shorter array is compared, and the rest of the middle is missing', () => {
    expect(compare([1, { a: 1 }, { b: 2 }, 3], [1, { a: 2 }, 3])).toEqual([
      { path: '/body', kind: 'length', expected: 4, actual: 3, message: 'expected 4 items, got 3' },
      { path: '/body/1/a', kind: 'value', expected: 1, actual: 2, message: 'expected 1, got 2' },
      {
        path: '/body/2',
        kind: 'missing',
        expected: { b: 2 },
        actual: undefined,
        message: 'item 2 is missing: {"b": 2}',
      },
    ]);
  });

  test('a changed middle item in a longer array is compared, and the rest of the middle is unexpected', () => {
    expect(compare([1, 2, 3, 4], [1, 5, 6, 3, 4])).toEqual([
      { path: '/body', kind: 'length', expected: 4, actual: 5, message: 'expected 4 items, got 5' },
      { path: '/body/1', kind: 'value', expected: 2, actual: 5, message: 'expected 2, got 5' },
      {
        path: '/body/2',
        kind: 'unexpected',
        expected: undefined,
        actual: 6,
        message: 'unexpected item 2: 6',
      },
    ]);
  });

  test('an item appended to equal items is unexpected at the end: the equal head and tail do not overlap', () => {
    expect(compare([1, 1], [1, 1, 1])).toEqual([
      { path: '/body', kind: 'length', expected: 2, actual: 3, message: 'expected 2 items, got 3' },
      {
        path: '/body/2',
        kind: 'unexpected',
        expected: undefined,
        actual: 1,
        message: 'unexpected item 2: 1',
      },
    ]);
    expect(compare([1, 1, 1], [1, 1])).toEqual([
      { path: '/body', kind: 'length', expected: 3, actual: 2, message: 'expected 3 items, got 2' },
      {
        path: '/body/2',
        kind: 'missing',
        expected: 1,
        actual: undefined,
        message: 'item 2 is missing: 1',
      },
    ]);
  });

  test('the length message says "item" for one and "items" otherwise', () => {
    expect(compare([1], [1, 2])[0]?.message).toBe('expected 1 item, got 2');
    expect(compare([], [1])[0]?.message).toBe('expected 0 items, got 1');
    expect(compare([1, 2], [])[0]?.message).toBe('expected 2 items, got 0');
  });

  test('items that differ only in a nonStrict key count as equal when aligning', () => {
    const expected = {
      items: [
        { id: 1, name: 'a' },
        { id: 2, name: 'b' },
      ],
    };
    const actual = {
      items: [
        { id: 7, name: 'a' },
        { id: 8, name: 'new' },
        { id: 9, name: 'b' },
      ],
    };
    expect(compare(expected, actual, ['items.id'])).toEqual([
      {
        path: '/body/items',
        kind: 'length',
        expected: 2,
        actual: 3,
        message: 'expected 2 items, got 3',
      },
      {
        path: '/body/items/1',
        kind: 'unexpected',
        expected: undefined,
        actual: { id: 8, name: 'new' },
        message: 'unexpected item 1: {"id": 8, "name": "new"}',
      },
    ]);
  });

  test('a nonStrict key inside array items is not compared, but must be present', () => {
    expect(
      compare({ items: [{ id: 1 }, { id: 2 }] }, { items: [{ id: 5 }, { id: 6 }] }, ['items.id']),
    ).toEqual([]);
    expect(
      compare({ items: [{ id: 1 }] }, { items: [{ id: 5, extra: true }] }, ['items.id']),
    ).toEqual([
      {
        path: '/body/items/0/extra',
        kind: 'unexpected',
        expected: undefined,
        actual: true,
        message: 'unexpected key "extra" with true',
      },
    ]);
    expect(compare({ items: [{ id: 1 }] }, { items: [{}] }, ['items.id'])).toEqual([
      {
        path: '/body/items/0/id',
        kind: 'missing',
        expected: 1,
        actual: undefined,
        message: 'key "id" is missing',
      },
    ]);
  });
});

describe('compareJson at the depth limit', () => {
  const message = `nested more than ${MAX_JSON_DEPTH} levels deep: abe compares JSON to that depth, so the rest is not compared`;

  test('values exactly MAX_JSON_DEPTH levels down are still compared', () => {
    expect(compare(nest(MAX_JSON_DEPTH, 1), nest(MAX_JSON_DEPTH, 2))).toEqual([
      {
        path: zeros(MAX_JSON_DEPTH),
        kind: 'value',
        expected: 1,
        actual: 2,
        message: 'expected 1, got 2',
      },
    ]);
  });

  test('an array nested below MAX_JSON_DEPTH levels is a depth mismatch at the limit', () => {
    const out = compare(nest(MAX_JSON_DEPTH + 1, 1), nest(MAX_JSON_DEPTH + 1, 1));
    expect(out.map(({ path, kind, message: text }) => ({ path, kind, message: text }))).toEqual([
      { path: zeros(MAX_JSON_DEPTH), kind: 'depth', message },
    ]);
  });

  test('one value on both sides is equal at once, however deep it nests', () => {
    const deep = nest(MAX_JSON_DEPTH + 1, 1);
    expect(compare(deep, deep)).toEqual([]);
    expect(compare({ a: deep }, { a: deep })).toEqual([]);
  });

  test('an item too deep to compare counts as different when arrays of another length are aligned', () => {
    // Two separate values: the same object on both sides would be equal by identity.
    const out = compare([nest(MAX_JSON_DEPTH, 1)], [nest(MAX_JSON_DEPTH, 1), 'x']);
    expect(out.map(({ path, kind }) => `${kind} ${path}`)).toEqual([
      'length /body',
      `depth ${zeros(MAX_JSON_DEPTH)}`,
      'unexpected /body/1',
    ]);
  });
});

describe('matchResponse hands out the comparison as its public mismatches', () => {
  test('a body with a changed and a missing item carries every path, kind and message', () => {
    expect(
      matchResponse(
        { status: 200, body: { items: ['a', 'b', 'c', 'd'], n: 1, gone: true } },
        { status: 200, body: { items: ['a', 'x', 'd'], n: 2, extra: null } },
      ),
    ).toEqual([
      {
        path: '/body/items',
        kind: 'length',
        expected: 4,
        actual: 3,
        message: 'expected 4 items, got 3',
      },
      {
        path: '/body/items/1',
        kind: 'value',
        expected: 'b',
        actual: 'x',
        message: 'expected "b", got "x"',
      },
      {
        path: '/body/items/2',
        kind: 'missing',
        expected: 'c',
        actual: undefined,
        message: 'item 2 is missing: "c"',
      },
      { path: '/body/n', kind: 'value', expected: 1, actual: 2, message: 'expected 1, got 2' },
      {
        path: '/body/gone',
        kind: 'missing',
        expected: true,
        actual: undefined,
        message: 'key "gone" is missing',
      },
      {
        path: '/body/extra',
        kind: 'unexpected',
        expected: undefined,
        actual: null,
        message: 'unexpected key "extra" with null',
      },
    ]);
  });
});
