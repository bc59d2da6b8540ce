import type { Rule, RuleFormat } from './parse-rule.js';

/**
 * Whether `actual` is a value a rule allows, at the value itself: `null` when nullable, the
 * format, range or pattern, the example value's type (`type`, `each-like`: whether the
 * elements match is for the caller, which walks them). `text` reads `actual` as a header or
 * query value, always a string: `type` then allows any, and `range` an integer written out.
 * A rule with none of those words allows only what the caller's strict comparison allows:
 * this returns `undefined` for it, "not decided here".
 *
 * @example
 * ruleAllows(parseRule('date-time').rule, '2026-01-01T00:00:00Z', 'soon', false) // false
 */
export function ruleAllows(
  rule: Rule,
  expected: unknown,
  actual: unknown,
  text: boolean,
): boolean | undefined {
  if (actual === null && rule.nullable) return true;
  if (rule.format !== undefined)
    return typeof actual === 'string' && FORMAT_TESTS[rule.format](actual);
  if (rule.regex !== undefined) return typeof actual === 'string' && rule.regex.test(actual);
  if (rule.range !== undefined) {
    const value =
      text && typeof actual === 'string' && INTEGER.test(actual) ? Number(actual) : actual;
    return (
      typeof value === 'number' &&
      Number.isInteger(value) &&
      value >= rule.range.min &&
      value <= rule.range.max
    );
  }
  if (rule.type) {
    // An optional key the example leaves out gives no type: any value goes.
    if (text || expected === undefined) return !text || typeof actual === 'string';
    const wanted = jsonType(expected);
    const got = jsonType(actual);
    return wanted === got || (wanted === 'number' && got === 'integer');
  }
  if (rule.eachLike !== undefined) return Array.isArray(actual) && actual.length >= rule.eachLike;
  return undefined;
}

/**
 * Whether a rule decides a value by itself (`ruleAllows` answers for any non-null value): a
 * rule that only says optional or nullable leaves the value to the strict comparison.
 *
 * @example
 * judgesValue(parseRule('optional').rule) // false
 */
export function judgesValue(rule: Rule): boolean {
  return (
    rule.type ||
    rule.eachLike !== undefined ||
    rule.format !== undefined ||
    rule.range !== undefined ||
    rule.regex !== undefined
  );
}

/**
 * What a rule asks for, for messages: `a date-time`, `an integer in 1..100`, `an integer`
 * (the example value's type, for `type`), with `or null` when nullable.
 *
 * @example
 * describeRule(parseRule('nullable uuid').rule, 'b5…') // 'a UUID or null'
 */
export function describeRule(rule: Rule, expected: unknown): string {
  let wanted: string;
  if (rule.format !== undefined) wanted = FORMAT_NAMES[rule.format];
  else if (rule.regex !== undefined) wanted = `a string matching ${rule.regex.source}`;
  else if (rule.range !== undefined) wanted = `an integer in ${rule.range.min}..${rule.range.max}`;
  else if (rule.eachLike !== undefined) {
    wanted =
      rule.eachLike === 0
        ? 'an array'
        : `an array of at least ${rule.eachLike} item${rule.eachLike === 1 ? '' : 's'}`;
  } else if (rule.type) wanted = typeName(expected);
  else wanted = 'the example value';
  return rule.nullable ? `${wanted} or null` : wanted;
}

/** The JSON type, with integers told from other numbers as the `type` rule tells them. */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/**
 * The type a value gives the `type` rule, for messages: `an integer`, `a number`, `a string`…
 *
 * @example
 * typeName(17) // 'an integer'
 */
export function typeName(value: unknown): string {
  return TYPE_NAMES[jsonType(value)] ?? 'a value';
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  integer: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'a boolean',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

const FORMAT_NAMES: Readonly<Record<RuleFormat, string>> = {
  'date-time': 'a date-time',
  date: 'a date',
  uuid: 'a UUID',
  email: 'an email address',
  uri: 'a URI',
};

const INTEGER = /^-?\d{1,15}$/;
// RFC 3339: a date, "T" (or a space, as RFC 3339 allows), a time with optional fractions, an offset.
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ]([01]\d|2[0-3]):([0-5]\d):([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// An absolute URI (RFC 3986): a scheme, a colon, then no spaces.
const URI = /^[a-z][a-z\d+.-]*:[^\s]*$/i;

const FORMAT_TESTS: Readonly<Record<RuleFormat, (value: string) => boolean>> = {
  'date-time': (value) => {
    const match = DATE_TIME.exec(value);
    return match !== null && validDate(match[1], match[2], match[3]);
  },
  date: (value) => {
    const match = DATE.exec(value);
    return match !== null && validDate(match[1], match[2], match[3]);
  },
  uuid: (value) => UUID.test(value),
  email: isEmail,
  uri: (value) => URI.test(value),
};

function validDate(
  year: string | undefined,
  month: string | undefined,
  day: string | undefined,
): boolean {
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  if (m < 1 || m > 12 || d < 1) return false;
  // Day 0 of the next month is the last day of this one. setUTCFullYear, unlike Date.UTC,
  // takes years 0 to 99 as written (Date.UTC reads 0000 as 1900, which has no 29 February).
  const last = new Date(0);
  last.setUTCFullYear(y, m, 0);
  return d <= last.getUTCDate();
}

/**
 * `local@domain.tld`, no spaces, one `@`, a dot inside the domain: what a form would accept.
 * Checked by hand rather than with a regex, so no input can make it backtrack.
 */
function isEmail(value: string): boolean {
  const at = value.indexOf('@');
  if (at < 1 || at !== value.lastIndexOf('@') || /\s/.test(value)) return false;
  const domain = value.slice(at + 1);
  const dot = domain.indexOf('.');
  return dot > 0 && !domain.endsWith('.');
}
