import { didYouMean } from '../core/did-you-mean.js';
import { compileLinearRegex, type LinearRegex, UnsafeRegexError } from './compile-linear-regex.js';

/** The string formats a rule can ask for. */
export type RuleFormat = 'date-time' | 'date' | 'uuid' | 'email' | 'uri';

/**
 * A rule string (`"optional nullable date-time"`) read into what it allows. At most one of
 * `type`, `eachLike`, `format`, `range` and `regex` is set; a rule with none of them compares
 * the value strictly, as without a rule (only `optional` or `nullable` relax it).
 */
export interface Rule {
  /** The rule as written. */
  readonly source: string;
  /** The key may be absent. */
  readonly optional: boolean;
  /** The value may be `null`. */
  readonly nullable: boolean;
  /** Any value of the example value's type (integer, number, string, boolean, object, array). */
  readonly type: boolean;
  /** An array whose every element matches the example's first element by type; the minimum length. */
  readonly eachLike: number | undefined;
  readonly format: RuleFormat | undefined;
  /** An integer within these bounds, inclusive. */
  readonly range: { readonly min: number; readonly max: number } | undefined;
  /** A string this pattern finds (`RegExp.test` semantics, matched in linear time). */
  readonly regex: LinearRegex | undefined;
}

/** Why a rule string cannot be read; `code` is a lint code (spec/README.md). */
export interface RuleProblem {
  readonly code:
    | 'rule.unknown'
    | 'rule.range'
    | 'rule.regex'
    | 'rule.unsafe-regex'
    | 'rule.conflict';
  readonly message: string;
}

export type ParsedRule =
  | { readonly ok: true; readonly rule: Rule }
  | { readonly ok: false; readonly problem: RuleProblem };

const FORMATS: ReadonlySet<string> = new Set(['date-time', 'date', 'uuid', 'email', 'uri']);
/** Every word a rule may start a term with, for suggestions. */
export const RULE_WORDS: readonly string[] = [
  'optional',
  'nullable',
  'type',
  'each-like',
  'min',
  ...FORMATS,
  'range',
  'regex',
];

const RANGE = /^(-?\d{1,15})\.\.(-?\d{1,15})$/;
const COUNT = /^\d{1,9}$/;

/**
 * Reads a rule string: space-separated words, `optional`, `nullable`, and at most one of
 * `type`, `each-like [min N]`, a format (`date-time`, `date`, `uuid`, `email`, `uri`),
 * `range A..B` or `regex PATTERN` (the rest of the string is the pattern, so it comes last).
 *
 * @example
 * parseRule('optional date-time') // { ok: true, rule: { optional: true, format: 'date-time', … } }
 * parseRule('dat-time').ok // false: unknown word "dat-time". Did you mean "date-time"?
 */
export function parseRule(source: string): ParsedRule {
  let optional = false;
  let nullable = false;
  let type = false;
  let eachLike: number | undefined;
  let format: RuleFormat | undefined;
  let range: { min: number; max: number } | undefined;
  let regex: LinearRegex | undefined;
  const kinds: string[] = [];
  const fail = (code: RuleProblem['code'], message: string): ParsedRule => ({
    ok: false,
    problem: { code, message },
  });
  let rest = source.trimStart();
  while (rest !== '') {
    const space = rest.search(/\s/);
    const word = space === -1 ? rest : rest.slice(0, space);
    rest = space === -1 ? '' : rest.slice(space).trimStart();
    if (word === 'optional') optional = true;
    else if (word === 'nullable') nullable = true;
    else if (word === 'type') {
      type = true;
      kinds.push(word);
    } else if (word === 'each-like') {
      eachLike = 0;
      kinds.push(word);
      if (rest.startsWith('min')) {
        const [, count = '', after = ''] = /^min\s+(\S*)\s*([\s\S]*)$/.exec(rest) ?? [];
        if (!COUNT.test(count)) {
          return fail(
            'rule.range',
            `"each-like min" needs a whole number of items, such as "each-like min 1", got ${JSON.stringify(count)}`,
          );
        }
        eachLike = Number(count);
        rest = after;
      }
    } else if (word === 'min') {
      return fail(
        'rule.unknown',
        '"min" counts the items of each-like and comes right after it, as in "each-like min 1"',
      );
    } else if (FORMATS.has(word)) {
      format = word as RuleFormat;
      kinds.push(word);
    } else if (word === 'range') {
      const space2 = rest.search(/\s/);
      const bounds = space2 === -1 ? rest : rest.slice(0, space2);
      rest = space2 === -1 ? '' : rest.slice(space2).trimStart();
      const match = RANGE.exec(bounds);
      const min = Number(match?.[1]);
      const max = Number(match?.[2]);
      if (match === null || min > max) {
        return fail(
          'rule.range',
          `"range" needs two integers, the smaller first, such as "range 1..100", got ${JSON.stringify(bounds)}`,
        );
      }
      range = { min, max };
      kinds.push(word);
    } else if (word === 'regex') {
      const pattern = rest;
      rest = '';
      kinds.push(word);
      const compiled = compileRegex(pattern);
      if (!compiled.ok) return { ok: false, problem: compiled.problem };
      regex = compiled.regex;
    } else {
      return fail(
        'rule.unknown',
        `unknown rule word ${JSON.stringify(word)}: use optional, nullable, type, each-like [min N], date-time, date, uuid, email, uri, range A..B or regex PATTERN.${didYouMean(word, RULE_WORDS)}`,
      );
    }
  }
  if (kinds.length > 1) {
    return fail(
      'rule.conflict',
      `the rule combines ${kinds.map((kind) => JSON.stringify(kind)).join(' and ')}: a value has one of type, each-like, a format, range or regex (with optional and nullable as needed); keep one.`,
    );
  }
  if (!optional && !nullable && kinds.length === 0) {
    return fail(
      'rule.unknown',
      'the rule is empty: write what it allows, such as "type", "date-time" or "optional".',
    );
  }
  return { ok: true, rule: { source, optional, nullable, type, eachLike, format, range, regex } };
}

function compileRegex(
  pattern: string,
): { ok: true; regex: LinearRegex } | { ok: false; problem: RuleProblem } {
  if (pattern === '') {
    return {
      ok: false,
      problem: {
        code: 'rule.regex',
        message: '"regex" needs a pattern after it, such as "regex ^[A-Z]{3}-[0-9]+$"',
      },
    };
  }
  try {
    new RegExp(pattern);
  } catch (error) {
    return {
      ok: false,
      problem: {
        code: 'rule.regex',
        message: `the pattern ${JSON.stringify(pattern)} is not a valid regular expression (${(error as Error).message}): fix it, escaping literal brackets`,
      },
    };
  }
  try {
    return { ok: true, regex: compileLinearRegex(pattern) };
  } catch (error) {
    if (!(error instanceof UnsafeRegexError)) throw error;
    return {
      ok: false,
      problem: {
        code: 'rule.unsafe-regex',
        message: `the pattern ${JSON.stringify(pattern)} cannot be matched in linear time (${error.message}): abe matches rule patterns without backtracking, so that no value can stall a check. Rewrite it without backreferences or lookarounds, with smaller counts`,
      },
    };
  }
}
