import { fileURLToPath } from 'node:url';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { abeMocks, mockFromAbe } from '../../src/msw/index.js';

const contracts = fileURLToPath(new URL('../../fixtures/rules/contracts/', import.meta.url));
const API = 'https://api.example.test';
const server = setupServer(...mockFromAbe(contracts));

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => abeMocks.reset());
afterAll(() => server.close());

function order(quantity: number, placedAt: string, requestId = crypto.randomUUID()) {
  return fetch(`${API}/orders`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Request-Id': requestId },
    body: JSON.stringify({ item: 'book', quantity, placedAt }),
  });
}

describe('mockFromAbe with request rules', () => {
  test("a request with a fresh timestamp and request id gets the example's literal response", async () => {
    const response = await order(3, new Date().toISOString());
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe('/orders/17');
    expect(await response.json()).toEqual({
      id: 17,
      item: 'book',
      createdAt: '2026-12-07T04:00:01Z',
    });
    expect(abeMocks.violations()).toEqual([]);
  });

  test('the example whose literal value matches still wins where a rule would not allow it', async () => {
    const response = await order(99, new Date().toISOString());
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ detail: 'at most 10' });
  });

  test('a timestamp that is no date-time is a violation that names the rule', async () => {
    await expect(order(3, 'soon')).rejects.toThrow(TypeError);
    const [violation] = abeMocks.violations();
    expect(violation?.nearest).toBe('placed');
    expect(violation?.mismatches).toEqual([
      {
        path: '/body/placedAt',
        kind: 'rule',
        expected: '2026-12-07T04:00:00Z',
        actual: 'soon',
        message: 'expected a date-time (rule), got "soon"',
      },
    ]);
  });
});
