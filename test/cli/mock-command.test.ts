import { type ChildProcessByStdio, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, test } from 'vitest';
import { isRunning, waitFor } from '../helpers/processes.js';
import { runCli } from '../helpers/run-cli.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const CONTRACTS = join(ROOT, 'fixtures/msw/contracts');
const CONSUMER = join(ROOT, 'fixtures/mock-server/consumer.py');
const ENV = { PATH: process.env.PATH };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A repository whose builder.ini declares the users contracts for component "api". */
async function repoWithApi(): Promise<string> {
  const dir = await tempDir('abe-mock-repo-');
  await cp(join(CONTRACTS, 'users'), join(dir, 'api/contracts'), { recursive: true });
  await writeFile(join(dir, 'builder.ini'), '[api]\npath=api\ncontracts=contracts/*.json\n');
  return dir;
}

describe('abe mock -- command', () => {
  test('a Python consumer that passes against the mock: exit 0', async () => {
    const run = await runCli(['mock', CONTRACTS, '--', 'python3', CONSUMER, 'ok'], { env: ENV });
    expect(run.stderr).toContain('the command passed, and no request broke the contracts');
    expect(run.code).toBe(0);
  });

  test('ABE_MOCK_URL carries the base path, without a trailing slash', async () => {
    const run = await runCli(
      ['mock', CONTRACTS, '--base-path', '/api/', '--', 'python3', CONSUMER, 'ok', '/api'],
      { env: ENV },
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/at http:\/\/127\.0\.0\.1:\d+\/api\n/);
  });

  test('the command failing: exit 1, saying how it exited', async () => {
    const run = await runCli(['mock', CONTRACTS, '--', 'python3', CONSUMER, 'fail'], { env: ENV });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('failed: the command exited with 3.');
  });

  test('a request that broke the contracts fails the run although the command passed, and is printed', async () => {
    const run = await runCli(['mock', CONTRACTS, '--', 'python3', CONSUMER, 'violate'], {
      env: ENV,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('1 request broke the contracts:');
    expect(run.stderr).toMatch(
      /1\) POST http:\/\/127\.0\.0\.1:\d+\/users is not allowed by any example of POST \/users/,
    );
    expect(run.stderr).toContain('Nearest example: "created"');
    expect(run.stderr).toContain('failed: 1 request broke the contracts.');
  });

  test('Ctrl-C / SIGTERM to abe stops the command and its process group', async () => {
    const dir = await tempDir('abe-mock-abort-');
    const pidFile = join(dir, 'pid');
    const controller = new AbortController();
    const script = `import os, time\nopen(${JSON.stringify(pidFile)}, "w").write(str(os.getpid()))\ntime.sleep(60)`;
    const running = runCli(['mock', CONTRACTS, '--', 'python3', '-c', script], {
      env: ENV,
      signal: controller.signal,
    });
    await waitFor(async () => (await readFile(pidFile, 'utf8').catch(() => '')) !== '');
    const pid = Number(await readFile(pidFile, 'utf8'));
    expect(await isRunning(pid)).toBe(true);
    controller.abort('SIGTERM');
    const run = await running;
    expect(await isRunning(pid)).toBe(false);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('the command was ended by SIGTERM');
  });

  test('a command that does not exist: exit 2 with a clear message', async () => {
    const run = await runCli(['mock', CONTRACTS, '--', 'no-such-command-abe'], { env: ENV });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('cannot run "no-such-command-abe": no such command');
  });

  test('--component alone serves what builder.ini declares; contract paths stay before --', async () => {
    const dir = await repoWithApi();
    const run = await runCli(['mock', '--component', 'api', '--', 'python3', CONSUMER, 'ok'], {
      cwd: dir,
      env: ENV,
    });
    expect(run.stderr).toContain('2 endpoints from 2 contracts');
    expect(run.code).toBe(0);
    // The word after -- is the command, never a contract: serving only the projects contracts,
    // the consumer's GET /users/1 is a 404.
    const projects = await runCli(
      ['mock', join(CONTRACTS, 'projects'), '--', 'python3', CONSUMER, 'ok'],
      { env: ENV },
    );
    expect(projects.stderr).toContain('2 endpoints from 2 contracts');
    expect(projects.code).toBe(1);
    expect(projects.stderr).toContain('reached no endpoint');
  });
});

describe('abe mock refuses to start', () => {
  test('without contracts, saying what to pass', async () => {
    const run = await runCli(['mock'], { env: ENV });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('abe mock needs contracts to serve');
    expect(run.stderr).toContain('--component NAME');
  });

  test('on a contract that does not load, with file:line:col', async () => {
    const broken = join(ROOT, 'fixtures/msw/broken/trailing-comma.json');
    const run = await runCli(['mock', relative(ROOT, broken)], { cwd: ROOT, env: ENV });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/fixtures\/msw\/broken\/trailing-comma\.json:\d+:\d+/);
  });

  test('on an unknown component, with a suggestion', async () => {
    const dir = await repoWithApi();
    const run = await runCli(['mock', '--component', 'apx'], { cwd: dir, env: ENV });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('has no component "apx"');
    expect(run.stderr).toContain('Did you mean "api"?');
  });

  test('on --strict with an unknown builder.ini key', async () => {
    const dir = await repoWithApi();
    await writeFile(
      join(dir, 'builder.ini'),
      '[api]\npath=api\ncontracts=contracts/*.json\nowner=team-a\n',
    );
    const lax = await runCli(['mock', '--component', 'api', '--', 'python3', CONSUMER], {
      cwd: dir,
      env: ENV,
    });
    expect(lax.code).toBe(0);
    expect(lax.stderr).toContain('unknown key "owner"');
    const strict = await runCli(['mock', '--component', 'api', '--strict'], { cwd: dir, env: ENV });
    expect(strict.code).toBe(2);
    expect(strict.stderr).toContain('owner');
  });

  test('on a port in use, saying how to choose another', async () => {
    const busy = createServer();
    busy.listen(0, '127.0.0.1');
    await once(busy, 'listening');
    cleanups.push(() => new Promise((done) => busy.close(() => done())));
    const { port } = busy.address() as AddressInfo;
    const run = await runCli(['mock', CONTRACTS, '--port', String(port)], { env: ENV });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `port ${port} on 127.0.0.1 is in use: choose another with --port, or --port 0 for a free one`,
    );
  });

  test('on a bad --port or --base-path', async () => {
    const port = await runCli(['mock', CONTRACTS, '--port', 'http'], { env: ENV });
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('--port "http" is not a port number');
    const base = await runCli(['mock', CONTRACTS, '--base-path', 'api'], { env: ENV });
    expect(base.code).toBe(2);
    expect(base.stderr).toContain('--base-path "api"');
    for (const admin of ['/__abe', '/__abe/', '/__abe/v1']) {
      const refused = await runCli(['mock', CONTRACTS, '--base-path', admin], { env: ENV });
      expect(refused.code, admin).toBe(2);
      expect(refused.stderr).toContain(
        `--base-path "${admin}" is not a path the mock can serve under`,
      );
    }
  });

  test('a base path that only starts like the admin prefix is served', async () => {
    const run = await runCli(
      ['mock', CONTRACTS, '--base-path', '/__abex', '--', 'python3', CONSUMER, 'ok', '/__abex'],
      { env: ENV },
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/at http:\/\/127\.0\.0\.1:\d+\/__abex\n/);
  });
});

