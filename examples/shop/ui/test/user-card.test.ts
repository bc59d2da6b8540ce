import { fileURLToPath } from 'node:url';
import { abeMocks, mockFromAbe } from 'abe-ts/msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { renderUserCard } from '../src/user-card.js';

const contracts = fileURLToPath(new URL('../../api/contracts/', import.meta.url));
const options = { baseUrl: 'https://api.shop.test', token: 'shop-token' };
const server = setupServer(...mockFromAbe(contracts, { baseUrl: options.baseUrl }));

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  abeMocks.assertNoViolations();
});
afterAll(() => server.close());

test('the card shows the user and their open orders', async () => {
  const html = await renderUserCard(options, 1);
  expect(html).toBe(
    '<section class="user-card"><h2>alice</h2><p>1 open order(s)</p><ul><li>#10: 25 €</li></ul></section>',
  );
  // ?status=open picked the more specific example over the unfiltered "OK".
  expect(abeMocks.usedExamples().map((used) => used.label)).toEqual(
    expect.arrayContaining(['OK', 'open only']),
  );
});

test('a missing user renders the "missing" card', async () => {
  server.use(
    ...mockFromAbe(`${contracts}/users/get.json`, {
      baseUrl: options.baseUrl,
      example: 'not found',
    }),
  );
  const html = await renderUserCard(options, 99);
  expect(html).toBe('<section class="user-card missing">No such user</section>');
});
