import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { analyzeText, lintText } from '../../src/contract/analyze-contract.js';
import * as positions from '../../src/contract/json-positions.js';

const fixtures = ['fixtures/contracts/valid', 'fixtures/contracts/broken'].flatMap((dir) =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => join(dir, name)),
);

describe('lintText', () => {
  test.each(fixtures)('finds what analyzeText finds in %s, and its endpoint', (file) => {
    const text = readFileSync(file, 'utf8');
    const full = analyzeText(text, file, positions);
    const lint = lintText(text, file, positions);
    expect(lint?.diagnostics).toEqual(full.diagnostics);
    expect(lint?.endpoint).toBe(
      full.contract === undefined ? undefined : `${full.contract.method} ${full.contract.url}`,
    );
  });

  test('the endpoint method comes from the first example when the top names none', () => {
    const text = JSON.stringify({
      url: '/users',
      examples: { created: { request: { method: 'post' }, response: { status: 201 } } },
    });
    expect(lintText(text, 'users.json')?.endpoint).toBe('POST /users');
    expect(analyzeText(text, 'users.json', positions).contract?.method).toBe('POST');
  });

  test('without positions, a clean file is linted from JSON.parse alone', () => {
    const text = readFileSync('fixtures/contracts/valid/users-get.json', 'utf8');
    expect(lintText(text, 'users-get.json')).toEqual(lintText(text, 'users-get.json', positions));
  });

  test.each([
    ['a syntax error', '{"url": "/a",}'],
    [
      'a duplicate key',
      '{"url": "/a", "url": "/b", "examples": {"OK": {"response": {"status": 200}}}}',
    ],
    ['a schema problem', '{"url": "/a", "examples": {"OK": {}}}'],
    [
      'examples keyed by integers',
      '{"url": "/a", "examples": {"1": {"response": {"status": 200}}}}',
    ],
  ])('without positions, a file with %s asks for them', (_, text) => {
    expect(lintText(text, 'a.json')).toBeUndefined();
    expect(lintText(text, 'a.json', positions)).toBeDefined();
  });

  test.each([
    [
      'spaced before the colon',
      '{"url": "/a", "url"\n\t: "/b", "examples": {"OK": {"response": {"status": 200}}}}',
    ],
    [
      'after escaped quotes',
      '{"url": "/a\\"\\\\", "description": "x\\": y", "description": "z", "examples": {"OK": {"response": {"status": 200}}}}',
    ],
    [
      'deep in an example',
      '{"url": "/a", "examples": {"OK": {"response": {"status": 200, "body": {"k": 1, "k": 2}}}}}',
    ],
  ])('a repeated key is found %s', (_, text) => {
    expect(() => JSON.parse(text)).not.toThrow();
    const codes = lintText(text, 'a.json', positions)?.diagnostics.map((d) => d.code);
    expect(codes).toContain('json.duplicate-key');
  });
});