// These run the built CLI: build first.
describe('abe mock standalone, built', () => {
  function startBin(args: readonly string[]): {
    child: ChildProcessByStdio<null, Readable, Readable>;
    output: { stdout: string; stderr: string };
  } {
    const child = spawn(process.execPath, [join(ROOT, 'bin/abe.cjs'), 'mock', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = { stdout: '', stderr: '' };
    child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
    cleanups.push(async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    return { child, output };
  }

  async function urlOf(output: { stdout: string }): Promise<string> {
    await waitFor(async () => /at (http:\S+)\n/.test(output.stdout));
    return (/at (http:\S+)\n/.exec(output.stdout) as RegExpExecArray)[1] as string;
  }

  test('SIGTERM closes the server and every connection; no violation: exit 0', async () => {
    const { child, output } = startBin([CONTRACTS, '--port', '0']);
    const url = await urlOf(output);
    expect(output.stdout).toMatch(/^abe mock: \d+ endpoints from \d+ contracts at http:/);
    expect(output.stdout).toContain('  GET /users/[0-9]+ (');
    // fetch keeps its connection alive, and a client stuck halfway through its request holds
    // another: the server must close both to exit before the 60 s headers timeout.
    expect((await fetch(`${url}/users/1`)).status).toBe(200);
    const stuck = connect(Number(new URL(url).port), '127.0.0.1');
    stuck.on('error', () => {});
    await once(stuck, 'connect');
    stuck.write('GET /users/1 HTTP/1.1\r\nHost: x\r\n');
    cleanups.push(async () => void stuck.destroy());
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(0);
    await expect(fetch(`${url}/__abe/health`)).rejects.toThrow();
  });

  test('SIGTERM after a request broke the contracts: the violations printed, exit 1', async () => {
    const { child, output } = startBin([CONTRACTS, '--port', '0']);
    const url = await urlOf(output);
    expect((await fetch(`${url}/nowhere`)).status).toBe(404);
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(1);
    expect(output.stderr).toContain('1 request broke the contracts:');
    expect(output.stderr).toContain(`1) GET ${url}/nowhere reached no endpoint`);
  });

  test('abe mock never loads msw, nor the msw handler modules', async () => {
    const dist = join(ROOT, 'dist');
    const dir = await tempDir('abe-mock-loads-');
    const log = join(dir, 'loaded.txt');
    await writeFile(
      join(dir, 'record-loads.mjs'),
      `import { appendFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
export async function load(url, context, next) {
  if (url.startsWith('file:')) appendFileSync(process.env.ABE_TEST_LOADED, fileURLToPath(url) + '\\n');
  return next(url, context);
}`,
    );
    await writeFile(
      join(dir, 'register.mjs'),
      `import { register } from 'node:module';\nregister('./record-loads.mjs', import.meta.url);`,
    );
    await writeFile(
      join(dir, 'launcher.mjs'),
      `import { main } from ${JSON.stringify(join(dist, 'cli/main.js'))};
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env,
});`,
    );
    await promisify(execFile)(
      process.execPath,
      [
        '--import',
        join(dir, 'register.mjs'),
        join(dir, 'launcher.mjs'),
        'mock',
        CONTRACTS,
        '--watch',
        '--cors',
        '--',
        'python3',
        CONSUMER,
        'ok',
      ],
      { cwd: ROOT, env: { ...process.env, ABE_TEST_LOADED: log } },
    );
    const loaded = (await readFile(log, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((file) => relative(dist, file));
    // The hooks saw the server and the engine, so the check below is not a blind spot.
    expect(loaded).toContain('mock-server/start-mock-server.js');
    expect(loaded).toContain('msw/choose-example.js');
    expect(loaded.filter((file) => /node_modules[\\/]msw[\\/]/.test(file))).toEqual([]);
    expect(
      loaded.filter((file) =>
        /^msw\/(index|mock-from-abe|abe-request-handler|example-response)\.js$/.test(file),
      ),
    ).toEqual([]);
  });
});
