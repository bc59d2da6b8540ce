import { execFile } from 'node:child_process';
import { lstat, mkdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, test } from 'vitest';
import { AbeError } from '../../src/core/abe-error.js';
import { runComponents } from '../../src/runner/run-components.js';
import type { RunEvent } from '../../src/runner/run-event.js';
import { outcomeOf, type StepAction } from '../../src/runner/step-action.js';
import { isRunning, waitFor } from '../helpers/processes.js';
import {
  at,
  configOf,
  fillDiskUnder,
  makeTempDir,
  maxConcurrent,
  orderedRecipe,
  readLines,
  writeMakefile,
} from './runner-fixtures.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function tempRoot(): Promise<string> {
  const { dir, remove } = await makeTempDir('run');
  cleanups.push(remove);
  return dir;
}

const baseEnv = { PATH: process.env.PATH };
const execFileAsync = promisify(execFile);

describe('runComponents', () => {
  test('a diamond runs w only after both y and z, and y and z side by side', async () => {
    const root = await tempRoot();
    const orderLog = join(root, 'order.log');
    const barrier = join(root, 'barrier');
    await mkdir(barrier);
    // y and z each wait until the other has started: they pass only if they ran at the same time.
    const meetTheOther = (other: string): string[] => [
      '@echo "start $$NAME" >> "$$ORDER_LOG"',
      '@touch "$$BARRIER/$$NAME"',
      `@i=0; while [ ! -e "$$BARRIER/${other}" ] && [ $$i -lt 400 ]; do sleep 0.05; i=$$((i+1)); done; test -e "$$BARRIER/${other}"`,
      '@echo "end $$NAME" >> "$$ORDER_LOG"',
    ];
    await writeMakefile(join(root, 'x'), { test: orderedRecipe(0.1) });
    await writeMakefile(join(root, 'y'), { test: meetTheOther('z') });
    await writeMakefile(join(root, 'z'), { test: meetTheOther('y') });
    await writeMakefile(join(root, 'w'), { test: orderedRecipe(0.1) });
    const config = configOf(root, [
      { name: 'x' },
      { name: 'y', upstream: ['x'] },
      { name: 'z', upstream: ['x'] },
      { name: 'w', upstream: ['y', 'z'] },
    ]);

    const result = await runComponents({
      config,
      components: ['w', 'z', 'y', 'x'],
      steps: ['test'],
      tag: 't1',
      concurrency: 4,
      env: { ...baseEnv, ORDER_LOG: orderLog, BARRIER: barrier },
    });

    expect(result.steps.map((s) => [s.component, s.status])).toEqual([
      ['x', 'passed'],
      ['y', 'passed'],
      ['z', 'passed'],
      ['w', 'passed'],
    ]);
    const lines = await readLines(orderLog);
    expect(at(lines, 'start y')).toBeGreaterThan(at(lines, 'end x'));
    expect(at(lines, 'start z')).toBeGreaterThan(at(lines, 'end x'));
    expect(at(lines, 'start w')).toBeGreaterThan(at(lines, 'end y'));
    expect(at(lines, 'start w')).toBeGreaterThan(at(lines, 'end z'));
  });

  test('-j caps how many components run at once', async () => {
    const root = await tempRoot();
    const orderLog = join(root, 'order.log');
    const names = ['a', 'b', 'c', 'd', 'e', 'f'];
    for (const name of names) await writeMakefile(join(root, name), { test: orderedRecipe(0.3) });
    const config = configOf(
      root,
      names.map((name) => ({ name })),
    );

    const result = await runComponents({
      config,
      components: names,
      steps: ['test'],
      tag: 't1',
      concurrency: 2,
      env: { ...baseEnv, ORDER_LOG: orderLog },
    });

    expect(result.steps.every((s) => s.status === 'passed')).toBe(true);
    const lines = await readLines(orderLog);
    expect(lines).toHaveLength(12);
    expect(maxConcurrent(lines)).toBe(2);
  });

  test('a failing component skips its downstream and its later steps while the others still run', async () => {
    const root = await tempRoot();
    const orderLog = join(root, 'order.log');
    await writeMakefile(join(root, 'a'), { build: orderedRecipe(0.05, 3), test: orderedRecipe(0) });
    await writeMakefile(join(root, 'b'), { build: orderedRecipe(0), test: orderedRecipe(0) });
    await writeMakefile(join(root, 'c'), { build: orderedRecipe(0), test: orderedRecipe(0) });
    await writeMakefile(join(root, 'd'), { build: orderedRecipe(0), test: orderedRecipe(0) });
    const config = configOf(root, [
      { name: 'a' },
      { name: 'b', upstream: ['a'] },
      { name: 'c' },
      { name: 'd', upstream: ['b'] },
    ]);

    const result = await runComponents({
      config,
      components: ['a', 'b', 'c', 'd'],
      steps: ['build', 'test'],
      tag: 't1',
      concurrency: 2,
      env: { ...baseEnv, ORDER_LOG: orderLog },
    });

    const view = result.steps.map((s) => `${s.component}.${s.step} ${s.status} ${s.note ?? ''}`);
    expect(view).toEqual([
      'a.build failed ',
      'a.test skipped "build" failed',
      'b.build skipped upstream "a" failed',
      'b.test skipped upstream "a" failed',
      'c.build passed ',
      'c.test passed ',
      'd.build skipped upstream "a" failed',
      'd.test skipped upstream "a" failed',
    ]);
    const failed = result.steps[0];
    expect(failed?.exitCode).toBe(2);
    expect(failed?.logTail).toContain('a is failing on purpose');
    expect(await readFile(failed?.logFile ?? '', 'utf8')).toContain('a is failing on purpose');
    expect(result.steps.filter((s) => s.status === 'skipped').every((s) => s.blocked)).toBe(true);
    expect(await readLines(orderLog)).not.toContain('start b');
  });

  test('make gets NAME, DOCKER_IMAGE, DOCKER_TAG and an image variable per upstream', async () => {
    const root = await tempRoot();
    await writeMakefile(join(root, 'api'), { build: ['@true'] });
    await writeMakefile(join(root, 'ui'), {
      build: [
        '@printf "%s\\n" "$$NAME" "$$DOCKER_IMAGE" "$$DOCKER_TAG" "$$PLOYST_API_IMAGE" "$${GITHUB_TOKEN-unset}" > env.txt',
      ],
    });
    const config = configOf(
      root,
      [
        { name: 'ployst-api', path: 'api' },
        { name: 'ui', upstream: ['ployst-api'] },
      ],
      { registry: 'registry.example.com/acme/' },
    );

    await runComponents({
      config,
      components: ['ui', 'ployst-api'],
      steps: ['build'],
      tag: '1f3e2d1',
      env: { ...baseEnv, GITHUB_TOKEN: 'ghp_never_for_make' },
    });

    expect((await readFile(join(root, 'ui', 'env.txt'), 'utf8')).split('\n')).toEqual([
      'ui',
      'registry.example.com/acme/ui',
      '1f3e2d1',
      'registry.example.com/acme/ployst-api:1f3e2d1',
      'unset',
      '',
    ]);
  });

  test('no shell sits between abe and make: metacharacters in paths and values arrive intact', async () => {
    const root = await tempRoot();
    const path = 'odd $(touch pwned); `touch pwned2` & x';
    const value = 'v1;touch pwned3 && echo $HOME "quoted"';
    await writeMakefile(join(root, path), {
      build: ['@printenv EXTRA > value.txt', '@pwd > pwd.txt'],
    });
    const config = configOf(root, [{ name: 'odd', path }]);

    const result = await runComponents({
      config,
      components: ['odd'],
      steps: ['build'],
      tag: 't1',
      env: { ...baseEnv, EXTRA: value },
    });

    expect(result.steps[0]?.status).toBe('passed');
    expect(await readFile(join(root, path, 'value.txt'), 'utf8')).toBe(`${value}\n`);
    expect(await readFile(join(root, path, 'pwd.txt'), 'utf8')).toBe(`${join(root, path)}\n`);
    for (const file of ['pwned', 'pwned2', 'pwned3']) {
      await expect(stat(join(root, file))).rejects.toThrow();
      await expect(stat(join(root, path, file))).rejects.toThrow();
    }
  });

  test('the command line a log starts with is quoted for a shell: pasted into sh, it runs the same arguments', async () => {
    const root = await tempRoot();
    const path = "odd $(touch pwned); `touch pwned2` & it's";
    await writeMakefile(join(root, path), { build: ['@true'] });
    const config = configOf(root, [{ name: 'odd', path }]);

    const result = await runComponents({
      config,
      components: ['odd'],
      steps: ['build'],
      tag: 't1',
      env: baseEnv,
    });

    const [first] = (await readFile(result.steps[0]?.logFile ?? '', 'utf8')).split('\n');
    expect(first?.startsWith('$ make -C ')).toBe(true);
    // printf prints each argument sh parsed from the line on a line of its own.
    const { stdout } = await execFileAsync('sh', ['-c', `printf '%s\\n' ${first?.slice(2)}`], {
      cwd: root,
    });
    expect(stdout).toBe(['make', '-C', path, 'build', ''].join('\n'));
    for (const file of ['pwned', 'pwned2']) await expect(stat(join(root, file))).rejects.toThrow();
  });

  test('each step writes its own log file under .abe/logs, starting with the command', async () => {
    const root = await tempRoot();
    await writeMakefile(join(root, 'api'), {
      build: ['@echo building'],
      test: ['@echo testing >&2'],
    });
    const config = configOf(root, [{ name: 'api' }]);

    const result = await runComponents({
      config,
      components: ['api'],
      steps: ['build', 'test'],
      tag: 't',
      env: baseEnv,
    });

    expect(result.steps.map((s) => s.logFile)).toEqual([
      join(root, '.abe', 'logs', 'api.build.log'),
      join(root, '.abe', 'logs', 'api.test.log'),
    ]);
    const buildLog = await readFile(join(root, '.abe', 'logs', 'api.build.log'), 'utf8');
    expect(buildLog.split('\n').slice(0, 2)).toEqual([
      '$ make -C api build',
      expect.stringContaining('Entering directory'),
    ]);
    expect(buildLog).toContain('building\n');
    expect(await readFile(join(root, '.abe', 'logs', 'api.test.log'), 'utf8')).toContain(
      'testing\n',
    );
  });

  test('a new run replaces the last log, and a symbolic link at its path is not written through', async () => {
    const root = await tempRoot();
    await writeMakefile(join(root, 'api'), { build: ['@echo second run'] });
    const config = configOf(root, [{ name: 'api' }]);
    const logs = join(root, '.abe', 'logs');
    await mkdir(logs, { recursive: true });
    const outside = join(root, 'outside.txt');
    await writeFile(outside, 'keep me\n');
    await symlink(outside, join(logs, 'api.build.log'));
    await writeFile(
      join(logs, 'api.test.log'),
      'an old, longer log from the last run\n'.repeat(50),
    );

    await runComponents({ config, components: ['api'], steps: ['build'], tag: 't', env: baseEnv });
    await writeMakefile(join(root, 'api'), { build: ['@echo second run'], test: ['@echo short'] });
    await runComponents({ config, components: ['api'], steps: ['test'], tag: 't', env: baseEnv });

    expect(await readFile(outside, 'utf8')).toBe('keep me\n');
    expect((await lstat(join(logs, 'api.build.log'))).isFile()).toBe(true);
    expect(await readFile(join(logs, 'api.build.log'), 'utf8')).toContain('second run\n');
    const testLog = await readFile(join(logs, 'api.test.log'), 'utf8');
    expect(testLog).toContain('short\n');
    expect(testLog).not.toContain('an old, longer log');
  });
  test('events report each step start before its end', async () => {
    const root = await tempRoot();
    await writeMakefile(join(root, 'api'), { build: ['@true'] });
    const config = configOf(root, [{ name: 'api' }]);
    const events: RunEvent[] = [];

    await runComponents({
      config,
      components: ['api'],
      steps: ['build'],
      tag: 't',
      env: baseEnv,
      onEvent: (event) => events.push(event),
    });

    expect(events.map((e) => e.type)).toEqual(['step-start', 'step-end']);
  });

  test('an unknown component name is a config error that suggests the right one', async () => {
    const root = await tempRoot();
    const config = configOf(root, [{ name: 'integration-tests' }]);

    await expect(
      runComponents({ config, components: ['intgration-tests'], steps: ['test'], tag: 't' }),
    ).rejects.toThrow('Did you mean "integration-tests"?');
  });

  test('aborting stops every process the components started, including ones that ignore SIGTERM', async () => {
    const root = await tempRoot();
    const pids = join(root, 'pids');
    await writeFile(pids, '');
    // Each target leaves two background sleepers (one immune to SIGTERM) and waits on a third.
    const sleepers = [
      '@sleep 300 & echo $$! >> "$$PIDS"; \\',
      '  sh -c \'trap "" TERM; sleep 300\' & echo $$! >> "$$PIDS"; \\',
      '  echo $$$$ >> "$$PIDS"; sleep 300',
    ];
    await writeMakefile(join(root, 'a'), { test: sleepers });
    await writeMakefile(join(root, 'b'), { test: sleepers });
    await writeMakefile(join(root, 'c'), { test: ['@true'] });
    const config = configOf(root, [{ name: 'a' }, { name: 'b' }, { name: 'c', upstream: ['a'] }]);
    const controller = new AbortController();

    const running = runComponents({
      config,
      components: ['a', 'b', 'c'],
      steps: ['test'],
      tag: 't',
      concurrency: 2,
      env: { ...baseEnv, PIDS: pids },
      signal: controller.signal,
      killGraceMs: 300,
    });
    await waitFor(async () => (await readLines(pids)).length === 6);
    const recorded = (await readLines(pids)).map(Number);
    for (const pid of recorded) expect(await isRunning(pid)).toBe(true);
    controller.abort('SIGINT');
    const result = await running;

    for (const pid of recorded) expect(await isRunning(pid)).toBe(false);
    expect(result.aborted).toBe(true);
    expect(result.steps.map((s) => `${s.component} ${s.status} ${s.note}`)).toEqual([
      'a failed cancelled',
      'b failed cancelled',
      'c skipped cancelled',
    ]);
  });
});

