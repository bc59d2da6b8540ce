import { describe, expect, test } from 'vitest';
import { formatMismatches } from '../../src/match/format-mismatches.js';
import { matchResponse } from '../../src/match/match-response.js';

const ESC = '\u001b[';

describe('formatMismatches', () => {
  test('prints one line per mismatch, pointer first, pointers aligned', () => {
    const text = formatMismatches(
      matchResponse(
        { status: 200, body: { user: { id: 1, tags: ['a'] }, extra: true } },
        { status: 404, body: { user: { id: '1', tags: ['a', 'b'] } } },
      ),
    );
    expect(text.split('\n')).toEqual([
      '/status            expected 200, got 404',
      '/body/user/id      expected number 1, got string "1"',
      '/body/user/tags    expected 1 item, got 2',
      '/body/user/tags/1  unexpected "b"',
      '/body/extra        missing, expected true',
    ]);
  });

  test('prints no colour unless asked, and colours expected and actual when asked', () => {
    const mismatches = matchResponse({ status: 200 }, { status: 500 });
    expect(formatMismatches(mismatches)).not.toContain(ESC);
    const coloured = formatMismatches(mismatches, { color: true });
    expect(coloured).toContain(`${ESC}32m200${ESC}39m`);
    expect(coloured).toContain(`${ESC}31m500${ESC}39m`);
  });

  test('shortens large values instead of printing them whole', () => {
    const big = { items: Array.from({ length: 10_000 }, (_, id) => ({ id, name: `item ${id}` })) };
    const text = formatMismatches(
      matchResponse({ status: 200, body: big }, { status: 200, body: 'oops' }),
    );
    expect(text.length).toBeLessThan(200);
    expect(text).toContain('expected object {"items": [{"id": 0, "name": "item 0"}');
    expect(text).toContain('…');
  });

  test('shows a long string around its first difference', () => {
    const before = `${'lorem ipsum '.repeat(200)}dolor sit amet${' consectetur'.repeat(200)}`;
    const after = before.replace('dolor sit', 'dolar sit');
    const text = formatMismatches(
      matchResponse(
        { status: 200, body: { text: before } },
        { status: 200, body: { text: after } },
      ),
    );
    expect(text).toContain('dolor sit');
    expect(text).toContain('dolar sit');
    expect(text).toContain(`(first difference at offset ${before.indexOf('dolor') + 3})`);
    expect(text.length).toBeLessThan(250);
  });

  test('lists only the differing parts of a large body, each at its pointer', () => {
    const expected = Array.from({ length: 5_000 }, (_, id) => ({ id, price: id * 2 }));
    const actual = structuredClone(expected);
    (actual[4321] as { price: number }).price = 0;
    const text = formatMismatches(
      matchResponse({ status: 200, body: expected }, { status: 200, body: actual }),
    );
    expect(text).toBe('/body/4321/price  expected 8642, got 0');
  });

  test('counts the mismatches beyond the limit instead of listing them', () => {
    const expected = Array.from({ length: 30 }, (_, index) => index);
    const actual = expected.map((value) => -value - 1);
    const lines = formatMismatches(
      matchResponse({ status: 200, body: expected }, { status: 200, body: actual }),
      { limit: 5 },
    ).split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[5]).toBe('… and 25 more mismatches');
  });

  test('describes headers, query parameters, method and url mismatches', () => {
    const text = formatMismatches([
      {
        path: '/headers/x-id',
        kind: 'header',
        expected: 'a',
        actual: undefined,
        message: 'header "X-Id" is missing',
      },
      { path: '/query/tag', kind: 'query', expected: ['a', 'b'], actual: 'a', message: '' },
      { path: '/method', kind: 'method', expected: 'GET', actual: 'POST', message: '' },
      { path: '/url', kind: 'url', expected: '/users/1', actual: '/users/2', message: '' },
    ]);
    expect(text.split('\n')).toEqual([
      '/headers/x-id  missing, expected "a"',
      '/query/tag     expected ["a", "b"], got "a"',
      '/method        expected "GET", got "POST"',
      '/url           expected "/users/1", got "/users/2"',
    ]);
  });

  test('says so when there is nothing to report', () => {
    expect(formatMismatches([])).toBe('no mismatches');
  });
});
