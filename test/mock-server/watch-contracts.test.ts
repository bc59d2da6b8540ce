import { cp, mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { MockContracts } from '../../src/mock-server/mock-contracts.js';
import { type MockServer, startMockServer } from '../../src/mock-server/start-mock-server.js';
import { type ContractWatch, watchContracts } from '../../src/mock-server/watch-contracts.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/msw/contracts/', import.meta.url));

let dir: string;
let server: MockServer;
let watch: ContractWatch;
let reloads = 0;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'abe-mock-watch-'));
  await cp(join(FIXTURES, 'users'), join(dir, 'contracts/users'), { recursive: true });
  const inputs = [{ pattern: 'contracts', cwd: dir }];
  const contracts = MockContracts.load(inputs);
  server = await startMockServer({ contracts, port: 0 });
  reloads = 0;
  watch = await watchContracts(contracts, inputs, { onReload: () => (reloads += 1) });
});
afterEach(async () => {
  await watch.close();
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

async function admin<T>(path: string): Promise<T> {
  return (await (await fetch(`${server.origin}/__abe/${path}`)).json()) as T;
}

/** Polls until `check` holds, for at most 10 seconds; the last value is returned either way. */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let tries = 0; tries < 200 && !check(value); tries += 1) {
    await sleep(50);
    value = await read();
  }
  return value;
}

const names = async (): Promise<string[]> =>
  (await admin<{ endpoints: { name: string }[] }>('endpoints')).endpoints.map((e) => e.name);

const user = (id: number, name: string): string =>
  `${JSON.stringify(
    {
      url: '/users/[0-9]+',
      method: 'GET',
      examples: {
        OK: { request: { url: `/users/${id}` }, response: { status: 200, body: { name } } },
      },
    },
    null,
    2,
  )}\n`;

describe('--watch', () => {
  test('an edited file is served in its new version', async () => {
    await writeFile(join(dir, 'contracts/users/get.json'), user(5, 'grace'));
    const answer = await eventually(
      async () => (await fetch(`${server.origin}/users/5`)).status,
      (status) => status === 200,
    );
    expect(answer).toBe(200);
    expect(await (await fetch(`${server.origin}/users/5`)).json()).toEqual({ name: 'grace' });
    expect((await fetch(`${server.origin}/users/1`)).status).toBe(422);
  });

  test('a new file is added and a deleted one removed', async () => {
    await writeFile(
      join(dir, 'contracts/ping.json'),
      JSON.stringify({
        url: '/ping',
        method: 'GET',
        examples: { OK: { response: { status: 200, body: 'pong' } } },
      }),
    );
    const added = await eventually(names, (list) =>
      list.includes('GET /ping (contracts/ping.json)'),
    );
    expect(added).toContain('GET /ping (contracts/ping.json)');
    await unlink(join(dir, 'contracts/users/create.json'));
    const removed = await eventually(
      names,
      (list) => !list.some((name) => name.startsWith('POST')),
    );
    expect(removed).not.toContain('POST /users (contracts/users/create.json)');
    expect(removed).toContain('GET /ping (contracts/ping.json)');
  });

  test('a broken file keeps its last good version and is listed until it is fixed', async () => {
    await writeFile(join(dir, 'contracts/users/get.json'), '{\n  "url": "/users/[0-9]+",\n}\n');
    const broken = await eventually(
      () => admin<{ problems: { file: string; line: number; message: string }[] }>('problems'),
      (body) => body.problems.length > 0,
    );
    expect(broken.problems).toEqual([
      expect.objectContaining({ file: 'contracts/users/get.json', line: 2 }),
    ]);
    expect(broken.problems[0]?.message).toMatch(/contracts\/users\/get\.json:2:\d+/);
    // The last good version still answers.
    expect((await fetch(`${server.origin}/users/1`)).status).toBe(200);
    await writeFile(join(dir, 'contracts/users/get.json'), user(5, 'grace'));
    const fixed = await eventually(
      () => admin<{ problems: unknown[] }>('problems'),
      (body) => body.problems.length === 0,
    );
    expect(fixed.problems).toEqual([]);
    expect((await fetch(`${server.origin}/users/5`)).status).toBe(200);
    expect(reloads).toBeGreaterThanOrEqual(2);
  });
});
