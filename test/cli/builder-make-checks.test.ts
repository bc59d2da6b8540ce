// "Green means green in real CI": make that ran nothing fails, steps= skips, a component
// without a Makefile stops the run before it starts, and --all builds and tests without git.
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { GitRepo } from '../helpers/git-repo.js';
import { findAll, parseXml } from '../helpers/parse-xml.js';
import { runCli } from '../helpers/run-cli.js';
import {
  API_WEB_MAILER_INI,
  makefile,
  makeRepo,
  makeTempDir,
  readLines,
} from '../runner/runner-fixtures.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** Appends `<component>.<target>` to $ORDER_LOG. */
const logged = ['@echo "$$NAME.$@" >> "$$ORDER_LOG"'];

/** A Makefile with recipes for build and test, and no `.PHONY`. */
const NOT_PHONY =
  'build:\n\t@echo "$$NAME.$@" >> "$$ORDER_LOG"\ntest:\n\t@echo "$$NAME.$@" >> "$$ORDER_LOG"\n';

async function repoWith(files: Readonly<Record<string, string>>): Promise<{
  repo: GitRepo;
  env: Record<string, string | undefined>;
  orderLog: string;
}> {
  const repo = await makeRepo(files);
  cleanups.push(() => repo.cleanup());
  await mkdir(join(repo.dir, '.abe'), { recursive: true });
  const orderLog = join(repo.dir, '.abe', 'order.log');
  return { repo, orderLog, env: { PATH: process.env.PATH, ORDER_LOG: orderLog } };
}

