import { fileURLToPath } from 'node:url';
import express from 'express';
import { describe, expect, test } from 'vitest';
import { ExampleAssertionError, expectMatchesExample } from '../../src/provider/index.js';

const CONTRACT = fileURLToPath(
  new URL('../../fixtures/rules/contracts/orders-post.json', import.meta.url),
);

/** A real order service: generated ids, the current time, a fresh request id check. */
function ordersApp(options: { createdAt?: () => string; id?: () => unknown } = {}) {
  const app = express();
  app.use(express.json());
  let next = 100;
  app.post('/orders', (request, response) => {
    const { item, quantity, placedAt } = request.body as Record<string, unknown>;
    const requestId = request.get('x-request-id') ?? '';
    if (!/^[0-9a-f-]{36}$/i.test(requestId) || Number.isNaN(Date.parse(String(placedAt)))) {
      response.status(400).json({ detail: 'bad request' });
      return;
    }
    if (typeof quantity !== 'number' || quantity > 10) {
      response.status(422).json({ detail: 'at most 10' });
      return;
    }
    next += 1;
    const id = options.id?.() ?? next;
    response
      .status(201)
      .location(`/orders/${String(id)}`)
      .json({ id, item, createdAt: options.createdAt?.() ?? new Date().toISOString() });
  });
  return app;
}

describe('expectMatchesExample with response rules', () => {
  test('a provider answering with a generated id, Location and the current time passes', async () => {
    const seen = await expectMatchesExample(ordersApp(), CONTRACT, 'placed');
    expect(seen.status).toBe(201);
    // The provider really answered with values other than the example's.
    expect(seen.body).toMatchObject({ id: 101, item: 'book' });
    expect((seen.body as { createdAt: string }).createdAt).not.toBe('2026-12-07T04:00:01Z');
  });

  test('an id sent as a string and a timestamp that is no date fail, naming the rules', async () => {
    const app = ordersApp({ id: () => 'ord-17', createdAt: () => 'soon' });
    const error = await expectMatchesExample(app, CONTRACT, 'placed').catch((caught) => caught);
    expect(error).toBeInstanceOf(ExampleAssertionError);
    const message = (error as Error).message;
    expect(message).toMatch(
      /\/headers\/location\s+expected a string matching \^\/orders\/\[0-9\]\+\$ \(rule\), got "\/orders\/ord-17"/,
    );
    expect(message).toMatch(/\/body\/id\s+expected an integer \(rule\), got a string "ord-17"/);
    expect(message).toMatch(/\/body\/createdAt\s+expected a date-time \(rule\), got "soon"/);
  });
});
