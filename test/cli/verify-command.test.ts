import { type ChildProcess, spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import express from 'express';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { parseXml, type XmlElement } from '../helpers/parse-xml.js';
import { runCli } from '../helpers/run-cli.js';

const FIXTURES = resolve('fixtures/verify');
const SECRET = 's3cret-token-1234';

interface App {
  readonly url: string;
  /** What the app saw, in order: requests as `METHOD /path`, state calls as their bodies. */
  readonly events: unknown[];
  readonly authorizations: (string | undefined)[];
  close(): Promise<void>;
}

/** The users API of fixtures/verify/contracts, with a Pact-style state endpoint. */
async function startApp(): Promise<App> {
  const users = new Map<number, { id: number; name: string }>();
  const events: unknown[] = [];
  const authorizations: (string | undefined)[] = [];
  const app = express();
  app.use(express.json());
  app.post('/_pact/state', (req, res) => {
    events.push(req.body);
    const { state, action } = req.body as { state: string; action: string };
    if (state === 'user 1 exists') {
      if (action === 'setup') users.set(1, { id: 1, name: 'Ada' });
      else users.delete(1);
    }
    res.json({});
  });
  app.post('/_broken/state', (req, res) => {
    events.push(req.body);
    res.status(500).type('text/plain').send('database is down');
  });
  app.use((req, _res, next) => {
    if (!req.path.startsWith('/_')) events.push(`${req.method} ${req.originalUrl}`);
    next();
  });
  app.get('/users/:id', (req, res) => {
    const user = users.get(Number(req.params.id));
    if (user === undefined) res.status(404).json({ detail: 'Not found.' });
    else res.json(user);
  });
  app.post('/users', (req, res) => {
    res.status(201).json({ id: 2, name: (req.body as { name: string }).name });
  });
  app.get('/whoami', (req, res) => {
    authorizations.push(req.headers.authorization);
    // Echoes the credential, as a careless app might: the output must still not show it.
    res.json({ user: req.headers.authorization ?? null });
  });
  app.get('/slow', () => {
    // Never answers.
  });
  const server = createServer(app);
  await listen(server);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    events,
    authorizations,
    close: () => closeServer(server),
  };
}

function listen(server: Server): Promise<void> {
  return new Promise((done) => server.listen(0, '127.0.0.1', done));
}

function closeServer(server: Server): Promise<void> {
  return new Promise((done) => {
    server.close(() => done());
    server.closeAllConnections();
  });
}

function verify(args: readonly string[], env: Record<string, string | undefined> = {}) {
  return runCli(['verify', ...args], { cwd: FIXTURES, env: { PATH: process.env.PATH, ...env } });
}

const SETUP = { state: 'user 1 exists', params: {}, action: 'setup' };
const TEARDOWN = { state: 'user 1 exists', params: {}, action: 'teardown' };

let app: App;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app.close();
});
afterEach(() => {
  app.events.length = 0;
  app.authorizations.length = 0;
});

