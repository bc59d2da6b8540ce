import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { AbeError } from '../../src/core/abe-error.js';
import { MockContracts } from '../../src/mock-server/mock-contracts.js';
import { type MockServer, startMockServer } from '../../src/mock-server/start-mock-server.js';

const CONTRACTS = fileURLToPath(new URL('../../fixtures/msw/contracts/', import.meta.url));

function load(): MockContracts {
  return MockContracts.load([{ pattern: '.', cwd: CONTRACTS }]);
}

let server: MockServer;
const seen: string[] = [];

beforeAll(async () => {
  server = await startMockServer({
    contracts: load(),
    port: 0,
    onViolation: (violation) => seen.push(violation.kind),
  });
});
afterAll(() => server.close());
afterEach(async () => {
  await fetch(`${server.origin}/__abe/reset`, { method: 'POST' });
  seen.length = 0;
});

async function json(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}

describe('abe mock answers with the examples', () => {
  test('a GET gets the example whose url it requests, with status, headers and JSON body', async () => {
    const ok = await fetch(`${server.origin}/users/1`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/json');
    expect(await ok.json()).toEqual({ id: 1, username: 'ada' });
    const missing = await fetch(`${server.origin}/users/9`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ detail: 'Not found.' });
  });

  test('a string body is sent as text with the content type the example declares', async () => {
    const response = await fetch(`${server.origin}/scripts/app.js`);
    expect(response.headers.get('content-type')).toBe('application/javascript');
    expect(await response.text()).toBe("console.log('hello');");
  });

  test('the most specific example wins: the query parameters pick "tagged" over "all"', async () => {
    const tagged = await fetch(`${server.origin}/projects?tag=api&tag=ts`);
    expect(await tagged.json()).toEqual([{ id: 7 }]);
    const all = await fetch(`${server.origin}/projects`);
    expect(await all.json()).toEqual([{ id: 7 }, { id: 8 }]);
  });

  test('a POST whose headers and JSON body match gets the example, with its Location header', async () => {
    const response = await fetch(`${server.origin}/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ada' }),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe('/users/2');
    expect(await response.json()).toEqual({ id: 2, username: 'ada' });
    const used = await json(await fetch(`${server.origin}/__abe/used`));
    expect(used.used).toEqual([
      { source: 'users/create.json', method: 'POST', url: '/users', label: 'created', count: 1 },
    ]);
  });
});

describe('abe mock refuses what the contracts do not allow', () => {
  test('a request no example allows gets a 422 problem document with the mismatches, and is recorded', async () => {
    const response = await fetch(`${server.origin}/users?x=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bob' }),
    });
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = await json(response);
    expect(problem).toMatchObject({
      type: 'https://abe-ts.dev/problems/unmatched-request',
      status: 422,
      endpoint: 'POST /users (users/create.json)',
      source: 'users/create.json',
      nearest: 'created',
    });
    expect(typeof problem.title).toBe('string');
    expect(problem.detail).toContain(
      `POST ${server.origin}/users?x=1 is not allowed by any example of POST /users (users/create.json).`,
    );
    expect(problem.detail).toContain('Nearest example: "created"');
    expect(problem.mismatches).toEqual([
      expect.objectContaining({ path: '/body/username', expected: 'ada', actual: 'bob' }),
    ]);
    const recorded = await json(await fetch(`${server.origin}/__abe/violations`));
    expect(recorded.violations).toEqual([
      expect.objectContaining({ kind: 'unmatched', message: problem.detail }),
    ]);
    expect(seen).toEqual(['unmatched']);
  });

  test('a request whose header differs from every example is refused: the content type is compared', async () => {
    const response = await fetch(`${server.origin}/users`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ username: 'ada' }),
    });
    expect(response.status).toBe(422);
    const problem = await json(response);
    expect(problem.mismatches).toContainEqual(
      expect.objectContaining({ path: '/headers/content-type', kind: 'header' }),
    );
  });

  test('a request to no endpoint gets a 404 problem document listing the endpoints', async () => {
    const response = await fetch(`${server.origin}/nowhere`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = await json(response);
    expect(problem.type).toBe('https://abe-ts.dev/problems/no-endpoint');
    expect(problem.endpoints).toContain('GET /users/[0-9]+ (users/get.json)');
    expect(problem.detail).toContain('GET /users/[0-9]+ (users/get.json)');
    const recorded = await json(await fetch(`${server.origin}/__abe/violations`));
    expect(recorded.violations).toEqual([expect.objectContaining({ kind: 'no-endpoint' })]);
  });
});

