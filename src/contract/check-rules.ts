import { isRecord } from '../core/is-record.js';
import { escapePointerSegment } from '../core/json-pointer.js';
import { parseRule, type Rule } from './parse-rule.js';
import { parseRulePath, RULE_PATH_STARTS, type RulePath } from './rule-path.js';
import { describeRule, jsonType, ruleAllows, typeName } from './rule-value.js';

type Report = (pointer: string, code: string, message: string) => void;

/**
 * Lints the `rules` of a document: the contract-wide ones (`/rules`) and each example's. A rule
 * must name a part of an example (`rule.path`), read (`rule.unknown`, `rule.range`, `rule.regex`, `rule.unsafe-regex`, `rule.conflict`),
 * name a value its examples have unless `optional` (`rule.no-path`), and allow the example's
 * own value (`rule.example-value`; `each-like` wants a non-empty array, `rule.each-like`), so
 * that mocks, which answer with that value, keep to the contract. Problems are reported at the
 * rule's key; a mistyped `rules` is the schema's to report.
 *
 * @example
 * checkRules(document, [['OK', document.examples.OK]], report)
 */
export function checkRules(
  document: Record<string, unknown>,
  entries: readonly [string, unknown][],
  report: Report,
): void {
  const examples = entries.filter((entry): entry is [string, Record<string, unknown>] =>
    isRecord(entry[1]),
  );
  const contractWide = isRecord(document.rules) ? document.rules : undefined;
  if (contractWide !== undefined) {
    for (const key of Object.keys(contractWide)) {
      // An example's own rule for the path wins: the contract-wide one applies to the others.
      const applies = examples.filter(([, raw]) => !hasOwnRule(raw, key));
      checkRule(
        key,
        contractWide[key],
        `/rules/${escapePointerSegment(key)}`,
        applies,
        'the contract',
        report,
      );
    }
  }
  for (const [label, raw] of examples) {
    if (!isRecord(raw.rules)) continue;
    for (const key of Object.keys(raw.rules)) {
      checkRule(
        key,
        raw.rules[key],
        `/examples/${escapePointerSegment(label)}/rules/${escapePointerSegment(key)}`,
        [[label, raw]],
        `example "${label}"`,
        report,
      );
    }
  }
}

function checkRule(
  key: string,
  source: unknown,
  pointer: string,
  examples: readonly [string, Record<string, unknown>][],
  owner: string,
  report: Report,
): void {
  if (typeof source !== 'string') return;
  const path = parseRulePath(key);
  if (path === undefined) {
    report(
      pointer,
      'rule.path',
      `${owner}: rule path ${JSON.stringify(key)} names no part of an example: ${RULE_PATH_STARTS} (response.body.id, request.query.since).`,
    );
    return;
  }
  const parsed = parseRule(source);
  if (!parsed.ok) {
    report(
      pointer,
      parsed.problem.code,
      `${owner}: rule ${JSON.stringify(key)}: ${parsed.problem.message}.`,
    );
    return;
  }
  const { rule } = parsed;
  let found = 0;
  for (const [label, raw] of examples) {
    for (const value of valuesAt(raw, path)) {
      found += 1;
      const problem = valueProblem(rule, value, path.section !== 'body');
      if (problem === undefined) continue;
      report(
        pointer,
        problem.code,
        `${owner}: rule ${JSON.stringify(key)} ${JSON.stringify(source)} ${problem.message} in example "${label}": mocks answer with the example's value, so it must keep to the rule. Fix the value or the rule.`,
      );
      return;
    }
  }
  if (found === 0 && !rule.optional && examples.length > 0) {
    report(
      pointer,
      'rule.no-path',
      `${owner}: rule ${JSON.stringify(key)} names a value ${examples.length === 1 ? 'the example does' : 'no example'} not have: fix the path (dot notation from request/response: response.body.user.id, a dot in a key written \\.), or add "optional" if the value may be absent.`,
    );
  }
}

function valueProblem(
  rule: Rule,
  value: unknown,
  text: boolean,
): { code: string; message: string } | undefined {
  if (rule.eachLike !== undefined && !text) {
    if (!Array.isArray(value) || value.length === 0) {
      return {
        code: 'rule.each-like',
        message: `is on ${Array.isArray(value) ? 'an empty array' : `a value that is not an array (${JSON.stringify(value)})`}, where each-like needs an array with a first element to compare the others with`,
      };
    }
    const first = jsonType(value[0]);
    const unlike = value.findIndex((item) => jsonType(item) !== first);
    if (unlike !== -1) {
      return {
        code: 'rule.each-like',
        message: `is on an array whose item ${unlike} is not ${typeName(value[0])} like its first, where each-like compares every item with the first`,
      };
    }
    if (value.length < rule.eachLike) {
      return {
        code: 'rule.example-value',
        message: `wants at least ${rule.eachLike} items, but the example has ${value.length}`,
      };
    }
    return undefined;
  }
  if (ruleAllows(rule, value, value, text) !== false) return undefined;
  return {
    code: 'rule.example-value',
    message: `wants ${describeRule(rule, value)}, but the example's value is ${JSON.stringify(value)}`,
  };
}

/** The example's values at a rule's path; a body path walks through arrays, as `nonStrict` does. */
function valuesAt(raw: Record<string, unknown>, path: RulePath): unknown[] {
  const part = raw[path.part];
  if (!isRecord(part)) return [];
  const [name = ''] = path.keys;
  if (path.section === 'headers') {
    if (!isRecord(part.headers)) return [];
    const lower = name.toLowerCase();
    const headers = part.headers;
    return Object.keys(headers)
      .filter((header) => header.toLowerCase() === lower)
      .map((header) => headers[header]);
  }
  if (path.section === 'query') {
    const fromParams =
      isRecord(part.queryParams) && Object.hasOwn(part.queryParams, name)
        ? [part.queryParams[name]].flat()
        : [];
    const url = typeof part.url === 'string' ? part.url : '';
    const query = url.indexOf('?');
    const fromUrl = query === -1 ? [] : new URLSearchParams(url.slice(query + 1)).getAll(name);
    return fromParams.length > 0 ? fromParams : fromUrl;
  }
  if (!Object.hasOwn(part, 'body')) return [];
  let values: unknown[] = [part.body];
  for (const key of path.keys) {
    const next: unknown[] = [];
    for (const value of values) collect(value, key, next);
    values = next;
  }
  return values;
}

function collect(value: unknown, key: string, out: unknown[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, key, out);
  } else if (isRecord(value) && Object.hasOwn(value, key)) {
    out.push(value[key]);
  }
}

function hasOwnRule(raw: Record<string, unknown>, key: string): boolean {
  return isRecord(raw.rules) && Object.hasOwn(raw.rules, key);
}
