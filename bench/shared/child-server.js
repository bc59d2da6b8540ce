// Servers under load run as child processes of the bench script: started with an argument
// array (no shell), waited for until they answer HTTP, stopped by the pid the script started.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';

const TAIL = 8192;

/** A free TCP port on 127.0.0.1 (asked of the kernel, then released for the server to take). */
export async function freePort() {
  const server = createServer();
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The script a package's bin runs, so that it can be spawned as `node <script>`: no shell and no
 * `node_modules/.bin` shim in between.
 */
export function binScript(packageDir, name) {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[name];
  if (bin === undefined) throw new Error(`${packageDir} has no bin named ${name}`);
  return join(packageDir, bin);
}

/** The version in a package's package.json (the one installed, not the one asked for). */
export function installedVersion(packageDir) {
  return JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version;
}

/** Where `name` is installed below `folder` (a bench's own node_modules). */
export function packageDir(folder, name) {
  return join(folder, 'node_modules', name);
}

const started = new Set();

// A bench stopped with Ctrl-C must not leave a server listening: stop what this script started.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    for (const server of started) server.kill('SIGKILL');
    process.exit(130);
  });
}

/**
 * Starts `command args` and resolves once `ready(server)` is true (polled every 100 ms), or
 * rejects when the process exits first or `timeoutMs` passes. The process's output is kept
 * (its last 8 KB) for error messages; reading it also keeps a chatty server from blocking on
 * a full pipe.
 */
export async function startServer(command, args, { cwd, env, ready, timeoutMs = 60_000 } = {}) {
  const child = spawn(command, args, {
    cwd,
    env: env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const server = {
    pid: child.pid,
    stdout: '',
    stderr: '',
    exited: false,
    exit: new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal }))),
    kill: (signal) => {
      if (!server.exited) process.kill(child.pid, signal);
    },
    stop: async () => {
      started.delete(server);
      if (server.exited) return;
      server.kill('SIGTERM');
      const stopped = await Promise.race([server.exit, delay(5000, 'timeout')]);
      if (stopped === 'timeout') {
        server.kill('SIGKILL');
        await server.exit;
      }
    },
    describe: () =>
      `${[command, ...args].join(' ')}\n--- stdout (tail)\n${server.stdout}\n--- stderr (tail)\n${server.stderr}`,
  };
  child.stdout.on('data', (chunk) => {
    server.stdout = (server.stdout + chunk).slice(-TAIL);
  });
  child.stderr.on('data', (chunk) => {
    server.stderr = (server.stderr + chunk).slice(-TAIL);
  });
  child.once('exit', () => {
    server.exited = true;
    started.delete(server);
  });
  child.once('error', (error) => {
    server.stderr += `\n${error.message}`;
  });
  started.add(server);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exited) throw new Error(`server exited before it was ready: ${server.describe()}`);
    if (await ready(server).catch(() => false)) return server;
    await delay(100);
  }
  await server.stop();
  throw new Error(`server not ready after ${timeoutMs} ms: ${server.describe()}`);
}

/** A `ready` check: true once a GET of `url` gets any HTTP answer. */
export function answers(url, headers = {}) {
  return async () => {
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return true;
  };
}
