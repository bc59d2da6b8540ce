import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { waitFor } from '../helpers/processes.js';

// These run the built CLI, bin/abe.cjs, where the signal handling lives: build first.
const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/**
 * `abe test --all` started on a repository whose only test ignores SIGINT and SIGTERM, so that
 * abe is still stopping it (for the 5 s before SIGKILL) when a second signal comes. Resolves
 * once the test runs, with the pid of its shell.
 */
async function startStubbornRun(): Promise<{ child: ChildProcess; testPid: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'abe-bin-signals-'));
  const pidFile = join(dir, 'test.pid');
  await mkdir(join(dir, 'api'));
  await writeFile(
    join(dir, 'api', 'Makefile'),
    `.PHONY: test\ntest:\n\t@trap '' INT TERM; echo $$$$ > "${pidFile}"; while :; do sleep 0.1; done\n`,
  );
  await writeFile(join(dir, 'builder.ini'), '[api]\npath=api\n');
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(GITHUB_|DOCKER_TAG$)/.test(name)),
  );
  const child = spawn(process.execPath, [join(ROOT, 'bin/abe.cjs'), 'test', '--all'], {
    cwd: dir,
    env,
    stdio: 'ignore',
  });
  let testPid = 0;
  cleanups.push(async () => {
    child.kill('SIGKILL');
    if (testPid > 0) {
      try {
        process.kill(testPid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    await rm(dir, { recursive: true, force: true });
  });
  await waitFor(async () => (await readFile(pidFile, 'utf8').catch(() => '')).endsWith('\n'));
  testPid = Number((await readFile(pidFile, 'utf8')).trim());
  return { child, testPid };
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((done) => child.on('exit', (code, signal) => done({ code, signal })));
}

describe('the built abe binary, stopped by signals', () => {
  test('regression: a second SIGTERM while the steps are being stopped exits at once with 143, not 130', async () => {
    const { child } = await startStubbornRun();
    const exited = exitOf(child);

    child.kill('SIGTERM');
    // abe is now sending SIGTERM to the test's group, which ignores it.
    await new Promise((done) => setTimeout(done, 300));
    child.kill('SIGTERM');

    expect(await exited).toEqual({ code: 143, signal: null });
  });

  test('a second Ctrl-C (SIGINT) exits at once with 130', async () => {
    const { child } = await startStubbornRun();
    const exited = exitOf(child);

    child.kill('SIGINT');
    await new Promise((done) => setTimeout(done, 300));
    child.kill('SIGINT');

    expect(await exited).toEqual({ code: 130, signal: null });
  });
});
