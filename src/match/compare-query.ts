import { escapePointerSegment } from '../core/json-pointer.js';
import type { Mismatch } from './types.js';

/**
 * Query containment: each example parameter must be present with an equal value; a
 * repeated key compares as an array, in order. Extra actual parameters are fine.
 */
export function compareQuery(
  expected: ReadonlyMap<string, readonly string[]>,
  actualSearch: string,
  out: Mismatch[],
): void {
  if (expected.size === 0) return;
  const received = parseQuery(actualSearch);
  for (const [key, wanted] of expected) {
    const got = received.get(key);
    const shownWanted = wanted.length === 1 ? wanted[0] : wanted;
    const pointer = `/query/${escapePointerSegment(key)}`;
    if (got === undefined) {
      out.push({
        path: pointer,
        kind: 'query',
        expected: shownWanted,
        actual: undefined,
        message: `query parameter ${JSON.stringify(key)} is missing, expected ${JSON.stringify(shownWanted)}`,
      });
      continue;
    }
    if (got.length === wanted.length && got.every((value, index) => value === wanted[index])) {
      continue;
    }
    const shownGot = got.length === 1 ? got[0] : got;
    out.push({
      path: pointer,
      kind: 'query',
      expected: shownWanted,
      actual: shownGot,
      message: `query parameter ${JSON.stringify(key)} is ${JSON.stringify(shownGot)}, expected ${JSON.stringify(shownWanted)}`,
    });
  }
}

/** Groups a query string's parameters by key, keeping repeated values in order. */
export function parseQuery(search: string): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  const text = search.startsWith('?') ? search.slice(1) : search;
  if (text === '') return grouped;
  for (const [key, value] of new URLSearchParams(text)) {
    const list = grouped.get(key);
    if (list === undefined) grouped.set(key, [value]);
    else list.push(value);
  }
  return grouped;
}
