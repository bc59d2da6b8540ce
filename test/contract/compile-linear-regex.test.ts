import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compileLinearRegex, UnsafeRegexError } from '../../src/contract/compile-linear-regex.js';

/** Random pattern sources built from the pieces whose reading differs most between engines. */
const pieces = fc.constantFrom(
  'a',
  'b',
  '/',
  '-',
  '.',
  '\\d',
  '\\D',
  '\\w',
  '\\W',
  '\\s',
  '\\S',
  '\\b',
  '\\B',
  '^',
  '$',
  '[a-c]',
  '[^a]',
  '[^]',
  '[]',
  '[\\d-z]',
  '[a-\\w]',
  '[a-]',
  '[-/]',
  '[\\c1]',
  '[\\c]',
  '[\\b]',
  '[\\-a]',
  '[\\1]',
  '\\c',
  '\\cA',
  '\\ca',
  '\\x41',
  '\\x4',
  '\\u0041',
  '\\u{2}',
  '\\0',
  '\\01',
  '\\12',
  '\\8',
  '\\k',
  '\\z',
  '\\/',
  '{',
  '}',
  ']',
  'a{,2}',
  'a{2}',
);
const quantifier = fc.constantFrom('', '', '*', '+', '?', '{0,2}', '{1,}', '{2}', '*?', '+?');
const source: fc.Arbitrary<string> = fc.letrec<{ pattern: string; term: string }>((tie) => ({
  pattern: fc
    .array(fc.array(tie('term'), { maxLength: 4 }), { minLength: 1, maxLength: 2 })
    .map((alternatives) => alternatives.map((terms) => terms.join('')).join('|')),
  term: fc.oneof(
    { maxDepth: 2, depthSize: 'small' },
    fc.tuple(pieces, quantifier).map(([piece, q]) => piece + q),
    fc
      .tuple(fc.constantFrom('(', '(?:', '(?<n>'), tie('pattern'), quantifier)
      .map(([open, inner, q]) => `${open}${inner})${q}`),
  ),
})).pattern;
const inputs = fc.array(
  fc.string({
    unit: fc.constantFrom(
      'a',
      'b',
      'A',
      'z',
      '/',
      '-',
      '1',
      '2',
      '\n',
      ' ',
      '\\',
      'c',
      '{',
      '}',
      '\u0001',
      '\u0002',
      '\b',
      '\n',
      'k',
      '8',
      '\u00a0',
      '\u2028',
    ),
    maxLength: 6,
  }),
  { maxLength: 8 },
);

function isValid(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

describe('compileLinearRegex', () => {
  test('answers as RegExp.test does, for 10,000 random patterns and inputs', () => {
    fc.assert(
      fc.property(source.filter(isValid), inputs, (pattern, tried) => {
        let linear: ReturnType<typeof compileLinearRegex>;
        try {
          linear = compileLinearRegex(pattern);
        } catch (error) {
          // Only a backreference may be refused here: `\1` once a group exists.
          return error instanceof UnsafeRegexError && error.reason === 'backreference';
        }
        const native = new RegExp(pattern);
        for (const input of tried) {
          if (linear.test(input) !== native.test(input)) {
            throw new Error(`${JSON.stringify(pattern)} on ${JSON.stringify(input)}`);
          }
        }
        return true;
      }),
      { numRuns: 10_000 },
    );
  });

  test('the url patterns abe meets answer as RegExp.test does', () => {
    const cases: [string, string[]][] = [
      ['^(?:/users/[0-9]+)$', ['/users/1', '/users/', '/users/12/x', '/users/a']],
      ['^(?:/v(1|2)/items)$', ['/v1/items', '/v3/items', '/v12/items']],
      ['^(?:/codes/[0-9]{3})$', ['/codes/123', '/codes/12', '/codes/1234']],
      ['^(?:/files/[0-9]+/report\\.json)$', ['/files/1/report.json', '/files/1/reportxjson']],
      ['^(?:/a/(?<id>[^/]+)/b)$', ['/a/x/b', '/a//b', '/a/x/y/b']],
      ['^(?:/a(/[0-9]+)?)$', ['/a', '/a/1', '/a/']],
      ['^(?:/files/.*)$', ['/files/', '/files/a/b', '/files/a\nb']],
    ];
    for (const [pattern, paths] of cases) {
      const linear = compileLinearRegex(pattern);
      for (const path of paths)
        expect(linear.test(path), `${pattern} ${path}`).toBe(new RegExp(pattern).test(path));
    }
  });

  test('a pattern that makes RegExp backtrack for seconds answers at once', () => {
    // `/a/(a+)+b` against 30 "a"s takes V8 about 20 s; here a path 100,000 long is quick.
    const linear = compileLinearRegex('^(?:/a/(a+)+b)$');
    expect(linear.test(`/a/${'a'.repeat(100_000)}`)).toBe(false);
    expect(linear.test(`/a/${'a'.repeat(100_000)}b`)).toBe(true);
    expect(compileLinearRegex('^(?:(.*)*x(.*)*y)$').test('x'.repeat(50_000))).toBe(false);
  });

  test.each([
    ['^(?:/a/(x)\\1)$', 'backreference'],
    ['^(?:/a/(?<n>x)\\k<n>)$', 'backreference'],
    ['^(?:/a/(?=x)x)$', 'lookaround'],
    ['^(?:/a/(?!y)x)$', 'lookaround'],
    ['^(?:/a/(?<=a)x)$', 'lookaround'],
    ['^(?:/a/(?<!b)x)$', 'lookaround'],
    ['^(?:/a/[0-9]{1,100000})$', 'too-large'],
    ['^(?:((a{100}){100}){100})$', 'too-large'],
  ])('%s is refused: %s', (pattern, reason) => {
    expect(() => compileLinearRegex(pattern)).toThrow(
      expect.objectContaining({ name: 'UnsafeRegexError', reason }),
    );
  });

  test('an escaped digit past the number of groups is an octal escape, not a backreference', () => {
    // A literal /^(a)\12$/ would be refused by TypeScript: the point is that V8 accepts it.
    const octal = '^(a)\\12$';
    expect(compileLinearRegex(octal).test('a\n')).toBe(true);
    expect(new RegExp(octal).test('a\n')).toBe(true);
    expect(compileLinearRegex('^\\1$').test('\u0001')).toBe(true);
  });
});
