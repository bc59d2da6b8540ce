import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compileUrlPattern } from '../../src/contract/compile-url-pattern.js';

describe('compileUrlPattern', () => {
  test('a literal path matches only itself, dots included', () => {
    const pattern = compileUrlPattern('/files/report.json');
    expect(pattern.literal).toBe(true);
    expect(pattern.regex.test('/files/report.json')).toBe(true);
    expect(pattern.regex.test('/files/reportxjson')).toBe(false);
    expect(pattern.staticPrefix).toBe('/files/report.json');
  });

  test('regex parts match concrete paths and nothing longer', () => {
    const pattern = compileUrlPattern('/users/[0-9]+');
    expect(pattern.literal).toBe(false);
    expect(pattern.regex.test('/users/12')).toBe(true);
    expect(pattern.regex.test('/users/ab')).toBe(false);
    expect(pattern.regex.test('/users/12/posts')).toBe(false);
    expect(pattern.staticPrefix).toBe('/users/');
    // In a pattern, `.` is any character: the fixed part ends before it.
    expect(compileUrlPattern('/v1.0/users/[0-9]+').staticPrefix).toBe('/');
  });

  test(':id and {id} parameters match one path segment', () => {
    for (const source of ['/users/:id/posts', '/users/{id}/posts']) {
      const pattern = compileUrlPattern(source);
      expect(pattern.regex.test('/users/7/posts')).toBe(true);
      expect(pattern.regex.test('/users/7/8/posts')).toBe(false);
      expect(pattern.staticPrefix).toBe('/users/');
    }
  });

  test('regex quantifiers in braces are not parameters', () => {
    const pattern = compileUrlPattern('/codes/[0-9]{3}');
    expect(pattern.regex.test('/codes/123')).toBe(true);
    expect(pattern.regex.test('/codes/1234')).toBe(false);
  });

  test('an invalid regex part throws a SyntaxError', () => {
    expect(() => compileUrlPattern('/users/[0-9+')).toThrow(SyntaxError);
  });
});

describe('compileUrlPattern().test', () => {
  const patterns = [
    '/users/[0-9]+',
    '/users/[0-9]*/x',
    '/users/:id/posts/{post}',
    '/a/[^/]+/b',
    '/a/[a-z0-9_-]+',
    '/a/[\\d]+',
    '/a/[\\-.]+',
    '/a/[A-Z]+/x-[0-9]+',
    '/v(1|2)/items',
    '/files/report.json',
    '/',
    '/a/[\\]]+',
    '/a/[^]+',
    '/a/[^^a]*',
    '/a/[a-]+/b',
    '/a/[\\w]+',
    '/a/:id-x',
    '/a/{id}x',
    '/a/{_id9}/b',
    '/a/:9/b',
    '/a/x:y',
    '/a//b/',
    '/:id',
  ];
  const paths = fc.stringMatching(
    /^(\/([a-zA-Z0-9_.^\]:{}-]{0,4}|users|posts|a|b|x|items|v1|files|report\.json)){0,4}\/?$/,
  );

  test.each(patterns)('agrees with the regular expression for %s', (source) => {
    const pattern = compileUrlPattern(source);
    fc.assert(
      fc.property(paths, (path) => pattern.test(path) === pattern.regex.test(path)),
      { numRuns: 2_000 },
    );
  });

  test('a pattern matched segment by segment is a valid regular expression that agrees with it', () => {
    // Segments built to hit every branch: literals, parameters, and classes with ranges in and
    // out of order, escapes, stray brackets and carets.
    const segment = fc.oneof(
      fc.stringMatching(/^[a-z0-9_.:-]{0,4}$/),
      fc.constantFrom(':id', '{id}', ':9', '{9}', '{id', 'x:y'),
      fc
        .tuple(
          fc.stringMatching(/^([a-z0-9^\][-]|\\[a-z0-9.\]\\-]){0,4}$/),
          fc.constantFrom('+', '*', '', '{2}'),
        )
        .map(([members, quantifier]) => `[${members}]${quantifier}`),
    );
    const sources = fc
      .array(segment, { minLength: 1, maxLength: 3 })
      .map((parts) => `/${parts.join('/')}`);
    fc.assert(
      fc.property(sources, fc.array(paths, { maxLength: 5 }), (source, tried) => {
        let pattern: ReturnType<typeof compileUrlPattern>;
        try {
          pattern = compileUrlPattern(source);
        } catch (error) {
          // Only a pattern whose RegExp is invalid may be refused.
          return error instanceof SyntaxError;
        }
        return tried.every((path) => pattern.test(path) === pattern.regex.test(path));
      }),
      { numRuns: 20_000 },
    );
  });

  test('matches concrete paths segment by segment', () => {
    const pattern = compileUrlPattern('/users/[0-9]+/posts/:slug');
    expect(pattern.test('/users/12/posts/hello')).toBe(true);
    expect(pattern.test('/users/12/posts/')).toBe(false);
    expect(pattern.test('/users/1a/posts/hello')).toBe(false);
    expect(pattern.test('/users/12/posts/hello/more')).toBe(false);
  });
});

test('an out-of-order character range is reported as invalid', () => {
  expect(() => compileUrlPattern('/users/[9-0]+')).toThrow(SyntaxError);
});

describe('compileUrlPattern never backtracks', () => {
  test('a pattern RegExp takes seconds on (/a/(a+)+b, 30 "a"s) is answered at once', () => {
    // Regression: `abe lint` took 21 s on this contract, and msw dispatch stalled as long.
    const pattern = compileUrlPattern('/a/(a+)+b');
    expect(pattern.test(`/a/${'a'.repeat(30)}`)).toBe(false);
    expect(pattern.test(`/a/${'a'.repeat(100_000)}`)).toBe(false);
    expect(pattern.test('/a/aaab')).toBe(true);
  });

  test('a backreference or a lookaround is refused as unsafe, not as invalid', () => {
    for (const source of ['/pairs/([0-9])\\1', '/a/(?=b)b', '/a/(?<!x)b']) {
      expect(() => compileUrlPattern(source)).toThrow(
        expect.objectContaining({ name: 'UnsafeRegexError' }),
      );
    }
  });

  test('[^/]+ is one segment of any text, as :id is', () => {
    const pattern = compileUrlPattern('/users/[^/]+/posts');
    expect(pattern.test('/users/a.b-c/posts')).toBe(true);
    expect(pattern.test('/users//posts')).toBe(false);
    expect(pattern.test('/users/a/b/posts')).toBe(false);
    expect(pattern.staticPrefix).toBe('/users/');
  });
});
