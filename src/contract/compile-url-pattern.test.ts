import { describe, expect, test } from 'vitest';
import { compileUrlPattern } from './compile-url-pattern.js';

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