describe('runComponents: make that did nothing', () => {
  /** `api` with a `test/` folder and a Makefile whose test target echoes to a file. */
  async function apiWithTestFolder(makefileText: string): Promise<string> {
    const root = await tempRoot();
    await mkdir(join(root, 'api', 'test'), { recursive: true });
    await writeFile(join(root, 'api', 'test', 'app.test.sh'), 'exit 1\n');
    await writeFile(join(root, 'api', 'Makefile'), makefileText);
    return root;
  }
  const RECIPES = 'build:\n\t@echo built\ntest:\n\t@echo tested > ran.txt\n';

  test('a test target that is not phony beside a test/ folder fails (make said it is up to date) until it is declared phony', async () => {
    const root = await apiWithTestFolder(RECIPES);
    const config = configOf(root, [{ name: 'api' }]);
    const run = () =>
      runComponents({ config, components: ['api'], steps: ['test'], tag: 't', env: baseEnv });

    const [step] = (await run()).steps;
    expect(step?.status).toBe('failed');
    expect(step?.exitCode).toBe(0);
    expect(step?.note).toBe(
      `make did nothing for api's "test": a file or directory named test is up to date, so its recipe did not run; declare the targets phony (.PHONY: build test)`,
    );
    await expect(stat(join(root, 'api', 'ran.txt'))).rejects.toThrow();
    const log = await readFile(step?.logFile ?? '', 'utf8');
    expect(log).toContain("make: 'test' is up to date.\n");
    expect(log).toContain(`abe: ${step?.note}.\n`);
    expect(step?.logTail).toContain('abe: make exits 0 when it runs nothing');

    await writeFile(join(root, 'api', 'Makefile'), `.PHONY: build test\n${RECIPES}`);
    expect((await run()).steps.map((s) => [s.status, s.note])).toEqual([['passed', null]]);
    expect(await readFile(join(root, 'api', 'ran.txt'), 'utf8')).toBe('tested\n');
  });

  test('a target with no recipe fails: make said there is nothing to be done', async () => {
    const root = await tempRoot();
    await mkdir(join(root, 'api'));
    await writeFile(
      join(root, 'api', 'Makefile'),
      '.PHONY: build test\nbuild:\n\t@echo built\ntest:\n',
    );
    const config = configOf(root, [{ name: 'api', steps: ['test'] }]);

    const result = await runComponents({
      config,
      components: ['api'],
      steps: ['test'],
      tag: 't',
      env: baseEnv,
    });

    const [step] = result.steps;
    expect(step?.status).toBe('failed');
    expect(step?.note).toBe(
      `make did nothing for api's "test": it has no recipe; give it one and declare the targets phony (.PHONY: test), or leave the step out with steps= in builder.ini`,
    );
    expect(await readFile(step?.logFile ?? '', 'utf8')).toContain(
      "make: Nothing to be done for 'test'.\n",
    );
  });

  test("a sub-make's nothing-to-be-done is not the step's: build, which runs it, passes; test, which has no recipe, fails", async () => {
    const root = await tempRoot();
    await mkdir(join(root, 'api', 'sub'), { recursive: true });
    await writeFile(
      join(root, 'api', 'Makefile'),
      '.PHONY: build test\nbuild:\n\t@$(MAKE) -C sub build\ntest:\n',
    );
    await writeFile(join(root, 'api', 'sub', 'Makefile'), '.PHONY: build\nbuild:\n');
    const config = configOf(root, [{ name: 'api' }]);

    const result = await runComponents({
      config,
      components: ['api'],
      steps: ['build', 'test'],
      tag: 't',
      env: baseEnv,
    });

    expect(result.steps.map((s) => `${s.step} ${s.status}`)).toEqual([
      'build passed',
      'test failed',
    ]);
    const buildLog = await readFile(result.steps[0]?.logFile ?? '', 'utf8');
    expect(buildLog).toContain("make[1]: Nothing to be done for 'build'.\n");
    expect(buildLog).toMatch(/make\[1\]: Leaving directory .*\nmake: Leaving directory .*\n$/);
  });

  test('run under make (MAKELEVEL=1), the make abe starts is make[1], and its nothing-to-be-done fails the step', async () => {
    const root = await tempRoot();
    await writeMakefile(join(root, 'api'), { test: [] });
    const config = configOf(root, [{ name: 'api' }]);

    const result = await runComponents({
      config,
      components: ['api'],
      steps: ['test'],
      tag: 't',
      env: { ...baseEnv, MAKELEVEL: '1' },
    });

    expect(result.steps[0]?.status).toBe('failed');
    expect(await readFile(result.steps[0]?.logFile ?? '', 'utf8')).toContain(
      "make[1]: Nothing to be done for 'test'.\n",
    );
  });
});

