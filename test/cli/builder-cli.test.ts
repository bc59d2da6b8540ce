import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { GitRepo } from '../helpers/git-repo.js';
import { isRunning, waitFor } from '../helpers/processes.js';
import { runCli } from '../helpers/run-cli.js';
import { at, contract, makefile, makeRepo, readLines } from '../runner/runner-fixtures.js';

const repos: GitRepo[] = [];
afterEach(async () => {
  for (const repo of repos.splice(0)) await repo.cleanup();
});

const INI = `[abe]
base=origin/main

[api]
path=api
downstream=web
contracts=contracts/*.json

[web]
path=web
consumes=api

[mailer]
path=mailer
`;

/** Appends `start|end <component>.<target>` to $ORDER_LOG around a short sleep. */
const logged = [
  '@echo "start $$NAME.$@" >> "$$ORDER_LOG"',
  '@sleep 0.1',
  '@echo "end $$NAME.$@" >> "$$ORDER_LOG"',
];

async function monorepo(): Promise<{
  repo: GitRepo;
  env: Record<string, string | undefined>;
  orderLog: string;
}> {
  const repo = await makeRepo({
    'builder.ini': INI,
    'api/Makefile': makefile({ build: logged, test: logged }),
    'api/contracts/users.json': contract(),
    'api/src/app.ts': 'export const app = 1;\n',
    'web/Makefile': makefile({ build: logged, test: logged }),
    'mailer/Makefile': makefile({ build: logged, test: logged }),
  });
  repos.push(repo);
  await mkdir(join(repo.dir, '.abe'), { recursive: true });
  const orderLog = join(repo.dir, '.abe', 'order.log');
  return { repo, orderLog, env: { PATH: process.env.PATH, ORDER_LOG: orderLog } };
}

describe('abe check', () => {
  test('lints the declared contracts, then builds and tests the affected components in order', async () => {
    const { repo, env, orderLog } = await monorepo();
    await repo.write({ 'api/src/app.ts': 'export const app = 2;\n' });
    repo.commit('change the api');

    const { code, stdout, stderr } = await runCli(['check', '-j', '2'], { cwd: repo.dir, env });

    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('Contracts\nDeclared by api.\n✔ 1 contract file linted, no problems');
    expect(stdout).toMatch(
      /2 affected components, in build order:\n {2}api \(api\)\n {4}changed: file api\/src\/app\.ts/,
    );
    expect(stdout).toMatch(/ {2}web \(web\)\n {4}downstream: /);
    expect(stdout).toContain('build then test for 2 components (-j 2, DOCKER_TAG ');
    expect(stdout).toMatch(/Summary\ncomponent +step +result +time/);
    expect(stdout).toContain('✔ 4 steps: 4 passed in');
    const lines = await readLines(orderLog);
    expect(lines.filter((line) => line.startsWith('start'))).toEqual([
      'start api.build',
      'start api.test',
      'start web.build',
      'start web.test',
    ]);
    expect(at(lines, 'start web.build')).toBeGreaterThan(at(lines, 'end api.test'));
  });

  test('a contract lint error fails the check with file:line:col, and the builds still run', async () => {
    const { repo, env, orderLog } = await monorepo();
    await repo.write({ 'api/contracts/users.json': contract('two hundred') });
    repo.commit('break the contract');

    const { code, stdout } = await runCli(['check'], { cwd: repo.dir, env });

    expect(code).toBe(1);
    expect(stdout).toMatch(/ {2}api\/contracts\/users\.json:[0-9]+:[0-9]+ {2}error {2}/);
    expect(stdout).toContain('✖ 1 contract file linted: 1 error');
    expect(await readLines(orderLog)).toContain('end api.test');
    expect(stdout).toMatch(/✖ 4 steps: 4 passed in/);
  });

  test('a contract glob that matches nothing is a config error (exit 2)', async () => {
    const { repo, env } = await monorepo();
    await repo.write({ 'builder.ini': INI.replace('contracts/*.json', 'specs/*.json') });
    repo.commit('point at a missing folder');

    const { code, stderr } = await runCli(['check'], { cwd: repo.dir, env });

    expect(code).toBe(2);
    expect(stderr).toContain('component "api" declares contracts=specs/*.json');
  });
});

