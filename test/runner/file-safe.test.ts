import fc from 'fast-check';
import { expect, test } from 'vitest';
import { fileSafe } from '../../src/runner/file-safe.js';
import { stepLogName } from '../../src/runner/run-step.js';

/** Reads a `fileSafe` name back: `%XX` escapes are the UTF-8 bytes of what they stand for. */
function decode(safe: string): string {
  return decodeURIComponent(safe);
}

test('plain names keep their readable form', () => {
  for (const name of ['api', 'web_ui', 'ployst-api', 'v1.2', 'API']) {
    expect(fileSafe(name)).toBe(name);
  }
  expect(stepLogName('api', 'test')).toBe('api.test.log');
});

test('regression: "a b" and "a_b" get different file names', () => {
  expect(fileSafe('a b')).toBe('a%20b');
  expect(fileSafe('a_b')).toBe('a_b');
  expect(fileSafe('web/ui')).toBe('web%2Fui');
  expect(fileSafe('100%')).toBe('100%25');
  expect(fileSafe('café')).toBe('caf%C3%A9');
});

test('every name maps to a file name of its own, with no "/" in it', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme' }), (name) => {
      const safe = fileSafe(name);
      expect(safe).toMatch(/^[A-Za-z0-9._%-]*$/);
      expect(decode(safe)).toBe(name);
    }),
  );
});

test('a "." in a step cannot make two component-step pairs share a log', () => {
  expect(stepLogName('a.b', 'c')).not.toBe(stepLogName('a', 'b.c'));
});