describe('runComponents: steps= in builder.ini', () => {
  test('steps=test skips build as nothing to do and runs test; its downstream still runs', async () => {
    const root = await tempRoot();
    const orderLog = join(root, 'order.log');
    await writeMakefile(join(root, 'api'), { build: orderedRecipe(0), test: orderedRecipe(0) });
    await writeMakefile(join(root, 'web'), { build: orderedRecipe(0), test: orderedRecipe(0) });
    const config = configOf(root, [
      { name: 'api', steps: ['test'] },
      { name: 'web', upstream: ['api'] },
    ]);

    const result = await runComponents({
      config,
      components: ['api', 'web'],
      steps: ['build', 'test'],
      tag: 't',
      env: { ...baseEnv, ORDER_LOG: orderLog },
    });

    expect(
      result.steps.map((s) => `${s.component}.${s.step} ${s.status} ${s.note} ${s.blocked}`),
    ).toEqual([
      'api.build skipped no build step (steps=test in builder.ini) false',
      'api.test passed null false',
      'web.build passed null false',
      'web.test passed null false',
    ]);
    expect((await readLines(orderLog)).filter((line) => line.startsWith('start'))).toEqual([
      'start api',
      'start web',
      'start web',
    ]);
  });

  test('steps=none runs nothing in a component that has no Makefile', async () => {
    const root = await tempRoot();
    await mkdir(join(root, 'docs'));
    await writeMakefile(join(root, 'api'), { build: ['@true'], test: ['@true'] });
    const config = configOf(root, [{ name: 'docs', steps: [] }, { name: 'api' }]);

    const result = await runComponents({
      config,
      components: ['docs', 'api'],
      steps: ['build', 'test'],
      tag: 't',
      env: baseEnv,
    });

    expect(result.steps.map((s) => `${s.component}.${s.step} ${s.status} ${s.note}`)).toEqual([
      'docs.build skipped no build step (steps=none in builder.ini)',
      'docs.test skipped no test step (steps=none in builder.ini)',
      'api.build passed null',
      'api.test passed null',
    ]);
  });

  test('a step left out by steps= keeps its own note when an upstream failed', async () => {
    const root = await tempRoot();
    await writeMakefile(join(root, 'api'), { build: ['@exit 3'] });
    await writeMakefile(join(root, 'web'), { test: ['@true'] });
    const config = configOf(root, [
      { name: 'api' },
      { name: 'web', upstream: ['api'], steps: ['test'] },
    ]);

    const result = await runComponents({
      config,
      components: ['api', 'web'],
      steps: ['build', 'test'],
      tag: 't',
      env: baseEnv,
    });

    expect(
      result.steps.map((s) => `${s.component}.${s.step} ${s.status} ${s.note} ${s.blocked}`),
    ).toEqual([
      'api.build failed null false',
      'api.test skipped "build" failed true',
      'web.build skipped no build step (steps=test in builder.ini) false',
      'web.test skipped upstream "api" failed true',
    ]);
  });
});

