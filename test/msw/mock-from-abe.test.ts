import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { abeMocks, mockFromAbe } from '../../src/msw/index.js';

const contracts = fileURLToPath(new URL('../../fixtures/msw/contracts/', import.meta.url));
const API = 'https://api.example.test';

const unhandled: string[] = [];
const server = setupServer(...mockFromAbe(contracts));
let network: Server;
let networkUrl: string;

beforeAll(async () => {
  // A real server behind the mocks: requests no contract describes must reach it.
  network = createServer((_request, response) => response.end('from the network'));
  network.listen(0, '127.0.0.1');
  await once(network, 'listening');
  networkUrl = `http://127.0.0.1:${(network.address() as AddressInfo).port}`;
  server.listen({
    onUnhandledRequest: (request) => void unhandled.push(`${request.method} ${request.url}`),
  });
});
afterEach(() => {
  server.resetHandlers();
  abeMocks.reset();
  unhandled.length = 0;
});
afterAll(async () => {
  server.close();
  network.close();
  await once(network, 'close');
});

describe('mockFromAbe answers with examples', () => {
  test('a GET gets the example whose url it requests, with status, headers and JSON body', async () => {
    const ok = await fetch(`${API}/users/1`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/json');
    expect(await ok.json()).toEqual({ id: 1, username: 'ada' });

    const missing = await fetch(`${API}/users/9`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/json');
    expect(await missing.json()).toEqual({ detail: 'Not found.' });
  });

  test('a pattern with a regex part and an escaped dot serves a text body with its content type', async () => {
    const response = await fetch(`${API}/files/readme.txt`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain');
    expect(await response.text()).toBe('Read me.');
  });

  test('a string body is sent as the text it is, with the content type the example declares', async () => {
    const response = await fetch(`${API}/scripts/app.js`);
    expect(response.headers.get('content-type')).toBe('application/javascript');
    expect(await response.text()).toBe("console.log('hello');");
  });

  test('an auth header picks "OK" over "unauthenticated" on a :id pattern, and its absence picks "unauthenticated"', async () => {
    const signedIn = await fetch(`${API}/projects/7`, {
      headers: { authorization: 'Bearer secret' },
    });
    expect(signedIn.status).toBe(200);
    expect(await signedIn.json()).toEqual({ id: 7, name: 'abe' });

    const anonymous = await fetch(`${API}/projects/7`);
    expect(anonymous.status).toBe(401);
    expect(abeMocks.usedExamples().map(({ label, count }) => [label, count])).toEqual([
      ['OK', 1],
      ['unauthenticated', 1],
    ]);
  });

  test('repeated query keys select the example that lists them, over the one with no query', async () => {
    const tagged = await fetch(`${API}/projects?tag=api&tag=ts`);
    expect(await tagged.json()).toEqual([{ id: 7 }]);
    const all = await fetch(`${API}/projects`);
    expect(await all.json()).toEqual([{ id: 7 }, { id: 8 }]);
  });

  test('a JSON request body that matches gets the example, with its extra response headers', async () => {
    const response = await fetch(`${API}/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ username: 'ada' }),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe('/users/2');
    expect(abeMocks.violations()).toEqual([]);
  });

  test('a text request body is compared as text', async () => {
    const saved = await fetch(`${API}/notes`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'remember the milk',
    });
    expect(saved.status).toBe(201);
    expect(saved.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await saved.text()).toBe('saved');

    await expect(
      fetch(`${API}/notes`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: 'forget the milk',
      }),
    ).rejects.toThrow();
    expect(abeMocks.violations()[0]?.mismatches.map((mismatch) => mismatch.path)).toEqual([
      '/body',
    ]);
  });

  test('usedExamples() lists each example that answered, with its contract and count', async () => {
    await fetch(`${API}/users/1`);
    await fetch(`${API}/users/1`);
    expect(abeMocks.usedExamples()).toEqual([
      {
        source: expect.stringMatching(/users[\\/]get\.json$/),
        method: 'GET',
        url: '/users/[0-9]+',
        label: 'OK',
        count: 2,
      },
    ]);
  });
});

describe('mockFromAbe rejects requests no example allows', () => {
  test('the consumer call fails with a network error, and the violation names the endpoint, nearest example and mismatches', async () => {
    const sent = fetch(`${API}/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'ada' }),
    });
    await expect(sent).rejects.toThrow(TypeError);

    const [violation] = abeMocks.violations();
    expect(violation?.endpoint).toMatch(/^POST \/users \(.*users[\\/]create\.json\)$/);
    expect(violation?.nearest).toBe('created');
    expect(violation?.mismatches.map(({ path, kind }) => [path, kind])).toEqual(
      expect.arrayContaining([
        ['/body/username', 'missing'],
        ['/body/name', 'unexpected'],
      ]),
    );
    expect(violation?.message).toContain(`POST ${API}/users is not allowed by any example of`);
    expect(violation?.message).toContain('Nearest example: "created"');
    expect(violation?.message).toContain('/body/username');
  });

  test('assertNoViolations() throws every violation with its explanation, then starts afresh', async () => {
    await fetch(`${API}/users/5`).catch(() => 'swallowed');
    expect(() => abeMocks.assertNoViolations()).toThrow(
      expect.objectContaining({
        code: 'msw.unmatched-request',
        message: expect.stringMatching(
          /1 request failed against the contracts[\s\S]*GET https:\/\/api\.example\.test\/users\/5 is not allowed by any example of GET \/users\/\[0-9\]\+[\s\S]*Nearest example: "OK"[\s\S]*\/url/,
        ),
      }),
    );
    expect(() => abeMocks.assertNoViolations()).not.toThrow();
  });

  test('extra query parameters are allowed, and a path outside the url pattern is not the endpoint', async () => {
    expect((await fetch(`${API}/users/1?expand=team`)).status).toBe(200);
    const outside = await fetch(`${networkUrl}/files/README.txt`);
    expect(await outside.text()).toBe('from the network');
    expect(unhandled).toEqual([`GET ${networkUrl}/files/README.txt`]);
    expect(abeMocks.violations()).toEqual([]);
  });
});

