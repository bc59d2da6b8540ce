import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MockContracts } from '../../src/mock-server/mock-contracts.js';
import { type MockServer, startMockServer } from '../../src/mock-server/start-mock-server.js';

const CONTRACTS = fileURLToPath(new URL('../../fixtures/rules/contracts/', import.meta.url));

let server: MockServer;
const seen: string[] = [];

beforeAll(async () => {
  server = await startMockServer({
    contracts: MockContracts.load([{ pattern: '.', cwd: CONTRACTS }]),
    port: 0,
    onViolation: (violation) => seen.push(violation.kind),
  });
});
afterAll(() => server.close());

function order(quantity: number, placedAt: string) {
  return fetch(`${server.origin}/orders`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Request-Id': crypto.randomUUID() },
    body: JSON.stringify({ item: 'book', quantity, placedAt }),
  });
}

describe('abe mock with request rules', () => {
  test('a consumer request with a fresh timestamp matches the example with a format rule', async () => {
    const response = await order(2, new Date().toISOString());
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe('/orders/17');
    expect(await response.json()).toEqual({
      id: 17,
      item: 'book',
      createdAt: '2026-12-07T04:00:01Z',
    });
    expect(seen).toEqual([]);
  });

  test('a timestamp that is no date-time gets a problem document naming the rule', async () => {
    const response = await order(2, 'soon');
    const text = await response.text();
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(text).toContain('/body/placedAt');
    expect(text).toContain('expected a date-time (rule), got \\"soon\\"');
    expect(seen).toHaveLength(1);
  });
});