describe('runComponents: a component without a Makefile', () => {
  test('is a config error before anything runs, so no other component runs either', async () => {
    const root = await tempRoot();
    const orderLog = join(root, 'order.log');
    await writeMakefile(join(root, 'api'), { build: orderedRecipe(0), test: orderedRecipe(0) });
    await mkdir(join(root, 'web'));
    const config = configOf(root, [{ name: 'api' }, { name: 'web', upstream: ['api'] }]);
    const events: RunEvent[] = [];

    const running = runComponents({
      config,
      components: ['api', 'web'],
      steps: ['build', 'test'],
      tag: 't',
      env: { ...baseEnv, ORDER_LOG: orderLog },
      onEvent: (event) => events.push(event),
    });

    const error = await running.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AbeError);
    expect((error as AbeError).code).toBe('config.invalid');
    expect((error as AbeError).message).toContain(
      'component "web" has no Makefile: this run runs make in web/ for build and test',
    );
    expect(events).toEqual([]);
    expect(await readLines(orderLog)).toEqual([]);
    await expect(stat(join(root, '.abe'))).rejects.toThrow();
  });
});

describe('runComponents: log files', () => {
  test('regression: components named "a b" and "a_b" write different logs, each with its own output', async () => {
    const root = await tempRoot();
    await writeMakefile(join(root, 'space'), { test: ['@echo "output of a b"', '@exit 3'] });
    await writeMakefile(join(root, 'underscore'), { test: ['@echo "output of a_b"'] });
    const config = configOf(root, [
      { name: 'a b', path: 'space' },
      { name: 'a_b', path: 'underscore' },
    ]);

    const result = await runComponents({
      config,
      components: ['a b', 'a_b'],
      steps: ['test'],
      tag: 't',
      concurrency: 2,
      env: baseEnv,
    });

    const [spaced, underscored] = result.steps;
    expect(spaced?.logFile).toBe(join(root, '.abe', 'logs', 'a%20b.test.log'));
    expect(underscored?.logFile).toBe(join(root, '.abe', 'logs', 'a_b.test.log'));
    expect(spaced?.status).toBe('failed');
    expect(spaced?.logTail).toContain('output of a b');
    expect(spaced?.logTail).not.toContain('output of a_b');
    expect(await readFile(underscored?.logFile ?? '', 'utf8')).not.toContain('output of a b');
  });

  test('a log that cannot be opened fails its step, which does not run; the others run and the run ends', async () => {
    const root = await tempRoot();
    const orderLog = join(root, 'order.log');
    for (const name of ['api', 'web', 'mailer']) {
      await writeMakefile(join(root, name), { test: orderedRecipe(0) });
    }
    // A directory where the log should go: neither removed nor opened for writing.
    await mkdir(join(root, '.abe', 'logs', 'api.test.log'), { recursive: true });
    const config = configOf(root, [
      { name: 'api' },
      { name: 'web', upstream: ['api'] },
      { name: 'mailer' },
    ]);
    const events: RunEvent[] = [];

    const result = await runComponents({
      config,
      components: ['api', 'web', 'mailer'],
      steps: ['test'],
      tag: 't',
      env: { ...baseEnv, ORDER_LOG: orderLog },
      onEvent: (event) => events.push(event),
    });

    expect(result.steps.map((s) => `${s.component} ${s.status} ${s.note}`)).toEqual([
      'api failed cannot write the log .abe/logs/api.test.log (EISDIR: illegal operation on a directory), so the step did not run: make sure abe can create and write files in .abe/logs',
      'web skipped upstream "api" failed',
      'mailer passed null',
    ]);
    expect(result.steps[0]).toMatchObject({ logFile: null, exitCode: null, startedAt: null });
    expect(await readLines(orderLog)).toEqual(['start mailer', 'end mailer']);
    expect(events.filter((e) => e.type === 'step-start').map((e) => e.component)).toEqual([
      'mailer',
    ]);
  });

  test('regression: a full disk (ENOSPC) under a log fails that step with the reason, instead of ending the run', async () => {
    const root = await tempRoot();
    const orderLog = join(root, 'order.log');
    for (const name of ['api', 'web', 'mailer']) {
      await writeMakefile(join(root, name), { test: orderedRecipe(0) });
    }
    const config = configOf(root, [
      { name: 'api' },
      { name: 'web', upstream: ['api'] },
      { name: 'mailer' },
    ]);

    const result = await runComponents({
      config,
      components: ['api', 'web', 'mailer'],
      steps: ['test'],
      tag: 't',
      concurrency: 1,
      env: { ...baseEnv, ORDER_LOG: orderLog },
      // The log is open, and nothing is written to it yet: the disk fills up now.
      onEvent: (event) => {
        if (event.type === 'step-start' && event.component === 'api') fillDiskUnder(event.logFile);
      },
    });

    expect(result.steps.map((s) => `${s.component} ${s.status} ${s.note}`)).toEqual([
      'api failed cannot write the log .abe/logs/api.test.log (ENOSPC: no space left on device), so the step did not run: free space on the disk that holds .abe/logs',
      'web skipped upstream "api" failed',
      'mailer passed null',
    ]);
    expect(result.steps[0]?.exitCode).toBeNull();
    expect(await readLines(orderLog)).toEqual(['start mailer', 'end mailer']);
  });

  test('a log directory that cannot be made fails every step with the reason', async () => {
    const root = await tempRoot();
    await writeMakefile(join(root, 'api'), { test: ['@true'] });
    await writeFile(join(root, '.abe'), 'a file where the .abe directory should be\n');
    const config = configOf(root, [{ name: 'api' }]);

    const result = await runComponents({
      config,
      components: ['api'],
      steps: ['test'],
      tag: 't',
      env: baseEnv,
    });

    expect(result.steps.map((s) => `${s.status} ${s.note}`)).toEqual([
      'failed cannot write the log .abe/logs/api.test.log (ENOTDIR: not a directory), so the step did not run: make sure abe can create and write files in .abe/logs',
    ]);
  });
});

describe('runComponents: a full disk while a command runs', () => {
  test('output a step captures that cannot be copied to its log fails the step: its log is not whole', async () => {
    const root = await tempRoot();
    await mkdir(join(root, 'api'));
    const config = configOf(root, [{ name: 'api', steps: [] }]);
    let captured = '';
    const version: StepAction = async (context) => {
      const running = context.exec('sh', ['-c', 'sleep 0.2; echo 1.4.2'], { captureStdout: true });
      // The command runs; the disk fills up before it prints.
      fillDiskUnder(context.logFile);
      const result = await running;
      captured = result.stdout;
      return outcomeOf(result, 'sh');
    };

    const result = await runComponents({
      config,
      components: ['api'],
      steps: ['version'],
      tag: 't',
      env: baseEnv,
      actions: { version },
    });

    expect(captured).toBe('1.4.2\n');
    expect(result.steps.map((s) => `${s.status} ${s.exitCode} ${s.note}`)).toEqual([
      'failed 0 cannot write the log .abe/logs/api.version.log (ENOSPC: no space left on device), so the log is not whole: free space on the disk that holds .abe/logs',
    ]);
  });
});