describe('mockFromAbe leaves other requests to msw', () => {
  test('a method or path no contract describes falls through to onUnhandledRequest and the network', async () => {
    const deleted = await fetch(`${networkUrl}/users/1`, { method: 'DELETE' });
    expect(await deleted.text()).toBe('from the network');
    const elsewhere = await fetch(`${networkUrl}/orders/1`);
    expect(await elsewhere.text()).toBe('from the network');
    expect(unhandled).toEqual([`DELETE ${networkUrl}/users/1`, `GET ${networkUrl}/orders/1`]);
    expect(abeMocks.violations()).toEqual([]);
  });
});

describe('pinning an example', () => {
  test('server.use with opts.example makes the endpoint answer with that example until reset', async () => {
    server.use(...mockFromAbe(`${contracts}/users/get.json`, { example: 'not found' }));
    expect((await fetch(`${API}/users/1`)).status).toBe(404);
    server.resetHandlers();
    expect((await fetch(`${API}/users/1`)).status).toBe(200);
    // One record per contract file and label, whichever handler served it.
    expect(abeMocks.usedExamples().map(({ label, count }) => [label, count])).toEqual([
      ['not found', 1],
      ['OK', 1],
    ]);
  });

  test('opts.examples pins by the end of the file path, and a pinned endpoint still rejects bad requests', async () => {
    server.use(...mockFromAbe(contracts, { examples: { 'projects/get.json': 'unauthenticated' } }));
    const response = await fetch(`${API}/projects/7`, {
      headers: { authorization: 'Bearer secret' },
    });
    expect(response.status).toBe(401);
    await fetch(`${API}/projects/8`).catch(() => 'swallowed');
    expect(abeMocks.violations()).toHaveLength(1);
  });
});
