import { mediaType } from '../contract/media-type.js';
import type { Rule } from '../contract/parse-rule.js';
import { describeRule, ruleAllows } from '../contract/rule-value.js';
import { escapePointerSegment } from '../core/json-pointer.js';
import type { ActualHeaders, Mismatch } from './types.js';

/**
 * Header containment: each example header must be among the actual ones (names
 * case-insensitive, values equal after trimming); extra actual headers are fine.
 * `Content-Type` compares the media type only, so `; charset=utf-8` does not matter.
 * `rules` (lower-case names) relax a header's value, or let it be absent (`optional`).
 */
export function compareHeaders(
  expected: Readonly<Record<string, unknown>> | undefined,
  actual: ActualHeaders | undefined,
  out: Mismatch[],
  rules?: ReadonlyMap<string, Rule>,
): void {
  if (rules !== undefined) {
    compareRuledHeaders(expected ?? {}, actual, out, rules);
    return;
  }
  if (expected === undefined || Object.keys(expected).length === 0) return;
  comparePlainHeaders(expected, collectHeaders(actual), out);
}

/** The containment check without rules, against headers already collected (lower-case names). */
function comparePlainHeaders(
  expected: Readonly<Record<string, unknown>>,
  received: ReadonlyMap<string, readonly string[]>,
  out: Mismatch[],
): void {
  for (const name of Object.keys(expected)) {
    const raw = expected[name];
    if (raw === undefined) continue;
    const wanted = String(raw).trim();
    const lower = name.toLowerCase();
    const pointer = `/headers/${escapePointerSegment(lower)}`;
    const values = received.get(lower);
    if (values === undefined) {
      out.push({
        path: pointer,
        kind: 'header',
        expected: raw,
        actual: undefined,
        message: `header ${JSON.stringify(name)} is missing, expected ${JSON.stringify(wanted)}`,
      });
      continue;
    }
    if (headerMatches(lower, wanted, values)) continue;
    const got = values.length === 1 ? values[0] : values;
    out.push({
      path: pointer,
      kind: 'header',
      expected: raw,
      actual: got,
      message:
        lower === 'content-type'
          ? `header "Content-Type" has media type ${JSON.stringify(mediaType(values[0] ?? ''))}, expected ${JSON.stringify(mediaType(wanted))}`
          : `header ${JSON.stringify(name)} is ${JSON.stringify(got)}, expected ${JSON.stringify(wanted)}`,
    });
  }
}

/**
 * Headers under rules: each ruled header checked by its rule (the example's value decides
 * nothing but the type), the others as without rules. Kept apart so headers without rules
 * take the plain loop.
 */
function compareRuledHeaders(
  expected: Readonly<Record<string, unknown>>,
  actual: ActualHeaders | undefined,
  out: Mismatch[],
  rules: ReadonlyMap<string, Rule>,
): void {
  const received = collectHeaders(actual);
  const plain: Record<string, unknown> = {};
  const ruled = new Map<string, unknown>();
  for (const name of Object.keys(expected)) {
    const lower = name.toLowerCase();
    if (rules.has(lower)) ruled.set(lower, expected[name]);
    else plain[name] = expected[name];
  }
  comparePlainHeaders(plain, received, out);
  for (const [lower, rule] of rules) {
    const raw = ruled.get(lower);
    const values = received.get(lower);
    const pointer = `/headers/${escapePointerSegment(lower)}`;
    if (values === undefined) {
      if (rule.optional || raw === undefined) continue;
      const wanted = String(raw).trim();
      out.push({
        path: pointer,
        kind: 'header',
        expected: raw,
        actual: undefined,
        message: `header ${JSON.stringify(lower)} is missing, expected ${describeRule(rule, wanted)} (rule)`,
      });
      continue;
    }
    const got = values.join(', ');
    const wanted = raw === undefined ? undefined : String(raw).trim();
    const allowed = ruleAllows(rule, wanted, got, true);
    if (allowed === true) continue;
    if (allowed === false) {
      out.push({
        path: pointer,
        kind: 'rule',
        expected: raw,
        actual: got,
        message: `expected ${describeRule(rule, wanted)} (rule), got ${JSON.stringify(got)}`,
      });
      continue;
    }
    if (raw !== undefined) comparePlainHeaders({ [lower]: raw }, received, out);
  }
}

function headerMatches(lower: string, wanted: string, values: readonly string[]): boolean {
  if (lower === 'content-type') {
    const media = mediaType(wanted);
    return values.some((value) => mediaType(value) === media);
  }
  // A repeated header may be handed out as an array or joined with ", ": accept either form.
  return values.includes(wanted) || values.join(', ') === wanted;
}

function collectHeaders(actual: ActualHeaders | undefined): Map<string, string[]> {
  const received = new Map<string, string[]>();
  if (actual === undefined) return received;
  for (const name of Object.keys(actual)) {
    const value = actual[name];
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    const list = received.get(lower) ?? [];
    if (typeof value === 'string' || typeof value === 'number') list.push(String(value).trim());
    else for (const item of value) list.push(String(item).trim());
    received.set(lower, list);
  }
  return received;
}