describe('abe verify against an Express app', () => {
  test('sets up each state before its example and tears it down after, in order', async () => {
    const run = await verify([
      app.url,
      'contracts/users',
      '--state-setup-url',
      `${app.url}/_pact/state`,
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(app.events).toEqual(['POST /users', SETUP, 'GET /users/1', TEARDOWN, 'GET /users/9']);
    expect(run.stdout.split('\n').slice(0, 3)).toEqual([
      '✔ contracts/users/create.json  created  POST /users',
      '✔ contracts/users/get.json  OK  GET /users/1',
      '✔ contracts/users/get.json  not found  GET /users/9',
    ]);
    expect(run.stdout).toMatch(/\n3 examples: 3 passed, 0 failed, 0 skipped \(\d+\.\ds\)\n$/);
  });

  test('examples with states and no state URL are a usage error, and nothing is sent', async () => {
    const run = await verify([app.url, 'contracts/users']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('"user 1 exists"');
    expect(run.stderr).toContain('--state-setup-url');
    expect(run.stderr).toContain('--ignore-states');
    expect(run.stdout).toBe('');
    expect(app.events).toEqual([]);
  });

  test('--ignore-states sends them without setting up, and the failure is printed in full', async () => {
    const run = await verify([app.url, 'contracts/users', '--ignore-states']);
    expect(run.code).toBe(1);
    expect(app.events).toEqual(['POST /users', 'GET /users/1', 'GET /users/9']);
    expect(run.stdout).toContain('✖ contracts/users/get.json  OK  GET /users/1\n');
    expect(run.stdout).toContain('\ncontracts/users/get.json#OK  GET /users/1\n  /status');
    expect(run.stdout).toMatch(/\n3 examples: 2 passed, 1 failed, 0 skipped \(/);
  });

  test('a state URL answering 500 fails that example, naming the URL, status and body; others run', async () => {
    const stateUrl = `${app.url}/_broken/state`;
    const run = await verify([app.url, 'contracts/users', '--state-setup-url', stateUrl]);
    expect(run.code).toBe(1);
    // The request is not sent without its state; the teardown is still tried.
    expect(app.events).toEqual(['POST /users', SETUP, TEARDOWN, 'GET /users/9']);
    expect(run.stdout).toContain(
      `the state setup POST to ${stateUrl} for "user 1 exists" answered 500 Internal Server Error: database is down`,
    );
    expect(run.stdout).toContain('the state teardown POST');
    expect(run.stdout).toMatch(/3 examples: 2 passed, 1 failed, 0 skipped/);
  });

  test('--only and --method select examples, and the others are counted as skipped', async () => {
    const only = await verify([app.url, 'contracts/users', '--only', 'get.json#not']);
    expect(only.code).toBe(0);
    expect(app.events).toEqual(['GET /users/9']);
    expect(only.stdout).toContain('- contracts/users/get.json  OK  GET /users/1 (skipped)\n');
    expect(only.stdout).toMatch(/3 examples: 1 passed, 0 failed, 2 skipped/);

    app.events.length = 0;
    const method = await verify([app.url, 'contracts/users', '--method', 'post']);
    expect(method.code).toBe(0);
    expect(app.events).toEqual(['POST /users']);
    expect(method.stdout).toMatch(/3 examples: 1 passed, 0 failed, 2 skipped/);
  });

  test('a selection that selects nothing is a usage error listing example ids', async () => {
    const run = await verify([app.url, 'contracts/users', '--only', 'nope', '--method', 'GET']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--only nope --method GET selects none of the 3 examples');
    expect(run.stderr).toContain('contracts/users/get.json#not found (GET)');
    expect(app.events).toEqual([]);
  });

  test('a route that never answers fails on --timeout, and the run goes on', async () => {
    const run = await verify([
      app.url,
      'blocking/get.json',
      'contracts/users/create.json',
      '--timeout',
      '300ms',
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('✖ blocking/get.json  never  GET /slow\n');
    expect(run.stdout).toContain('no response within 300 ms');
    expect(run.stdout).toContain('✔ contracts/users/create.json  created  POST /users\n');
    expect(app.events).toEqual(['GET /slow', 'POST /users']);
  });

  test('Ctrl-C stops the run in flight with exit 130', async () => {
    const controller = new AbortController();
    const running = runCli(
      ['verify', app.url, 'blocking/get.json', 'contracts/users/create.json'],
      {
        cwd: FIXTURES,
        env: { PATH: process.env.PATH },
        signal: controller.signal,
      },
    );
    while (!app.events.includes('GET /slow')) await new Promise((done) => setTimeout(done, 10));
    controller.abort('SIGINT');
    const run = await running;
    expect(run.code).toBe(130);
    expect(run.stdout).toContain('Stopped (SIGINT).');
    expect(app.events).toEqual(['GET /slow']);
  });

  test('--header reaches the app, wins over the example header, and is masked everywhere', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'abe-verify-'));
    try {
      const summaryFile = join(dir, 'step-summary.md');
      const run = await verify(
        [
          app.url,
          'contracts/whoami',
          '--header',
          `Authorization: Bearer ${SECRET}`,
          '--reporter',
          `summary,json=${dir}/r.json,junit=${dir}/r.xml,summary=${dir}/s.txt,github`,
        ],
        { GITHUB_STEP_SUMMARY: summaryFile },
      );
      expect(app.authorizations).toEqual([`Bearer ${SECRET}`]);
      expect(run.code).toBe(1);
      const files = await Promise.all(
        ['r.json', 'r.xml', 's.txt', 'step-summary.md'].map((name) =>
          readFile(join(dir, name), 'utf8'),
        ),
      );
      for (const text of [run.stdout, run.stderr, ...files]) {
        expect(text).not.toContain(SECRET);
      }
      // The mismatch is still shown, with the secret masked.
      expect(run.stdout).toContain('/body/user  expected "alice", got "***"');
      expect(JSON.parse(files[0] as string).examples[0].mismatches[0].actual).toBe('***');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('abe verify reporters', () => {
  test('json on stdout is one versioned document, with the lines on stderr', async () => {
    const run = await verify([app.url, 'contracts/users', '--ignore-states', '--reporter', 'json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('✖ contracts/users/get.json  OK  GET /users/1');
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({
      version: 1,
      command: 'verify',
      ok: false,
      baseUrl: app.url,
      counts: { total: 3, passed: 2, failed: 1, skipped: 0 },
    });
    expect(report.examples[1]).toMatchObject({
      file: 'contracts/users/get.json',
      label: 'OK',
      method: 'GET',
      url: '/users/1',
      state: 'user 1 exists',
      outcome: 'failed',
      error: null,
      line: 6,
      column: 5,
    });
    expect(report.examples[1].mismatches).toContainEqual(
      expect.objectContaining({ path: '/status', kind: 'status', expected: 200, actual: 404 }),
    );
    expect(report.examples[2]).toMatchObject({
      label: 'not found',
      state: null,
      outcome: 'passed',
    });
    expect(typeof report.examples[2].durationMs).toBe('number');
  });

  test('junit has a testsuite per contract and a testcase per example, failures as printed', async () => {
    const run = await verify([
      app.url,
      'contracts/users',
      '--ignore-states',
      '--only',
      'get.json',
      '--reporter',
      'junit',
    ]);
    expect(run.code).toBe(1);
    const root = parseXml(run.stdout);
    expect(root.name).toBe('testsuites');
    expect(root.attributes.get('tests')).toBe('3');
    expect(root.attributes.get('failures')).toBe('1');
    expect(root.attributes.get('skipped')).toBe('1');
    const suites = root.children.map((suite) => suite.attributes.get('name'));
    expect(suites).toEqual(['contracts/users/create.json', 'contracts/users/get.json']);
    const cases = (root.children[1] as XmlElement).children;
    expect(cases.map((c) => c.attributes.get('name'))).toEqual([
      'OK  GET /users/1',
      'not found  GET /users/9',
    ]);
    const failure = cases[0]?.children[0];
    expect(failure?.name).toBe('failure');
    expect(failure?.text).toContain('contracts/users/get.json#OK  GET /users/1\n  /status');
    expect((root.children[0] as XmlElement).children[0]?.children[0]?.name).toBe('skipped');
  });

  test('github annotates each failed example at its line and column, and writes a step summary', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'abe-verify-'));
    try {
      const summaryFile = join(dir, 'summary.md');
      const run = await verify(
        [app.url, 'contracts/users', '--ignore-states', '--reporter', 'github'],
        { GITHUB_STEP_SUMMARY: summaryFile },
      );
      expect(run.code).toBe(1);
      const annotations = run.stdout.split('\n').filter((line) => line.startsWith('::'));
      expect(annotations).toHaveLength(1);
      expect(annotations[0]).toMatch(
        /^::error file=contracts\/users\/get\.json,line=6,col=5,title=abe verify%3A OK failed::contracts\/users\/get\.json#OK {2}GET \/users\/1%0A {2}\/status/,
      );
      const summary = await readFile(summaryFile, 'utf8');
      expect(summary).toContain('### ❌ abe verify');
      expect(summary).toContain('2 passed, 1 failed, 0 skipped');
      expect(summary).toContain('| `contracts/users/get.json` | `OK` | `GET /users/1` |');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('abe verify usage and environment errors', () => {
  test('connection refused fails every example and asks whether the provider runs', async () => {
    const server = createServer();
    await listen(server);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await closeServer(server);
    const run = await verify([url, 'contracts/users/create.json']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`is the provider running at ${url}/?`);
  });

  test('a base URL with credentials is refused, and the password is not printed', async () => {
    const run = await verify(['http://admin:hunter22@127.0.0.1:1/', 'contracts/users']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('holds credentials');
    expect(run.stderr).toContain('--header');
    expect(run.stderr + run.stdout).not.toContain('hunter22');
  });

  test.each([
    [
      'a base URL that is not absolute http(s)',
      ['localhost:8000', 'contracts/users'],
      'is not an absolute http(s) URL',
    ],
    ['no contracts', ['http://127.0.0.1:1'], 'no contracts'],
    [
      'a bad timeout',
      ['http://127.0.0.1:1', 'contracts/users', '--timeout', '10'],
      '--timeout 10 is not a duration',
    ],
    [
      'a header without a colon',
      ['http://127.0.0.1:1', 'contracts/users', '--header', 'Bearer xyz'],
      '--header number 1',
    ],
    [
      'an unknown reporter',
      ['http://127.0.0.1:1', 'contracts/users', '--reporter', 'xml'],
      'unknown reporter "xml"',
    ],
  ])('%s is a usage error (exit 2)', async (_, args, message) => {
    const run = await verify(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  test('a contract that does not load is an environment error, and nothing is sent', async () => {
    const run = await verify([app.url, 'broken/bad.json', 'contracts/users/create.json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('broken/bad.json');
    expect(run.stderr).toContain('abe lint');
    expect(app.events).toEqual([]);
  });

  test('--component verifies the contracts builder.ini declares for it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'abe-verify-'));
    try {
      await mkdir(join(dir, 'api'));
      await mkdir(join(dir, 'ui'));
      await cp(join(FIXTURES, 'contracts'), join(dir, 'api', 'contracts'), { recursive: true });
      await writeFile(
        join(dir, 'builder.ini'),
        '[api]\npath=api\ncontracts=contracts/users/*.json\n\n[ui]\npath=ui\n',
      );
      const run = await runCli(
        ['verify', app.url, '--component', 'api', '--ignore-states', '--method', 'POST'],
        { cwd: dir },
      );
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('✔ api/contracts/users/create.json  created  POST /users\n');
      expect(run.stdout).toMatch(/3 examples: 1 passed, 0 failed, 2 skipped/);

      const unknown = await runCli(['verify', app.url, '--component', 'apj'], { cwd: dir });
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('Did you mean "api"?');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('abe verify against a Python provider', () => {
  let python: ChildProcess;
  let url: string;

  beforeAll(async () => {
    python = spawn('python3', [join(FIXTURES, 'provider.py')], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: python.stdout as NodeJS.ReadableStream });
    const port = await new Promise<string>((done, fail) => {
      lines.once('line', done);
      python.once('error', fail);
      python.once('exit', (code) => fail(new Error(`provider.py exited with ${code}`)));
    });
    url = `http://127.0.0.1:${port.trim()}`;
  });
  afterAll(async () => {
    const exited = new Promise((done) => python.once('exit', done));
    python.kill('SIGTERM');
    await exited;
  });

  test('passing and failing examples, with its state endpoint called around the state', async () => {
    const run = await verify([url, 'contracts/users', '--state-setup-url', `${url}/_state`]);
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n').slice(0, 3)).toEqual([
      '✖ contracts/users/create.json  created  POST /users',
      '✔ contracts/users/get.json  OK  GET /users/1',
      '✔ contracts/users/get.json  not found  GET /users/9',
    ]);
    expect(run.stdout).toContain('contracts/users/create.json#created  POST /users\n  /body/name');
    expect(run.stdout).toMatch(/3 examples: 2 passed, 1 failed, 0 skipped/);
    const states = (await (await fetch(`${url}/_states`)).json()) as unknown[];
    expect(states).toEqual([SETUP, TEARDOWN]);
  });
});
