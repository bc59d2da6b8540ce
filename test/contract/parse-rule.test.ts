import { describe, expect, test } from 'vitest';
import { parseRule, RULE_WORDS, type Rule } from '../../src/contract/parse-rule.js';
import { parseRulePath, RULE_PATH_STARTS } from '../../src/contract/rule-path.js';

/** The rule read from `source`, failing the test when it does not read. */
function ruleOf(source: string): Rule {
  const parsed = parseRule(source);
  if (!parsed.ok) throw new Error(`${source}: ${parsed.problem.message}`);
  return parsed.rule;
}

/** Every field of a rule but the compiled pattern, which is checked by its source. */
function fields(source: string) {
  const { regex, ...rest } = ruleOf(source);
  return { ...rest, regex: regex?.source };
}

const NONE = {
  optional: false,
  nullable: false,
  type: false,
  eachLike: undefined,
  format: undefined,
  range: undefined,
  regex: undefined,
};

const EACH_LIKE_MIN = (got: string) =>
  `"each-like min" needs a whole number of items, such as "each-like min 1", got ${got}`;
const RANGE = (got: string) =>
  `"range" needs two integers, the smaller first, such as "range 1..100", got ${got}`;
const UNKNOWN = (word: string) =>
  `unknown rule word ${word}: use optional, nullable, type, each-like [min N], date-time, date, uuid, email, uri, range A..B or regex PATTERN.`;
const UNSAFE = (pattern: string, why: string) =>
  `the pattern ${pattern} cannot be matched in linear time (${why}): abe matches rule patterns without backtracking, so that no value can stall a check. Rewrite it without backreferences or lookarounds, with smaller counts`;