describe('make that did nothing', () => {
  test('a Makefile without .PHONY beside a test/ folder fails abe test, in the live output, the summary, JSON and JUnit; .PHONY: build test fixes it', async () => {
    const { repo, env, orderLog } = await repoWith({
      'builder.ini': '[api]\npath=api\n',
      'api/Makefile': NOT_PHONY,
      'api/test/app.test.sh': 'exit 1\n',
    });

    const { code, stdout } = await runCli(
      ['test', '--all', '--reporter', 'json=reports/abe.json,junit=reports/junit.xml'],
      { cwd: repo.dir, env },
    );

    const note = `make did nothing for api's "test": a file or directory named test is up to date, so its recipe did not run; declare the targets phony (.PHONY: build test)`;
    expect(code).toBe(1);
    expect(await readLines(orderLog)).toEqual([]);
    expect(stdout).toMatch(/✖ api test failed in [0-9.]+s \(make did nothing for api's "test": /);
    expect(stdout).toContain(` (${note})\n`);
    expect(stdout).toContain("make: 'test' is up to date.\n");
    const row = stdout.split('\n').find((line) => /^api +test +failed /.test(line));
    expect(row).toContain(`  ${note}, log .abe/logs/api.test.log`);
    expect(stdout).toContain('✖ 1 step: 0 passed, 1 failed in');
    const json = JSON.parse(await readFile(join(repo.dir, 'reports', 'abe.json'), 'utf8'));
    expect(json.ok).toBe(false);
    expect(json.components[0].steps[0]).toMatchObject({ status: 'failed', exitCode: 0, note });
    const junit = parseXml(await readFile(join(repo.dir, 'reports', 'junit.xml'), 'utf8'));
    expect(findAll(junit, 'failure')[0]?.attributes.get('message')).toBe(
      `api test failed (${note})`,
    );

    await repo.write({ 'api/Makefile': `.PHONY: build test\n${NOT_PHONY}` });
    const fixed = await runCli(['check', '--all'], { cwd: repo.dir, env });
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toContain('✔ 2 steps: 2 passed in');
    expect(await readLines(orderLog)).toEqual(['api.build', 'api.test']);
  });

  test('a test target with no recipe fails abe check: make had nothing to be done', async () => {
    const { repo, env } = await repoWith({
      'builder.ini': '[api]\npath=api\n',
      'api/Makefile': '.PHONY: build test\nbuild:\n\t@echo built\ntest:\n',
    });

    const { code, stdout } = await runCli(['check', '--all'], { cwd: repo.dir, env });

    expect(code).toBe(1);
    expect(stdout).toContain("make: Nothing to be done for 'test'.\n");
    expect(stdout).toMatch(
      /✖ api test failed in [0-9.]+s \(make did nothing for api's "test": it has no/,
    );
    expect(stdout).toContain(
      ` (make did nothing for api's "test": it has no recipe; give it one and declare the targets phony (.PHONY: build test), or leave the step out with steps= in builder.ini)`,
    );
    expect(stdout).toContain('✖ 2 steps: 1 passed, 1 failed in');
  });
});

describe('steps= in builder.ini', () => {
  test('steps=test skips build with a note and runs test; steps=none needs no Makefile', async () => {
    const { repo, env, orderLog } = await repoWith({
      'builder.ini': '[api]\npath=api\nsteps=test\n\n[docs]\npath=docs\nsteps=none\n',
      'api/Makefile': makefile({ build: logged, test: logged }),
      'docs/README.md': '# docs\n',
    });

    const { code, stdout } = await runCli(['check', '--all'], { cwd: repo.dir, env });

    expect(code).toBe(0);
    expect(await readLines(orderLog)).toEqual(['api.test']);
    expect(stdout).toContain('○ api build skipped: no build step (steps=test in builder.ini)\n');
    expect(stdout).toMatch(/\napi +build +skipped +no build step \(steps=test in builder\.ini\)\n/);
    expect(stdout).toMatch(/\ndocs +test +skipped +no test step \(steps=none in builder\.ini\)\n/);
    expect(stdout).toContain('✔ 4 steps: 1 passed, 3 skipped in');
  });
});

describe('a component without a Makefile', () => {
  test('stops abe test before any step runs (exit 2), naming the component, its directory and the fix', async () => {
    const { repo, env, orderLog } = await repoWith({
      'builder.ini': API_WEB_MAILER_INI,
      'api/Makefile': makefile({ build: logged, test: logged }),
      'web/src/main.ts': 'export const web = 1;\n',
      'mailer/Makefile': makefile({ build: logged, test: logged }),
    });

    const { code, stdout, stderr } = await runCli(['test', '--all'], { cwd: repo.dir, env });

    expect(code).toBe(2);
    expect(stderr).toContain(
      'component "web" has no Makefile: this run runs make in web/ for test, and web/ holds no GNUmakefile, makefile or Makefile.\n',
    );
    expect(stderr).toContain(
      `Add web/Makefile with the target test, declared phony (.PHONY: test), or list the steps it has in its [web] section of ${join(repo.dir, 'builder.ini')} (steps=build, steps=test, or steps=none for a component with no Makefile).`,
    );
    expect(stderr).not.toContain('No rule to make target');
    expect(stdout).not.toContain('▶');
    expect(await readLines(orderLog)).toEqual([]);
    await expect(stat(join(repo.dir, '.abe', 'logs'))).rejects.toThrow();
  });
});

describe('--all without git', () => {
  /** builder.ini and a Makefile that records DOCKER_TAG, in a temp dir that is no repository. */
  async function plainDir(): Promise<string> {
    const { dir, remove } = await makeTempDir('no-git');
    cleanups.push(remove);
    await writeFile(join(dir, 'builder.ini'), '[api]\npath=api\nrelease-process=custom\n');
    await mkdir(join(dir, 'api'));
    await writeFile(
      join(dir, 'api', 'Makefile'),
      makefile({
        build: ['@echo "$$DOCKER_TAG" > built-tag.txt'],
        test: ['@echo "$$DOCKER_TAG" > tag.txt'],
        release: ['@true'],
      }),
    );
    return dir;
  }
  const env = { PATH: process.env.PATH, GIT_CEILING_DIRECTORIES: '/' };

  test('abe test --all runs outside a git repository, with DOCKER_TAG dev; abe release --all still needs a commit', async () => {
    const dir = await plainDir();

    const { code, stdout, stderr } = await runCli(['test', '--all'], { cwd: dir, env });

    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('test for 1 component (-j ');
    expect(stdout).toContain(', DOCKER_TAG dev as there is no commit), logs in .abe/logs\n');
    expect(await readFile(join(dir, 'api', 'tag.txt'), 'utf8')).toBe('dev\n');

    const release = await runCli(['release', '--all'], { cwd: dir, env });
    expect(release.code).toBe(2);
    expect(release.stderr).toContain(`cannot read the HEAD commit in ${dir}: `);
    await expect(stat(join(dir, '.abe', 'logs', 'api.release.log'))).rejects.toThrow();
  });

  test('abe check --all runs in a repository before its first commit; --tag still wins', async () => {
    const dir = await plainDir();
    execFileSync('git', ['init', '-q'], { cwd: dir });

    const first = await runCli(['check', '--all'], { cwd: dir, env });
    const tagged = await runCli(['build', '--all', '--tag', 'v7'], { cwd: dir, env });

    expect([first.code, tagged.code]).toEqual([0, 0]);
    expect(first.stdout).toContain('DOCKER_TAG dev as there is no commit)');
    expect(tagged.stdout).toContain('(-j ');
    expect(tagged.stdout).toContain(', DOCKER_TAG v7), logs in');
    expect(await readFile(join(dir, 'api', 'built-tag.txt'), 'utf8')).toBe('v7\n');
  });
});
