import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { beginTestScope, endTestScope } from '../../src/msw/abe-mocks.js';
import { abeMocks, mockFromAbe } from '../../src/msw/index.js';
import { statusOf } from './status-of.js';

// The scope the setup files open around each test: handlers made inside it stop claiming
// requests when it ends, those made outside it last.
const contracts = fileURLToPath(new URL('../../fixtures/msw/contracts/', import.meta.url));
const USER = 'https://api.example.test/users/1';

afterEach(() => {
  endTestScope();
  abeMocks.reset();
});

describe('handlers made during a test', () => {
  test('a pin made in a test answers until the test ends, then lets the lasting handlers answer', async () => {
    const lasting = mockFromAbe(contracts, { baseUrl: 'https://api.example.test' });
    beginTestScope();
    const pin = mockFromAbe(`${contracts}users/get.json`, {
      baseUrl: 'https://api.example.test',
      example: 'not found',
    });
    expect(await statusOf([...pin, ...lasting], USER)).toBe(404);
    endTestScope();
    expect(await statusOf([...pin, ...lasting], USER)).toBe(200);
    expect(await statusOf(pin, USER)).toBe('unhandled');
  });

  test('handlers made outside a test (top of a file, beforeAll) outlive every test', async () => {
    const pin = mockFromAbe(`${contracts}users/get.json`, {
      baseUrl: 'https://api.example.test',
      example: 'not found',
    });
    beginTestScope();
    endTestScope();
    beginTestScope();
    expect(await statusOf(pin, USER)).toBe(404);
  });

  test('a handler belongs to the test it was made in, not the next one', async () => {
    beginTestScope();
    const first = mockFromAbe(`${contracts}users/get.json`, {
      baseUrl: 'https://api.example.test',
      example: 'not found',
    });
    endTestScope();
    beginTestScope();
    const second = mockFromAbe(`${contracts}users/get.json`, {
      baseUrl: 'https://api.example.test',
      example: 'not found',
    });
    expect(await statusOf(first, USER)).toBe('unhandled');
    expect(await statusOf(second, USER)).toBe(404);
  });
});