describe('abe build and abe test', () => {
  test('a failing component: its log printed whole, its downstream skipped, the others run, exit 1', async () => {
    const { repo, env, orderLog } = await monorepo();
    await repo.write({
      'api/Makefile': makefile({
        test: ['@echo "first line of the failure"', '@echo "second line" >&2', '@exit 4'],
      }),
    });
    repo.commit('break the api tests');

    const { code, stdout } = await runCli(['test', '--all'], { cwd: repo.dir, env });

    expect(code).toBe(1);
    expect(stdout).toMatch(
      /✖ api test failed in [0-9.]+s \(exit code 2\)\n──── log of api test \(\.abe\/logs\/api\.test\.log\) ────\n\$ make -C api test\n.*\nfirst line of the failure\nsecond line\n/,
    );
    expect(stdout).toContain('○ web test skipped: upstream "api" failed');
    expect(await readLines(orderLog)).toEqual(['start mailer.test', 'end mailer.test']);
    expect(stdout).toContain('✖ 3 steps: 1 passed, 1 failed, 1 skipped in');
  });

  test('named components bring their downstream unless --exclude-downstream', async () => {
    const { repo, env, orderLog } = await monorepo();

    const first = await runCli(['build', 'api'], { cwd: repo.dir, env });
    const withDownstream = await readLines(orderLog);
    await writeFile(orderLog, '');
    const second = await runCli(['build', 'api', '--exclude-downstream'], { cwd: repo.dir, env });

    expect([first.code, second.code]).toEqual([0, 0]);
    expect(withDownstream.filter((l) => l.startsWith('start'))).toEqual([
      'start api.build',
      'start web.build',
    ]);
    expect(await readLines(orderLog)).toEqual(['start api.build', 'end api.build']);
  });

  test('--config in another repository: changes come from that repository, not the working directory', async () => {
    const { repo, env, orderLog } = await monorepo();
    await repo.write({ 'api/src/app.ts': 'export const app = 2;\n' });
    repo.commit('change the api');
    const elsewhere = await makeRepo({ 'notes.txt': 'unrelated\n' });
    repos.push(elsewhere);
    await elsewhere.write({ 'notes.txt': 'changed, but not part of the configured repository\n' });

    const { code, stdout, stderr } = await runCli(
      ['build', '--config', join(repo.dir, 'builder.ini')],
      { cwd: elsewhere.dir, env },
    );

    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/changed: file api\/src\/app\.ts/);
    expect((await readLines(orderLog)).filter((l) => l.startsWith('start'))).toEqual([
      'start api.build',
      'start web.build',
    ]);
  });

  test('nothing affected runs nothing and passes', async () => {
    const { repo, env, orderLog } = await monorepo();

    const { code, stdout } = await runCli(['test'], { cwd: repo.dir, env });

    expect(code).toBe(0);
    expect(stdout).toContain('No component is affected.');
    expect(stdout).toContain('No component to run.');
    expect(await readLines(orderLog)).toEqual([]);
  });

  test('bad -j and unknown reporters are usage errors (exit 2)', async () => {
    const { repo, env } = await monorepo();

    const badJobs = await runCli(['test', '--all', '-j', '0'], { cwd: repo.dir, env });
    const badReporter = await runCli(['test', '--all', '--reporter', 'jsn'], {
      cwd: repo.dir,
      env,
    });

    expect(badJobs.code).toBe(2);
    expect(badJobs.stderr).toContain('-j needs a whole number');
    expect(badReporter.code).toBe(2);
    expect(badReporter.stderr).toContain(
      'unknown reporter "jsn" in --reporter jsn. Did you mean "json"?',
    );
  });

  test('on a terminal each running component gets a live status line', async () => {
    const { repo, env } = await monorepo();
    let output = '';
    const { main } = await import('../../src/cli/main.js');

    const code = await main(['test', 'mailer'], {
      stdout: { isTTY: true, write: (chunk: string) => (output += chunk) },
      stderr: { write: () => true },
      cwd: repo.dir,
      env: { ...env, NO_COLOR: '1' },
    });

    expect(code).toBe(0);
    expect(output).toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] mailer test [0-9.]+s/);
    // The live line is erased (cursor up, clear) before the final result line.
    expect(output).toContain('\u001b[1A\u001b[J✔ mailer test passed in');
  });

  test('Ctrl-C stops every process and exits 130', async () => {
    const { repo, env } = await monorepo();
    const pids = join(repo.dir, '.abe', 'pids');
    await writeFile(pids, '');
    await repo.write({
      'mailer/Makefile': makefile({
        test: ['@sleep 300 & echo $$! >> "$$PIDS"; echo $$$$ >> "$$PIDS"; sleep 300'],
      }),
    });
    const controller = new AbortController();

    const running = runCli(['test', '--all'], {
      cwd: repo.dir,
      env: { ...env, PIDS: pids },
      signal: controller.signal,
    });
    await waitFor(async () => (await readLines(pids)).length === 2);
    const recorded = (await readLines(pids)).map(Number);
    controller.abort('SIGINT');
    const { code, stdout } = await running;

    expect(code).toBe(130);
    for (const pid of recorded) expect(await isRunning(pid)).toBe(false);
    expect(stdout).toContain('✖ mailer test failed');
    expect(stdout).toContain('✖ cancelled');
    expect(await readFile(join(repo.dir, '.abe', 'logs', 'mailer.test.log'), 'utf8')).toContain(
      '$ make -C mailer test',
    );
  });
});