describe('parseRule reads every word into the rule', () => {
  test('optional and nullable alone, together, and in any order', () => {
    expect(parseRule('optional')).toStrictEqual({
      ok: true,
      rule: { source: 'optional', ...NONE, optional: true },
    });
    expect(fields('nullable')).toStrictEqual({ source: 'nullable', ...NONE, nullable: true });
    expect(fields('nullable optional')).toStrictEqual({
      source: 'nullable optional',
      ...NONE,
      optional: true,
      nullable: true,
    });
  });

  test('type, and each format by its name', () => {
    expect(fields('type')).toStrictEqual({ source: 'type', ...NONE, type: true });
    for (const format of ['date-time', 'date', 'uuid', 'email', 'uri'] as const) {
      expect(fields(format)).toStrictEqual({ source: format, ...NONE, format });
    }
    expect(fields('optional nullable date-time')).toStrictEqual({
      source: 'optional nullable date-time',
      ...NONE,
      optional: true,
      nullable: true,
      format: 'date-time',
    });
  });

  test('words are split on any white space, leading and trailing space ignored, source kept', () => {
    expect(fields('  optional\t\nuuid  ')).toStrictEqual({
      source: '  optional\t\nuuid  ',
      ...NONE,
      optional: true,
      format: 'uuid',
    });
    expect(fields('uuid   nullable')).toStrictEqual({
      source: 'uuid   nullable',
      ...NONE,
      nullable: true,
      format: 'uuid',
    });
  });

  test('each-like with and without a minimum, words after the count still read', () => {
    expect(fields('each-like')).toStrictEqual({ source: 'each-like', ...NONE, eachLike: 0 });
    expect(fields('each-like min 3').eachLike).toBe(3);
    expect(fields('each-like min 0').eachLike).toBe(0);
    expect(fields('each-like min 007').eachLike).toBe(7);
    expect(fields('each-like min 123456789').eachLike).toBe(123456789);
    expect(fields('each-like min\t2\tnullable')).toStrictEqual({
      source: 'each-like min\t2\tnullable',
      ...NONE,
      nullable: true,
      eachLike: 2,
    });
    expect(fields('optional each-like min 1 nullable')).toStrictEqual({
      source: 'optional each-like min 1 nullable',
      ...NONE,
      optional: true,
      nullable: true,
      eachLike: 1,
    });
    expect(fields('each-like min 5 nullable optional')).toStrictEqual({
      source: 'each-like min 5 nullable optional',
      ...NONE,
      optional: true,
      nullable: true,
      eachLike: 5,
    });
    // Two spaces before the count are still white space between "min" and it.
    expect(fields('each-like min  4').eachLike).toBe(4);
  });

  test('each-like min needs a whole number of at most nine digits right after it', () => {
    const refused = (source: string) => parseRule(source);
    expect(refused('each-like min')).toStrictEqual({
      ok: false,
      problem: { code: 'rule.range', message: EACH_LIKE_MIN('""') },
    });
    expect(refused('each-like min x')).toStrictEqual({
      ok: false,
      problem: { code: 'rule.range', message: EACH_LIKE_MIN('"x"') },
    });
    for (const [source, got] of [
      ['each-like min -1', '"-1"'],
      ['each-like min 1.5', '"1.5"'],
      ['each-like min x1', '"x1"'],
      ['each-like min 1x', '"1x"'],
      ['each-like min 1234567890', '"1234567890"'],
      ['each-like minimal', '""'],
      ['each-like min2', '""'],
    ] as const) {
      expect(refused(source)).toStrictEqual({
        ok: false,
        problem: { code: 'rule.range', message: EACH_LIKE_MIN(got) },
      });
    }
  });

  test('"min" is only read right after each-like: a later one is a word of its own', () => {
    expect(parseRule('each-like minx min 3')).toStrictEqual({
      ok: false,
      problem: { code: 'rule.range', message: EACH_LIKE_MIN('""') },
    });
    const out = {
      ok: false,
      problem: {
        code: 'rule.unknown',
        message:
          '"min" counts the items of each-like and comes right after it, as in "each-like min 1"',
      },
    };
    expect(parseRule('type min 3')).toStrictEqual(out);
    expect(parseRule('min 3 each-like')).toStrictEqual(out);
  });

  test('range: two integers, the smaller first, equal bounds and negatives allowed', () => {
    expect(fields('range 1..100')).toStrictEqual({
      source: 'range 1..100',
      ...NONE,
      range: { min: 1, max: 100 },
    });
    expect(fields('range -20..-5').range).toStrictEqual({ min: -20, max: -5 });
    expect(fields('range 7..7').range).toStrictEqual({ min: 7, max: 7 });
    expect(fields('range 0..999999999999999').range).toStrictEqual({
      min: 0,
      max: 999999999999999,
    });
    expect(fields('range 1..5\toptional')).toStrictEqual({
      source: 'range 1..5\toptional',
      ...NONE,
      optional: true,
      range: { min: 1, max: 5 },
    });
    expect(fields('nullable range 2..3  optional')).toStrictEqual({
      source: 'nullable range 2..3  optional',
      ...NONE,
      optional: true,
      nullable: true,
      range: { min: 2, max: 3 },
    });
  });

  test('a range that is not two ordered integers of at most fifteen digits is refused', () => {
    for (const [source, got] of [
      ['range', '""'],
      ['range 9..1', '"9..1"'],
      ['range 1..', '"1.."'],
      ['range ..5', '"..5"'],
      ['range 1.5', '"1.5"'],
      ['range 1...5', '"1...5"'],
      ['range 1..5x', '"1..5x"'],
      ['range x1..5', '"x1..5"'],
      ['range 1.5..3', '"1.5..3"'],
      ['range 1..1000000000000000', '"1..1000000000000000"'],
      ['range -1000000000000000..1', '"-1000000000000000..1"'],
      ['range a..b', '"a..b"'],
      ['range 1 ..5', '"1"'],
    ] as const) {
      expect(parseRule(source)).toStrictEqual({
        ok: false,
        problem: { code: 'rule.range', message: RANGE(got) },
      });
    }
  });

  test('regex takes the rest of the string as its pattern, spaces included', () => {
    const rule = ruleOf('optional regex ^a b$');
    expect({ ...rule, regex: rule.regex?.source }).toStrictEqual({
      source: 'optional regex ^a b$',
      ...NONE,
      optional: true,
      regex: '^a b$',
    });
    expect(rule.regex?.test('a b')).toBe(true);
    expect(rule.regex?.test('ab')).toBe(false);
    expect(fields('regex x optional')).toStrictEqual({
      source: 'regex x optional',
      ...NONE,
      regex: 'x optional',
    });
    expect(fields('regex   ^[0-9]+$').regex).toBe('^[0-9]+$');
  });

  test('a regex with no pattern, an invalid one, or one not matchable in linear time is refused', () => {
    expect(parseRule('regex')).toStrictEqual({
      ok: false,
      problem: {
        code: 'rule.regex',
        message: '"regex" needs a pattern after it, such as "regex ^[A-Z]{3}-[0-9]+$"',
      },
    });
    expect(parseRule('regex   ')).toStrictEqual({
      ok: false,
      problem: {
        code: 'rule.regex',
        message: '"regex" needs a pattern after it, such as "regex ^[A-Z]{3}-[0-9]+$"',
      },
    });
    expect(parseRule('regex [a-')).toStrictEqual({
      ok: false,
      problem: {
        code: 'rule.regex',
        message:
          'the pattern "[a-" is not a valid regular expression (Invalid regular expression: /[a-/: Unterminated character class): fix it, escaping literal brackets',
      },
    });
    expect(parseRule('regex (a)\\1')).toStrictEqual({
      ok: false,
      problem: {
        code: 'rule.unsafe-regex',
        message: UNSAFE('"(a)\\\\1"', 'a backreference (\\1) needs a backtracking matcher'),
      },
    });
    expect(parseRule('nullable regex a{1,100000}')).toStrictEqual({
      ok: false,
      problem: {
        code: 'rule.unsafe-regex',
        message: UNSAFE(
          '"a{1,100000}"',
          'its repetition counts expand it past 20,000 steps: use + or * rather than large {n,m} counts',
        ),
      },
    });
  });

  test('groups nested past 100 deep are refused as unsafe, not a crash of the compiler', () => {
    // 30,000 nested groups: valid for RegExp, far too deep for a recursive compiler.
    const deep = `${'('.repeat(30_000)}a${')'.repeat(30_000)}`;
    expect(() => new RegExp(deep)).not.toThrow();
    const refused = parseRule(`regex ${deep}`);
    expect(refused.ok ? '' : refused.problem.code).toBe('rule.unsafe-regex');
    expect(refused.ok ? '' : refused.problem.message).toContain(
      '(its groups nest more than 100 deep: write fewer nested groups)',
    );
    const hundred = `${'('.repeat(100)}a${')'.repeat(100)}`;
    expect(parseRule(`regex ${hundred}`).ok).toBe(true);
    expect(parseRule(`regex (${hundred})`).ok).toBe(false);
  });

  test('two kinds of value in one rule conflict, all of them named in order', () => {
    const conflict = (kinds: string) =>
      `the rule combines ${kinds}: a value has one of type, each-like, a format, range or regex (with optional and nullable as needed); keep one.`;
    expect(parseRule('type date')).toStrictEqual({
      ok: false,
      problem: { code: 'rule.conflict', message: conflict('"type" and "date"') },
    });
    expect(parseRule('each-like min 2 uuid range 1..2 regex x')).toStrictEqual({
      ok: false,
      problem: {
        code: 'rule.conflict',
        message: conflict('"each-like" and "uuid" and "range" and "regex"'),
      },
    });
    expect(parseRule('uuid uuid')).toStrictEqual({
      ok: false,
      problem: { code: 'rule.conflict', message: conflict('"uuid" and "uuid"') },
    });
  });

  test('an empty rule, and an unknown word with or without a suggestion', () => {
    const empty = {
      ok: false,
      problem: {
        code: 'rule.unknown',
        message:
          'the rule is empty: write what it allows, such as "type", "date-time" or "optional".',
      },
    };
    expect(parseRule('')).toStrictEqual(empty);
    expect(parseRule(' \t ')).toStrictEqual(empty);
    expect(parseRule('dat-time')).toStrictEqual({
      ok: false,
      problem: {
        code: 'rule.unknown',
        message: `${UNKNOWN('"dat-time"')} Did you mean "date-time"?`,
      },
    });
    expect(parseRule('optional elephant')).toStrictEqual({
      ok: false,
      problem: { code: 'rule.unknown', message: UNKNOWN('"elephant"') },
    });
    expect(parseRule('Type')).toStrictEqual({
      ok: false,
      problem: { code: 'rule.unknown', message: `${UNKNOWN('"Type"')} Did you mean "type"?` },
    });
  });

  test('RULE_WORDS lists every word a term may start with, for suggestions', () => {
    expect(RULE_WORDS).toStrictEqual([
      'optional',
      'nullable',
      'type',
      'each-like',
      'min',
      'date-time',
      'date',
      'uuid',
      'email',
      'uri',
      'range',
      'regex',
    ]);
  });
});