describe('a request body past 10 MiB', () => {
  test('gets a 413 problem document, is not recorded, and the mock goes on serving', async () => {
    const response = await fetch(`${server.origin}/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'x'.repeat(10 * 1024 * 1024) }),
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await json(response)).toEqual({
      type: 'https://abe-ts.dev/problems/body-too-large',
      title: 'Request body too large',
      status: 413,
      detail: 'POST /users: the request body is larger than 10 MiB, the most abe mock reads.',
    });
    expect(seen).toEqual([]);
    expect((await fetch(`${server.origin}/users/1`)).status).toBe(200);
  });

  test('a body of exactly 10 MiB is read and compared', async () => {
    const body = 'x'.repeat(10 * 1024 * 1024);
    const response = await fetch(`${server.origin}/users`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body,
    });
    expect(response.status).toBe(422);
    expect(seen).toEqual(['unmatched']);
  });
});

describe('the Abe-Example header', () => {
  test('a label answers with that example when some example allows the request', async () => {
    const response = await fetch(`${server.origin}/users/1`, {
      headers: { 'abe-example': 'not found' },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ detail: 'Not found.' });
  });

  test('pinning never relaxes the request check', async () => {
    const response = await fetch(`${server.origin}/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'abe-example': 'created' },
      body: JSON.stringify({ username: 'bob' }),
    });
    expect(response.status).toBe(422);
  });

  test('an unknown label gets a 400 naming the labels, with a suggestion, and is recorded', async () => {
    const response = await fetch(`${server.origin}/users/1`, {
      headers: { 'abe-example': 'not fund' },
    });
    expect(response.status).toBe(400);
    const problem = await json(response);
    expect(problem.type).toBe('https://abe-ts.dev/problems/unknown-example');
    expect(problem.labels).toEqual(['OK', 'not found']);
    expect(problem.detail).toContain('Did you mean "not found"?');
    expect(seen).toEqual(['unknown-example']);
  });
});

