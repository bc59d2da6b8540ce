import { afterEach, describe, expect, test } from 'vitest';
import { abeMocks, mockFromAbe } from '../../src/msw/index.js';
import { statusOf } from './status-of.js';

afterEach(() => abeMocks.reset());

const fixtures = 'fixtures/contracts';

describe('mockFromAbe under hostile contracts and requests', () => {
  test('a request that makes a url pattern backtrack is dispatched at once', async () => {
    // Regression: `/a/(a+)+b` blocked dispatch for seconds on a path of thirty "a"s.
    const handlers = mockFromAbe({
      url: '/a/(a+)+b',
      method: 'GET',
      examples: { OK: { request: { url: '/a/aab' }, response: { status: 200 } } },
    });
    expect(await statusOf(handlers, `http://api.test/a/${'a'.repeat(30)}`)).toBe('unhandled');
    expect(await statusOf(handlers, `http://api.test/a/${'a'.repeat(10_000)}`)).toBe('unhandled');
    expect(await statusOf(handlers, 'http://api.test/a/aab')).toBe(200);
  });

  test('a url pattern with a backreference is refused where the mocks are set up', () => {
    expect(() => mockFromAbe('broken/unsafe-pattern.json', { cwd: fixtures })).toThrow(
      expect.objectContaining({
        code: 'contract.invalid',
        message: expect.stringContaining('[url.unsafe-pattern]'),
      }),
    );
  });

  test('a contract whose body nests 3,000 deep is refused where the mocks are set up', () => {
    // Regression: it loaded, and a request that reached it answered 500 (a RangeError).
    const body = JSON.parse(`${'{"a":'.repeat(3_000)}1${'}'.repeat(3_000)}`);
    expect(() =>
      mockFromAbe({
        url: '/things',
        method: 'POST',
        examples: { OK: { request: { url: '/things', body }, response: { status: 201 } } },
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'contract.parse',
        message: expect.stringContaining('[json.too-deep]'),
      }),
    );
  });

  test('a request body nested 3,000 deep is a violation, not a 500', async () => {
    const handlers = mockFromAbe({
      url: '/things',
      method: 'POST',
      examples: {
        OK: {
          request: { url: '/things', headers: { 'Content-Type': 'application/json' }, body: {} },
          response: { status: 201 },
        },
      },
    });
    const status = await statusOf(handlers, 'http://api.test/things', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `${'{"a":'.repeat(3_000)}1${'}'.repeat(3_000)}`,
    });
    expect(status).toBe(0); // msw's network error
    expect(abeMocks.violations()).toMatchObject([
      { mismatches: [{ kind: 'unexpected', path: '/body/a' }] },
    ]);
  });

  test('a header HTTP cannot carry is refused where the mocks are set up', () => {
    // Regression: it loaded, and every request that reached it answered 500, recording nothing.
    expect(() => mockFromAbe('broken/header-invalid.json', { cwd: fixtures })).toThrow(
      expect.objectContaining({ message: expect.stringContaining('[header.invalid]') }),
    );
  });

  test('a file that is not UTF-8 is refused at its first bad byte', () => {
    expect(() => mockFromAbe('broken/latin-1.json', { cwd: fixtures })).toThrow(
      expect.objectContaining({
        code: 'contract.parse',
        message: expect.stringContaining('broken/latin-1.json:5:'),
      }),
    );
  });

  test('a label given as a number pins the example of that label, and a wrong one gets a suggestion', async () => {
    // Regression: `example: 404` threw "word.toLowerCase is not a function".
    const contract = {
      url: '/users/[0-9]+',
      method: 'GET',
      examples: {
        200: { request: { url: '/users/1' }, response: { status: 200 } },
        404: { request: { url: '/users/1' }, response: { status: 404 } },
      },
    };
    const pinned = mockFromAbe(contract, { example: 404 as unknown as string });
    expect(await statusOf(pinned, 'http://api.test/users/1')).toBe(404);
    const byFile = mockFromAbe(contract, {
      examples: { 'GET /users/[0-9]+': 404 as unknown as string },
    });
    expect(await statusOf(byFile, 'http://api.test/users/1')).toBe(404);
    expect(() => mockFromAbe(contract, { example: 4040 as unknown as string })).toThrow(
      expect.objectContaining({
        code: 'msw.example',
        message: expect.stringContaining('Did you mean "404"?'),
      }),
    );
  });
});
