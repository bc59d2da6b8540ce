import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { verifyProvider } from 'abe-ts/provider';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { createApp } from '../../api/src/app.js';
import { Store } from '../../api/src/store.js';
import { welcomeEmail } from '../../mailer/src/welcome-email.js';
import { renderUserCard } from '../../ui/src/user-card.js';

// The real api on a real port, and the real consumers talking to it: no mocks here.
const store = new Store();
let server: Server;
let baseUrl = '';

beforeAll(async () => {
  server = createApp(store).listen(0, '127.0.0.1');
  await once(server, 'listening');
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
beforeEach(() => store.seed());
afterAll(() => new Promise((resolve) => server.close(resolve)));

test('the mailer builds a welcome email from the running api', async () => {
  const email = await welcomeEmail({ baseUrl, token: 'shop-token' }, 2);
  expect(email.to).toBe('bob@example.com');
});

test('the ui renders a card from the running api', async () => {
  const html = await renderUserCard({ baseUrl, token: 'shop-token' }, 1);
  expect(html).toContain('<h2>alice</h2>');
  expect(html).toContain('1 open order(s)');
});

test('the running api honours every GET example over real HTTP', async () => {
  const contracts = fileURLToPath(new URL('../../api/contracts/', import.meta.url));
  const report = await verifyProvider(baseUrl, contracts, {
    filter: (_contract, example) => example.request.method === 'GET',
  });
  expect(report.failed).toEqual([]);
  expect(report.passed.length).toBeGreaterThanOrEqual(7);
});
