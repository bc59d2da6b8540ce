import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AbeError } from '../../src/core/abe-error.js';
import { expectMatchesExample, verifyProvider } from '../../src/provider/index.js';
import { expressApp, fastifyApp, honoApp, koaApp, nodeListener, nodeServer } from './apps.js';
import { assertionError, mismatchKinds, ROOT, USERS } from './helpers.js';

const options = { root: ROOT };

describe('an Express app', () => {
  const app = expressApp();

  test('passes an example it honours and hands back the decoded response', async () => {
    const response = await expectMatchesExample(app, USERS, 'OK', options);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ id: 1, name: 'Ada' });
    expect(response.headers['cache-control']).toBe('private');
    expect(response.headers['content-type']).toMatch(/^application\/json/);
  });

  test('fails an example whose body value differs, naming file, label, request and path', async () => {
    const error = await assertionError(expectMatchesExample(app, USERS, 'renamed', options));
    expect(error.name).toBe('AssertionError');
    expect(mismatchKinds(error)).toEqual([['/body/name', 'value']]);
    expect(error.message).toContain('example "renamed" of users/get-user.json');
    expect(error.message).toContain('GET /users/2');
    expect(error.message).toMatch(/\/body\/name\s+.*"Bob".*"Grace"/);
  });
});

describe('a Koa app', () => {
  test('passes through app.callback()', async () => {
    const response = await expectMatchesExample(koaApp().callback(), USERS, 'not found', options);
    expect(response.status).toBe(404);
  });

  test('passes when given the app itself', async () => {
    await expectMatchesExample(koaApp(), USERS, 'OK', options);
  });

  test('fails an example whose status differs', async () => {
    const error = await assertionError(
      expectMatchesExample(koaApp().callback(), USERS, 'gone', options),
    );
    expect(mismatchKinds(error)).toEqual([['/status', 'status']]);
    expect(error.message).toMatch(/\/status\s+expected 410, got 404/);
  });
});

describe('a node request listener', () => {
  test('passes an example it honours', async () => {
    await expectMatchesExample(nodeListener, USERS, 'OK', options);
  });

  test('fails an example whose body has a key the response lacks', async () => {
    const error = await assertionError(
      expectMatchesExample(nodeListener, USERS, 'with email', options),
    );
    expect(mismatchKinds(error)).toEqual([['/body/email', 'missing']]);
  });
});

describe('an http.Server', () => {
  test('passes whether or not it is listening, and is left as it was', async () => {
    const idle = nodeServer();
    await expectMatchesExample(idle, USERS, 'OK', options);
    expect(idle.listening).toBe(false);

    const running = nodeServer();
    await new Promise<void>((done) => running.listen(0, '127.0.0.1', done));
    try {
      await expectMatchesExample(running, USERS, 'OK', options);
      expect(running.listening).toBe(true);
    } finally {
      await new Promise((done) => running.close(done));
    }
  });

  test('fails an example whose header value differs', async () => {
    const error = await assertionError(
      expectMatchesExample(nodeServer(), USERS, 'uncached', options),
    );
    expect(mismatchKinds(error)).toEqual([['/headers/cache-control', 'header']]);
    expect(error.failures[0]?.mismatches[0]?.actual).toBe('private');
  });
});

describe('a Fastify instance', () => {
  const app = fastifyApp();
  afterAll(() => app.close());

  test('passes an example it honours, through inject', async () => {
    const response = await expectMatchesExample(app, USERS, 'OK', options);
    expect(response.body).toEqual({ id: 1, name: 'Ada' });
    expect(app.server.listening).toBe(false);
  });

  test('fails an example whose header value differs', async () => {
    const error = await assertionError(expectMatchesExample(app, USERS, 'uncached', options));
    expect(mismatchKinds(error)).toEqual([['/headers/cache-control', 'header']]);
  });
});

describe('a Hono app', () => {
  const app = honoApp();

  test('passes as an object with a fetch method', async () => {
    await expectMatchesExample(app, USERS, 'OK', options);
  });

  test('passes as a fetch handler, app.fetch', async () => {
    const response = await expectMatchesExample(app.fetch, USERS, 'not found', options);
    expect(response.body).toEqual({ detail: 'Not found.' });
  });

  test('fails an example whose body has a key the response lacks', async () => {
    const error = await assertionError(
      expectMatchesExample(app.fetch, USERS, 'with email', options),
    );
    expect(mismatchKinds(error)).toEqual([['/body/email', 'missing']]);
  });

  test('fails a plain fetch handler on a status', async () => {
    const handler = (request: Request) =>
      new Response(JSON.stringify({ seen: new URL(request.url).pathname }), { status: 500 });
    const error = await assertionError(expectMatchesExample(handler, USERS, 'not found', options));
    expect(mismatchKinds(error)).toContainEqual(['/status', 'status']);
  });
});

describe('a base URL of a running service', () => {
  const server = expressApp().listen(0, '127.0.0.1');
  let base = '';
  beforeAll(async () => {
    if (!server.listening) await new Promise((done) => server.once('listening', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((done) => server.close(done)));

  test('passes an example over real HTTP', async () => {
    const response = await expectMatchesExample(base, USERS, 'OK', options);
    expect(response.headers['cache-control']).toBe('private');
  });

  test('keeps the base URL path before the example path', async () => {
    const error = await assertionError(expectMatchesExample(`${base}/api/`, USERS, 'OK', options));
    expect(error.message).toContain('GET /users/1?verbose=0');
    expect(error.response?.status).toBe(404);
  });

  test('fails an example whose body value differs', async () => {
    const error = await assertionError(expectMatchesExample(base, USERS, 'renamed', options));
    expect(mismatchKinds(error)).toEqual([['/body/name', 'value']]);
  });

  test('runs the safe examples of many contracts, as the deployer smoke test does', async () => {
    const report = await verifyProvider(base, ['users/', 'notes/'], {
      root: ROOT,
      throw: false,
      filter: (_contract, example) => example.request.method === 'GET',
    });
    expect(report.skipped.map((entry) => entry.label)).toEqual(['created', 'saved', 'shouted']);
    expect(report.passed.map((entry) => entry.label)).toEqual(['OK', 'not found', 'two tags']);
    expect(report.failed).toHaveLength(5);
  });
});

describe('a base URL nothing listens on', () => {
  test('fails with the URL and the reason', async () => {
    const server = createServer();
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    await new Promise((done) => server.close(done));
    const error = await expectMatchesExample(
      `http://127.0.0.1:${port}`,
      USERS,
      'OK',
      options,
    ).catch((thrown: unknown) => thrown);
    expect((error as AbeError).code).toBe('provider.target');
    expect((error as AbeError).message).toContain(
      `GET http://127.0.0.1:${port}/users/1?verbose=0 failed: ECONNREFUSED`,
    );
  });
});
