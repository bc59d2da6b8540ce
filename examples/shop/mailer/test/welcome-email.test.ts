import { fileURLToPath } from 'node:url';
import { abeMocks, mockFromAbe } from 'abe-ts/msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { UnknownUserError, welcomeEmail } from '../src/welcome-email.js';

// The api's contracts are the mailer's stub: when the api changes its examples, this test
// runs against the new ones (abe check reruns the mailer because it `consumes=api`).
const contracts = fileURLToPath(new URL('../../api/contracts/', import.meta.url));
const api = { baseUrl: 'https://api.shop.test', token: 'shop-token' };
const server = setupServer(...mockFromAbe(contracts, { baseUrl: api.baseUrl }));

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  abeMocks.assertNoViolations();
});
afterAll(() => server.close());

test('the welcome email goes to the user the api returns', async () => {
  const email = await welcomeEmail(api, 1);
  expect(email).toEqual({
    to: 'alice@example.com',
    subject: 'Welcome to the shop, alice!',
    text: 'Hello alice,\n\nyour account is ready.\n',
  });
});

test('an unknown user is reported as such', async () => {
  await expect(welcomeEmail(api, 99)).rejects.toThrow(UnknownUserError);
});

test('a wrong token gets the "unauthenticated" answer', async () => {
  await expect(welcomeEmail({ ...api, token: 'wrong' }, 1)).rejects.toThrow(
    'shop api answered 401',
  );
});

test('a user no example describes is a request the contract does not allow', async () => {
  // The mock answers with a network error and records the violation; afterEach would fail
  // this test with it, as it fails any test whose consumer swallowed the error.
  await expect(welcomeEmail(api, 5)).rejects.toThrow();
  expect(() => abeMocks.assertNoViolations()).toThrow(
    'GET https://api.shop.test/users/5 is not allowed by any example of GET /users/[0-9]+',
  );
});
