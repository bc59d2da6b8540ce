import type { Rule } from '../contract/parse-rule.js';
import { describeRule, judgesValue, ruleAllows } from '../contract/rule-value.js';
import { escapePointerSegment } from '../core/json-pointer.js';
import type { Mismatch } from './types.js';

/**
 * Query containment: each example parameter must be present with an equal value; a
 * repeated key compares as an array, in order. Extra actual parameters are fine. A parameter
 * with a rule is checked by it instead (each of its values), and may be absent if `optional`.
 */
export function compareQuery(
  expected: ReadonlyMap<string, readonly string[]>,
  actualSearch: string,
  out: Mismatch[],
  rules?: ReadonlyMap<string, Rule>,
): void {
  if (expected.size === 0 && rules === undefined) return;
  const received = parseQuery(actualSearch);
  if (rules !== undefined) {
    for (const [key, rule] of rules) {
      const got = received.get(key);
      const wanted = expected.get(key)?.[0];
      if (got === undefined) {
        if (rule.optional || wanted === undefined) continue;
        out.push({
          path: `/query/${escapePointerSegment(key)}`,
          kind: 'query',
          expected: wanted,
          actual: undefined,
          message: `query parameter ${JSON.stringify(key)} is missing, expected ${describeRule(rule, wanted)} (rule)`,
        });
        continue;
      }
      const refused = got.find((value) => ruleAllows(rule, wanted, value, true) === false);
      if (refused !== undefined) {
        out.push({
          path: `/query/${escapePointerSegment(key)}`,
          kind: 'rule',
          expected: wanted,
          actual: refused,
          message: `expected ${describeRule(rule, wanted)} (rule), got ${JSON.stringify(refused)}`,
        });
      }
    }
  }
  for (const [key, wanted] of expected) {
    const rule = rules?.get(key);
    // A rule that only says optional leaves the value to the plain comparison, when present.
    if (rule !== undefined && (judgesValue(rule) || !received.has(key))) continue;
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