describe('the admin API', () => {
  test('health counts the endpoints and endpoints lists them with their labels', async () => {
    const health = await json(await fetch(`${server.origin}/__abe/health`));
    const { endpoints } = (await json(await fetch(`${server.origin}/__abe/endpoints`))) as {
      endpoints: { name: string; labels: string[] }[];
    };
    expect(health).toEqual({ status: 'ok', endpoints: endpoints.length });
    expect(endpoints.length).toBeGreaterThan(3);
    expect(endpoints).toContainEqual(
      expect.objectContaining({
        name: 'GET /users/[0-9]+ (users/get.json)',
        labels: ['OK', 'not found'],
      }),
    );
  });

  test('PUT /__abe/pins pins a contract, DELETE unpins it', async () => {
    const put = await fetch(`${server.origin}/__abe/pins`, {
      method: 'PUT',
      body: JSON.stringify({ 'users/get.json': 'not found' }),
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual({ pins: { 'users/get.json': 'not found' } });
    expect((await fetch(`${server.origin}/users/1`)).status).toBe(404);
    const removed = await fetch(`${server.origin}/__abe/pins`, { method: 'DELETE' });
    expect(removed.status).toBe(204);
    expect((await fetch(`${server.origin}/users/1`)).status).toBe(200);
  });

  test('a pin to an unknown label or contract is a 400 with the error text, and the pins stay', async () => {
    await fetch(`${server.origin}/__abe/pins`, {
      method: 'PUT',
      body: JSON.stringify({ 'users/get.json': 'not found' }),
    });
    const badLabel = await fetch(`${server.origin}/__abe/pins`, {
      method: 'PUT',
      body: JSON.stringify({ 'users/get.json': 'not fund' }),
    });
    expect(badLabel.status).toBe(400);
    expect((await json(badLabel)).detail).toContain('Did you mean "not found"?');
    const badKey = await fetch(`${server.origin}/__abe/pins`, {
      method: 'PUT',
      body: JSON.stringify({ 'user/get.json': 'OK' }),
    });
    expect(badKey.status).toBe(400);
    expect((await json(badKey)).detail).toContain(
      '"user/get.json", which is none of the contracts',
    );
    const notJson = await fetch(`${server.origin}/__abe/pins`, { method: 'PUT', body: '[1]' });
    expect(notJson.status).toBe(400);
    expect((await fetch(`${server.origin}/users/1`)).status).toBe(404);
  });

  test('POST /__abe/reset forgets violations, used examples and pins', async () => {
    await fetch(`${server.origin}/__abe/pins`, {
      method: 'PUT',
      body: JSON.stringify({ 'users/get.json': 'not found' }),
    });
    await fetch(`${server.origin}/users/1`);
    await fetch(`${server.origin}/nowhere`);
    const reset = await fetch(`${server.origin}/__abe/reset`, { method: 'POST' });
    expect(reset.status).toBe(204);
    expect(await json(await fetch(`${server.origin}/__abe/violations`))).toEqual({
      violations: [],
    });
    expect(await json(await fetch(`${server.origin}/__abe/used`))).toEqual({ used: [] });
    expect((await fetch(`${server.origin}/users/1`)).status).toBe(200);
  });

  test('problems is empty without --watch trouble', async () => {
    expect(await json(await fetch(`${server.origin}/__abe/problems`))).toEqual({ problems: [] });
  });

  test('an unknown admin path is a 404 and a wrong method a 405 with Allow', async () => {
    const unknown = await fetch(`${server.origin}/__abe/helth`);
    expect(unknown.status).toBe(404);
    expect((await json(unknown)).type).toBe('https://abe-ts.dev/problems/no-admin-route');
    const wrong = await fetch(`${server.origin}/__abe/reset`);
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
    // Admin requests are never violations.
    expect(await json(await fetch(`${server.origin}/__abe/violations`))).toEqual({
      violations: [],
    });
  });
});

describe('options', () => {
  test('a base path is stripped before matching; paths outside it are a 404; admin stays at the root', async () => {
    const based = await startMockServer({ contracts: load(), port: 0, basePath: '/api' });
    try {
      expect((await fetch(`${based.origin}/api/users/1`)).status).toBe(200);
      expect((await fetch(`${based.origin}/users/1`)).status).toBe(404);
      expect((await fetch(`${based.origin}/apiusers/1`)).status).toBe(404);
      expect((await fetch(`${based.origin}/__abe/health`)).status).toBe(200);
    } finally {
      await based.close();
    }
  });

  test('with cors, a preflight is answered for any path and every answer allows the origin', async () => {
    const open = await startMockServer({ contracts: load(), port: 0, cors: true });
    try {
      const preflight = await fetch(`${open.origin}/anything/at/all`, {
        method: 'OPTIONS',
        headers: {
          origin: 'http://localhost:5173',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type, x-trace',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
      expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type, x-trace');
      expect(preflight.headers.get('access-control-max-age')).toBe('600');
      const created = await fetch(`${open.origin}/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://localhost:5173' },
        body: JSON.stringify({ username: 'ada' }),
      });
      expect(created.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      expect(created.headers.get('access-control-expose-headers')).toContain('Location');
      const anonymous = await fetch(`${open.origin}/users/1`);
      expect(anonymous.headers.get('access-control-allow-origin')).toBe('*');
    } finally {
      await open.close();
    }
    // Without --cors, none of it.
    const plain = await fetch(`${server.origin}/users/1`, { headers: { origin: 'http://x' } });
    expect(plain.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('a contract whose url can match under /__abe/ is refused at load', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'abe-mock-reserved-'));
    try {
      await writeFile(
        join(dir, 'admin.json'),
        JSON.stringify({
          url: '/[a-z_]+/health',
          method: 'GET',
          examples: { OK: { request: { url: '/x/health' }, response: { status: 200 } } },
        }),
      );
      let thrown: unknown;
      try {
        MockContracts.load([{ pattern: '.', cwd: dir }]);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(AbeError);
      expect((thrown as AbeError).code).toBe('mock.input');
      expect((thrown as AbeError).message).toContain('admin.json');
      expect((thrown as AbeError).message).toContain('/__abe/');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
