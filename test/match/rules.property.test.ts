import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Example, JsonValue } from '../../src/contract/types.js';
import { matchRequest } from '../../src/match/match-request.js';
import { matchResponse } from '../../src/match/match-response.js';

const { json } = fc.letrec<{ json: JsonValue }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.boolean(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Number.isInteger(n)),
    fc.string({ maxLength: 8 }),
    fc.array(tie('json'), { maxLength: 4 }),
    fc
      .uniqueArray(fc.tuple(fc.string({ maxLength: 5 }), tie('json')), {
        maxLength: 4,
        selector: ([name]) => name,
      })
      .map((entries) => Object.fromEntries(entries) as JsonValue),
  ),
}));

function kind(value: JsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** A value of another JSON type than `value` (an integer for a number is the same type). */
function otherType(value: JsonValue): fc.Arbitrary<JsonValue> {
  return json.filter((other) => {
    const a = kind(value);
    const b = kind(other);
    return a !== b && !(a === 'number' && b === 'integer');
  });
}

/** A rule, a value of the example that keeps to it, and the arbitrary of other values it allows. */
const ruled: fc.Arbitrary<{ rule: string; value: JsonValue }> = fc.oneof(
  json.map((value) => ({ rule: 'type', value })),
  // each-like compares every element with the first: lint wants the example's alike.
  fc
    .tuple(json, fc.integer({ min: 1, max: 3 }))
    .map(([item, count]) => ({ rule: 'each-like', value: Array(count).fill(item) as JsonValue })),
  fc
    .date({ min: new Date('1900-01-01'), max: new Date('2999-12-31'), noInvalidDate: true })
    .chain((date) =>
      fc.constantFrom(
        { rule: 'date-time', value: date.toISOString() },
        { rule: 'date', value: date.toISOString().slice(0, 10) },
      ),
    ),
  fc.uuid().map((value) => ({ rule: 'uuid', value })),
  fc.emailAddress().map((value) => ({ rule: 'email', value })),
  fc.webUrl().map((value) => ({ rule: 'uri', value })),
  fc
    .tuple(fc.integer({ min: -1000, max: 1000 }), fc.nat(1000))
    .chain(([min, span]) =>
      fc
        .integer({ min, max: min + span })
        .map((value) => ({ rule: `range ${min}..${min + span}`, value })),
    ),
  fc.stringMatching(/^[A-Z]{3}-[0-9]+$/).map((value) => ({
    rule: 'regex ^[A-Z]{3}-[0-9]+$',
    value,
  })),
);

function exampleWith(rule: string, value: JsonValue, part: 'request' | 'response'): Example {
  return {
    label: 'OK',
    request: { url: '/x', method: 'POST', ...(part === 'request' ? { body: { x: value } } : {}) },
    response: { status: 200, ...(part === 'response' ? { body: { x: value } } : {}) },
    nonStrict: [],
    rules: { [`${part}.body.x`]: rule },
    pointer: '/examples/OK',
  };
}

function mismatchesOf(example: Example, part: 'request' | 'response', value: JsonValue) {
  return part === 'response'
    ? matchResponse(example, { status: 200, body: { x: value } })
    : matchRequest(example, { method: 'POST', url: '/x', body: { x: value } });
}

describe.each(['response', 'request'] as const)('every rule on the %s side', (part) => {
  test("accepts the example's own value", () => {
    fc.assert(
      fc.property(ruled, ({ rule, value }) => {
        expect(mismatchesOf(exampleWith(rule, value, part), part, value)).toEqual([]);
      }),
    );
  });

  test('rejects a value of another type, naming the rule', () => {
    fc.assert(
      fc.property(
        ruled.chain((pair) => fc.tuple(fc.constant(pair), otherType(pair.value))),
        ([{ rule, value }, other]) => {
          const mismatches = mismatchesOf(exampleWith(rule, value, part), part, other);
          expect(mismatches).toHaveLength(1);
          expect(mismatches[0]).toMatchObject({ path: '/body/x', kind: 'rule' });
          expect(mismatches[0]?.message).toMatch(/^expected .* \(rule\), got /);
        },
      ),
    );
  });

  test('nullable adds null to what a rule accepts; without it null is refused', () => {
    fc.assert(
      fc.property(ruled, ({ rule, value }) => {
        expect(mismatchesOf(exampleWith(`nullable ${rule}`, value, part), part, null)).toEqual([]);
        expect(mismatchesOf(exampleWith(rule, value, part), part, null)).not.toEqual([]);
      }),
    );
  });
});
