import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { analyzeText, lintText } from '../../src/contract/analyze-contract.js';

const fixtures = ['fixtures/contracts/valid', 'fixtures/contracts/broken'].flatMap((dir) =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => join(dir, name)),
);

describe('lintText', () => {
  test.each(fixtures)('finds what analyzeText finds in %s, and its endpoint', (file) => {
    const text = readFileSync(file, 'utf8');
    const full = analyzeText(text, file);
    const lint = lintText(text, file);
    expect(lint.diagnostics).toEqual(full.diagnostics);
    expect(lint.endpoint).toBe(
      full.contract === undefined ? undefined : `${full.contract.method} ${full.contract.url}`,
    );
  });

  test('the endpoint method comes from the first example when the top names none', () => {
    const text = JSON.stringify({
      url: '/users',
      examples: { created: { request: { method: 'post' }, response: { status: 201 } } },
    });
    expect(lintText(text, 'users.json').endpoint).toBe('POST /users');
    expect(analyzeText(text, 'users.json').contract?.method).toBe('POST');
  });
});
