import http from 'node:http';
import { fileURLToPath } from 'node:url';
import axios from 'axios';
import ky from 'ky';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { abeMocks, mockFromAbe } from '../../src/msw/index.js';

// Four consumers written the way applications write them, each against the same contracts:
// each must get the right example, and each must fail on a request no example allows.

const contracts = fileURLToPath(new URL('../../fixtures/msw/contracts/', import.meta.url));
const API = 'http://users.example.test';
const server = setupServer(...mockFromAbe(contracts, { baseUrl: API }));

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => abeMocks.reset());
afterAll(() => server.close());

interface Reply {
  readonly status: number;
  readonly body: unknown;
}

/** A consumer: creates a user, and reads one. */
interface UsersClient {
  create(payload: Record<string, string>): Promise<Reply>;
  get(id: number, token?: string): Promise<Reply>;
}

const viaFetch: UsersClient = {
  async create(payload) {
    const response = await fetch(`${API}/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });
    return { status: response.status, body: await response.json() };
  },
  async get(id) {
    const response = await fetch(`${API}/users/${id}`);
    return { status: response.status, body: await response.json() };
  },
};

const axiosClient = axios.create({ baseURL: API, adapter: 'http', validateStatus: () => true });
const viaAxios: UsersClient = {
  async create(payload) {
    const response = await axiosClient.post('/users', payload);
    return { status: response.status, body: response.data };
  },
  async get(id) {
    const response = await axiosClient.get(`/users/${id}`);
    return { status: response.status, body: response.data };
  },
};

const kyClient = ky.create({ prefixUrl: API, throwHttpErrors: false, retry: 0 });
const viaKy: UsersClient = {
  async create(payload) {
    const response = await kyClient.post('users', { json: payload });
    return { status: response.status, body: await response.json() };
  },
  async get(id) {
    const response = await kyClient.get(`users/${id}`);
    return { status: response.status, body: await response.json() };
  },
};

function nodeHttp(method: string, path: string, payload?: unknown): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const body = payload === undefined ? undefined : JSON.stringify(payload);
    // Through the module object: msw patches `http.request`, which an ESM named import
    // (`import { request } from 'node:http'`) would bypass (mswjs/interceptors#201).
    const outgoing = http.request(
      `${API}${path}`,
      {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
      },
      (incoming) => {
        let text = '';
        incoming.setEncoding('utf8');
        incoming.on('data', (chunk: string) => {
          text += chunk;
        });
        incoming.on('end', () =>
          resolve({ status: incoming.statusCode ?? 0, body: JSON.parse(text) }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
const viaNodeHttp: UsersClient = {
  create: (payload) => nodeHttp('POST', '/users', payload),
  get: (id) => nodeHttp('GET', `/users/${id}`),
};

// Each consumer with the network error it sees when no example allows its request.
const consumers: [string, UsersClient, string][] = [
  ['global fetch', viaFetch, 'Failed to fetch'],
  ['axios (node http adapter)', viaAxios, 'Network error'],
  ['ky', viaKy, 'Failed to fetch'],
  ['node:http.request', viaNodeHttp, 'Network error'],
];

describe.each(consumers)('a consumer using %s', (_name, client, networkError) => {
  test('gets the example its request matches', async () => {
    expect(await client.get(1)).toEqual({ status: 200, body: { id: 1, username: 'ada' } });
    expect(await client.get(9)).toEqual({ status: 404, body: { detail: 'Not found.' } });
    expect(await client.create({ username: 'ada' })).toEqual({
      status: 201,
      body: { id: 2, username: 'ada' },
    });
    expect(abeMocks.violations()).toEqual([]);
  });

  test('fails, and the violation names the endpoint, nearest example and mismatches, when it sends a body no example allows', async () => {
    await expect(client.create({ name: 'ada' })).rejects.toThrow(networkError);
    expect(() => abeMocks.assertNoViolations()).toThrow(
      /POST http:\/\/users\.example\.test\/users is not allowed by any example of POST \/users \(.*create\.json\)\.\nNearest example: "created"\n {2}\/body\/username +missing, expected "ada"\n {2}\/body\/name +unexpected "ada"/,
    );
  });
});
