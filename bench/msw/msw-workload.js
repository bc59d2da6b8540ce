// The workload of bench/msw, also measured by bench/ledger: CONTRACTS contracts of 3 examples
// each (OK, not found, unauthenticated) under API, and the fetch both benches time, to the
// endpoint in the middle. One module, so that both benches time the same requests.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export const CONTRACTS = 1000;
export const API = 'https://api.example.test';
// A request to an endpoint in the middle: hand-written handlers are scanned in order.
export const TARGET = CONTRACTS / 2;

/** The "OK" body of service `index`. */
export function item(index) {
  return { id: 1, name: `item ${index}`, tags: ['x', 'y'], owner: { id: 7, username: 'alice' } };
}

/**
 * Writes `svc<index>/items.json` for every one of the CONTRACTS services into `dir`.
 *
 * @example
 * writeMswContracts(contracts);
 * const server = setupServer(...mockFromAbe(contracts, { baseUrl: API }));
 */
export function writeMswContracts(dir) {
  for (let index = 0; index < CONTRACTS; index += 1) {
    const base = `/svc${index}/items`;
    const contract = {
      description: `Retrieve an item of service ${index}`,
      url: `${base}/[0-9]+`,
      method: 'GET',
      examples: {
        OK: {
          request: { url: `${base}/1`, headers: { Authorization: 'Bearer token' } },
          response: {
            status: 200,
            headers: { 'Content-Type': 'application/json' },
            body: item(index),
          },
        },
        'not found': {
          request: { url: `${base}/9`, headers: { Authorization: 'Bearer token' } },
          response: { status: 404, body: { detail: 'Not found.' } },
        },
        unauthenticated: {
          request: { url: `${base}/1` },
          response: { status: 401, body: { detail: 'Sign in first.' } },
        },
      },
    };
    mkdirSync(join(dir, `svc${index}`), { recursive: true });
    writeFileSync(join(dir, `svc${index}`, 'items.json'), JSON.stringify(contract, null, 2));
  }
}

/**
 * Fetches the TARGET item `count` times through whatever msw server is listening, pushing each
 * latency in milliseconds to `sink` (none: a warm-up). Throws on any answer but the OK example.
 *
 * @example
 * const latencies = [];
 * await timeFetches(300, latencies);
 */
export async function timeFetches(count, sink) {
  for (let request = 0; request < count; request += 1) {
    const start = performance.now();
    const response = await fetch(`${API}/svc${TARGET}/items/1`, {
      headers: { authorization: 'Bearer token' },
    });
    const body = await response.json();
    const elapsed = performance.now() - start;
    if (response.status !== 200 || body.name !== `item ${TARGET}`) {
      throw new Error(`msw: unexpected response ${response.status} ${JSON.stringify(body)}`);
    }
    sink?.push(elapsed);
  }
}
