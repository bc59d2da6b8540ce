import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

const SECRET = 's3cret-token-1234';

// Two examples of one state with different params, one with a secret in its params, and one
// with a state that has none.
const USERS = {
  url: '/users/[0-9]+',
  method: 'GET',
  examples: {
    Ada: {
      state: { name: 'user exists', params: { id: 1, name: 'Ada' } },
      request: { url: '/users/1' },
      response: { status: 200, body: { id: 1, name: 'Ada' } },
    },
    Grace: {
      state: { name: 'user exists', params: { id: 7, name: 'Grace', token: SECRET } },
      request: { url: '/users/7' },
      response: { status: 200, body: { id: 7, name: 'Grace' } },
    },
    nobody: {
      state: 'no users',
      request: { url: '/users/9' },
      response: { status: 404, body: { detail: 'Not found.' } },
    },
  },
};

interface App {
  readonly url: string;
  /** What the app saw, in order: requests as `METHOD /path`, state calls as their bodies. */
  readonly events: unknown[];
  close(): Promise<void>;
}

/** A users API whose state endpoint inserts the user its params name, as a Pact provider would. */
async function startApp(): Promise<App> {
  const users = new Map<number, { id: number; name: string }>();
  const events: unknown[] = [];
  const app = express();
  app.use(express.json());
  app.post('/_pact/state', (req, res) => {
    events.push(req.body);
    const { state, params, action } = req.body as {
      state: string;
      params: { id?: number; name?: string };
      action: string;
    };
    if (state === 'user exists') {
      const id = Number(params.id);
      if (action === 'setup') users.set(id, { id, name: String(params.name) });
      else users.delete(id);
    }
    res.json({});
  });
  app.post('/_broken/state', (req, res) => {
    events.push(req.body);
    res.status(500).type('text/plain').send('database is down');
  });
  app.get('/users/:id', (req, res) => {
    events.push(`GET ${req.originalUrl}`);
    const user = users.get(Number(req.params.id));
    if (user === undefined) res.status(404).json({ detail: 'Not found.' });
    else res.json(user);
  });
  const server: Server = createServer(app);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    events,
    close: () =>
      new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

let app: App;
let dir: string;
beforeAll(async () => {
  app = await startApp();
  dir = await mkdtemp(join(tmpdir(), 'abe-state-params-'));
  await mkdir(join(dir, 'contracts'));
  await writeFile(join(dir, 'contracts', 'users.json'), JSON.stringify(USERS, null, 2));
});
afterAll(async () => {
  await app.close();
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  app.events.length = 0;
});

function verify(args: readonly string[]) {
  return runCli(['verify', app.url, 'contracts', ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH },
  });
}

describe('abe verify with states that have params', () => {
  test('posts each state with its params, in setup and in teardown', async () => {
    const run = await verify(['--state-setup-url', `${app.url}/_pact/state`]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const ada = { id: 1, name: 'Ada' };
    const grace = { id: 7, name: 'Grace', token: SECRET };
    expect(app.events).toEqual([
      { state: 'user exists', params: ada, action: 'setup' },
      'GET /users/1',
      { state: 'user exists', params: ada, action: 'teardown' },
      { state: 'user exists', params: grace, action: 'setup' },
      'GET /users/7',
      { state: 'user exists', params: grace, action: 'teardown' },
      { state: 'no users', params: {}, action: 'setup' },
      'GET /users/9',
      { state: 'no users', params: {}, action: 'teardown' },
    ]);
  });

  test('without a state URL, the usage error lists each state with its params', async () => {
    const run = await verify([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `provider states "user exists" {"id":1,"name":"Ada"}, "user exists" {"id":7,"name":"Grace","token":"${SECRET}"}, "no users", and no --state-setup-url`,
    );
    expect(app.events).toEqual([]);
  });

  test('a failed state setup names the state with its params', async () => {
    const stateUrl = `${app.url}/_broken/state`;
    const run = await verify(['--state-setup-url', stateUrl, '--only', '#Ada']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `the state setup POST to ${stateUrl} for "user exists" {"id":1,"name":"Ada"} answered 500 Internal Server Error: database is down`,
    );
  });

  test('the JSON report gives each state its params, with header values still masked', async () => {
    const run = await verify([
      '--state-setup-url',
      `${app.url}/_pact/state`,
      '--header',
      `X-Token: ${SECRET}`,
      '--reporter',
      'json',
    ]);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { examples: Record<string, unknown>[] };
    expect(
      report.examples.map(({ label, state, stateParams }) => ({ label, state, stateParams })),
    ).toEqual([
      { label: 'Ada', state: 'user exists', stateParams: { id: 1, name: 'Ada' } },
      { label: 'Grace', state: 'user exists', stateParams: { id: 7, name: 'Grace', token: '***' } },
      { label: 'nobody', state: 'no users', stateParams: {} },
    ]);
    expect(run.stdout).not.toContain(SECRET);
  });
});
