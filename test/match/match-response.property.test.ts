import fc from 'fast-check';
import stableStringify from 'fast-json-stable-stringify';
import { describe, expect, test } from 'vitest';
import type { JsonValue } from '../../src/contract/types.js';
import { escapePointerSegment } from '../../src/core/json-pointer.js';
import { matchResponse } from '../../src/match/match-response.js';

// Keys include names that live on Object.prototype, so the engine is tested on them too.
const key = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', 'a/b', 'c~d') },
);
const { json } = fc.letrec<{ json: JsonValue }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
    fc.string({ maxLength: 8 }),
    fc.array(tie('json'), { maxLength: 5 }),
    // Object.fromEntries defines own properties, so "__proto__" becomes an ordinary key.
    fc
      .uniqueArray(fc.tuple(key, tie('json')), { maxLength: 5, selector: ([name]) => name })
      .map((entries) => Object.fromEntries(entries) as JsonValue),
  ),
}));

type Segment = string | number;
interface Node {
  readonly segments: readonly Segment[];
  readonly value: JsonValue;
}

function nodesOf(value: JsonValue, segments: Segment[] = []): Node[] {
  const nodes: Node[] = [{ segments, value }];
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      nodes.push(...nodesOf(item, [...segments, index]));
    });
  } else if (value !== null && typeof value === 'object') {
    for (const name of Object.keys(value)) {
      nodes.push(...nodesOf(value[name] as JsonValue, [...segments, name]));
    }
  }
  return nodes;
}

/** Returns a copy of `root` with the value at `segments` replaced by `change(old)`. */
function edit(
  root: JsonValue,
  segments: readonly Segment[],
  change: (old: JsonValue) => JsonValue,
): JsonValue {
  const [head, ...rest] = segments;
  if (head === undefined) return change(root);
  if (Array.isArray(root)) {
    return root.map((item, index) => (index === head ? edit(item, rest, change) : item));
  }
  const object = root as Record<string, JsonValue>;
  return Object.fromEntries(
    Object.keys(object).map((name) => [
      name,
      name === head ? edit(object[name] as JsonValue, rest, change) : object[name],
    ]),
  ) as JsonValue;
}

function pointer(segments: readonly Segment[]): string {
  return `/body${segments.map((segment) => `/${escapePointerSegment(String(segment))}`).join('')}`;
}

function typeOf(value: JsonValue): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

function pathsOf(expected: JsonValue, actual: JsonValue): string[] {
  return matchResponse({ status: 200, body: expected }, { status: 200, body: actual }).map(
    (mismatch) => mismatch.path,
  );
}

describe('matchResponse on random JSON', () => {
  test('any JSON value matches itself and a deep copy of itself', () => {
    fc.assert(
      fc.property(json, (value) => {
        expect(pathsOf(value, value)).toEqual([]);
        expect(pathsOf(value, structuredClone(value))).toEqual([]);
        expect(pathsOf(value, JSON.parse(JSON.stringify(value)))).toEqual([]);
      }),
    );
  });

  test('a value replaced by one of another type or scalar value is reported at its pointer', () => {
    const scenario = json.chain((value) =>
      fc.tuple(fc.constant(value), fc.constantFrom(...nodesOf(value)), json),
    );
    fc.assert(
      fc.property(
        scenario.filter(
          ([, node, replacement]) =>
            typeOf(node.value) !== typeOf(replacement) ||
            (typeof replacement !== 'object' && replacement !== node.value),
        ),
        ([value, node, replacement]) => {
          const changed = edit(value, node.segments, () => replacement);
          expect(pathsOf(value, changed)).toContain(pointer(node.segments));
        },
      ),
    );
  });

  test('a key removed from or added to an object is reported at the key or the object', () => {
    const objects = json.chain((value) => {
      const candidates = nodesOf(value).filter(
        (node) => typeOf(node.value) === 'object' && Object.keys(node.value as object).length > 0,
      );
      return candidates.length === 0
        ? fc.constant(undefined)
        : fc.tuple(fc.constant(value), fc.constantFrom(...candidates), fc.nat(), key, json);
    });
    fc.assert(
      fc.property(objects, (scenario) => {
        if (scenario === undefined) return;
        const [value, node, pick, added, addedValue] = scenario;
        const names = Object.keys(node.value as object);
        const removed = names[pick % names.length] as string;
        const without = edit(value, node.segments, (old) =>
          Object.fromEntries(Object.entries(old as object).filter(([name]) => name !== removed)),
        );
        expect(pathsOf(value, without)).toSatisfy((paths: string[]) =>
          [pointer([...node.segments, removed]), pointer(node.segments)].some((path) =>
            paths.includes(path),
          ),
        );
        if (names.includes(added)) return;
        const withExtra = edit(value, node.segments, (old) =>
          Object.fromEntries([...Object.entries(old as object), [added, addedValue]]),
        );
        expect(pathsOf(value, withExtra)).toSatisfy((paths: string[]) =>
          [pointer([...node.segments, added]), pointer(node.segments)].some((path) =>
            paths.includes(path),
          ),
        );
      }),
    );
  });

  test('an item removed from or inserted in an array is reported at the array', () => {
    const arrays = json.chain((value) => {
      const candidates = nodesOf(value).filter((node) => Array.isArray(node.value));
      return candidates.length === 0
        ? fc.constant(undefined)
        : fc.tuple(fc.constant(value), fc.constantFrom(...candidates), fc.nat(), json);
    });
    fc.assert(
      fc.property(arrays, (scenario) => {
        if (scenario === undefined) return;
        const [value, node, pick, inserted] = scenario;
        const items = node.value as JsonValue[];
        const at = pick % (items.length + 1);
        const longer = edit(value, node.segments, () => [
          ...items.slice(0, at),
          inserted,
          ...items.slice(at),
        ]);
        expect(pathsOf(value, longer)).toContain(pointer(node.segments));
        if (items.length === 0) return;
        const gone = pick % items.length;
        const shorter = edit(value, node.segments, () =>
          items.filter((_, index) => index !== gone),
        );
        expect(pathsOf(value, shorter)).toContain(pointer(node.segments));
      }),
    );
  });

  test('a changed value is never reported as equal when the canonical JSON differs', () => {
    fc.assert(
      fc.property(json, json, (left, right) => {
        const differ = stableStringify(left) !== stableStringify(right);
        expect(pathsOf(left, right).length > 0).toBe(differ);
      }),
    );
  });
});
