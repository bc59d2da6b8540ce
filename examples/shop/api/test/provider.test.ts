import { fileURLToPath } from 'node:url';
import { configure, expectMatchesExample, verifyProvider } from 'abe-ts/provider';
import { beforeEach, expect, test } from 'vitest';
import { createApp } from '../src/app.js';
import { Store } from '../src/store.js';

// Contract paths below are relative to the api's contracts directory.
configure({ root: fileURLToPath(new URL('../contracts/', import.meta.url)) });

const store = new Store();
const app = createApp(store);
beforeEach(() => store.seed());

test('GET /users/1 answers as the "OK" example', async () => {
  const response = await expectMatchesExample(app, 'users/get.json', 'OK');
  // The matched response comes back for further checks.
  expect(response.headers['content-type']).toContain('application/json');
});

test('an unknown user answers as "not found"', async () => {
  await expectMatchesExample(app, 'users/get.json', 'not found');
});

test('a request without the token answers as "unauthenticated"', async () => {
  await expectMatchesExample(app, 'users/get.json', 'unauthenticated');
});

test('a new user answers as "created": any integer id, a real timestamp (rules)', async () => {
  const response = await expectMatchesExample(app, 'users/create.json', 'created');
  // The store gave the next id and the api the current time, not the example's values.
  expect(response.body).toMatchObject({ id: 3 });
  expect((response.body as { createdAt: string }).createdAt).not.toBe('2026-12-07T09:30:00Z');
});

test('an invalid email answers as "validation error"', async () => {
  await expectMatchesExample(app, 'users/create.json', 'validation error');
});

test('every example of every contract holds, with provider states', async () => {
  const report = await verifyProvider(app, '.', {
    // Each example starts from the seeded store; some need a different one.
    beforeEach: () => store.seed(),
    states: {
      // "no orders" is about bob, who must exist but have none: the seed already says so,
      // and this state makes the assumption explicit.
      'orders/list.json#no orders': () => {
        store.orders = store.orders.filter((order) => order.userId !== 2);
      },
    },
  });
  expect(report.failed).toEqual([]);
  expect(report.passed).toHaveLength(10);
});