describe('parseRulePath reads where a rule applies', () => {
  test('a body path walks keys from the root; the body itself has none', () => {
    expect(parseRulePath('response.body.items.id')).toStrictEqual({
      part: 'response',
      section: 'body',
      keys: ['items', 'id'],
    });
    expect(parseRulePath('request.body')).toStrictEqual({
      part: 'request',
      section: 'body',
      keys: [],
    });
    expect(parseRulePath('response.body.')).toStrictEqual({
      part: 'response',
      section: 'body',
      keys: [''],
    });
    expect(parseRulePath('response.body.a..b')).toStrictEqual({
      part: 'response',
      section: 'body',
      keys: ['a', '', 'b'],
    });
  });

  test('in a body path \\. is a dot of a key, \\\\ a backslash, and \\ before anything else drops', () => {
    const keys = (key: string) => parseRulePath(key)?.keys;
    expect(keys('response.body.version\\.major.x')).toStrictEqual(['version.major', 'x']);
    expect(keys('response.body.a\\\\.b')).toStrictEqual(['a\\', 'b']);
    expect(keys('response.body.a\\x.b')).toStrictEqual(['ax', 'b']);
    expect(keys('response.body.a\\.b.')).toStrictEqual(['a.b', '']);
    expect(keys('response.body.\\.')).toStrictEqual(['.']);
    // A backslash at the very end has nothing to escape: it stays.
    expect(keys('response.body.a.b\\')).toStrictEqual(['a', 'b\\']);
  });

  test('a header or query name is all that follows, dots and backslashes included', () => {
    expect(parseRulePath('request.headers.X-Request.Id')).toStrictEqual({
      part: 'request',
      section: 'headers',
      keys: ['X-Request.Id'],
    });
    expect(parseRulePath('response.headers.Location')).toStrictEqual({
      part: 'response',
      section: 'headers',
      keys: ['Location'],
    });
    expect(parseRulePath('request.query.since')).toStrictEqual({
      part: 'request',
      section: 'query',
      keys: ['since'],
    });
    expect(parseRulePath('request.query.a\\.b.c')).toStrictEqual({
      part: 'request',
      section: 'query',
      keys: ['a\\.b.c'],
    });
  });

  test('a key that names no part of an example reads as undefined', () => {
    for (const key of [
      '',
      'response',
      'request',
      'requestx',
      'body.id',
      '.body.id',
      'responses.body.id',
      'Response.body.id',
      'response.Body.id',
      'response.bodyx.id',
      'response.body2',
      'response.status',
      'response.query.page',
      'response.headers',
      'response.headers.',
      'request.headers',
      'request.query',
      'request.query.',
      'request.cookies.id',
    ]) {
      expect(parseRulePath(key)).toBeUndefined();
    }
  });

  test('RULE_PATH_STARTS names the places a rule key may start with', () => {
    expect(RULE_PATH_STARTS).toBe(
      'start it with response.body, response.headers, request.body, request.headers or request.query',
    );
  });
});
