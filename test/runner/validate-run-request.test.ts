import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { AbeError } from '../../src/core/abe-error.js';
import type { StepAction } from '../../src/runner/step-action.js';
import { validateRunRequest } from '../../src/runner/validate-run-request.js';
import { configOf, makeTempDir } from './runner-fixtures.js';

const config = configOf('/repo', [{ name: 'api' }, { name: 'integration-tests' }]);

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A temp root with a directory per component; those in `withMakefile` get `<file>`. */
async function rootWith(
  components: readonly string[],
  withMakefile: Readonly<Record<string, string>>,
): Promise<string> {
  const { dir, remove } = await makeTempDir('validate');
  cleanups.push(remove);
  for (const name of components) await mkdir(join(dir, name));
  for (const [name, file] of Object.entries(withMakefile)) {
    await writeFile(join(dir, name, file), '.PHONY: build test\nbuild:\n\t@true\ntest:\n\t@true\n');
  }
  return dir;
}

function errorOf(run: () => void): AbeError {
  try {
    run();
  } catch (error) {
    if (error instanceof AbeError) return error;
    throw error;
  }
  throw new Error('expected an AbeError');
}

const noSteps = { steps: [] };

test('known components and a whole -j of at least 1 pass', () => {
  expect(() =>
    validateRunRequest(config, {
      components: ['integration-tests', 'api'],
      concurrency: 1,
      ...noSteps,
    }),
  ).not.toThrow();
  expect(() =>
    validateRunRequest(config, { components: [], concurrency: 64, ...noSteps }),
  ).not.toThrow();
});

test('a -j below 1 or not whole is a usage error that quotes it', () => {
  for (const concurrency of [0, -2, 1.5, Number.NaN]) {
    const error = errorOf(() =>
      validateRunRequest(config, { components: ['api'], concurrency, ...noSteps }),
    );
    expect(error.code).toBe('usage');
    expect(error.message).toBe(`-j must be a whole number of at least 1, not "${concurrency}".`);
  }
});

test('an unknown component names the config file, suggests the right one and lists them all', () => {
  const error = errorOf(() =>
    validateRunRequest(config, {
      components: ['api', 'intgration-tests'],
      concurrency: 2,
      ...noSteps,
    }),
  );
  expect(error.code).toBe('config.unknown-component');
  expect(error.message).toBe(
    '"intgration-tests" is not a component of /repo/builder.ini. Did you mean "integration-tests"?\nComponents: api, integration-tests.',
  );
});

test('-j is checked before the component names', () => {
  expect(
    errorOf(() => validateRunRequest(config, { components: ['nope'], concurrency: 0, ...noSteps }))
      .code,
  ).toBe('usage');
});

test('a component without a Makefile is a config error naming it, its directory and both fixes', async () => {
  const root = await rootWith(['api', 'web'], { web: 'Makefile' });
  const twoComponents = configOf(root, [{ name: 'api' }, { name: 'web' }]);

  const error = errorOf(() =>
    validateRunRequest(twoComponents, {
      components: ['api', 'web'],
      steps: ['build', 'test'],
      concurrency: 2,
    }),
  );

  expect(error.code).toBe('config.invalid');
  expect(error.message).toBe(
    `component "api" has no Makefile: this run runs make in api/ for build and test, and api/ holds no GNUmakefile, makefile or Makefile.\nAdd api/Makefile with the targets build and test, declared phony (.PHONY: build test), or list the steps it has in its [api] section of ${root}/builder.ini (steps=build, steps=test, or steps=none for a component with no Makefile).`,
  );
});

test('GNUmakefile and makefile count as a Makefile, as they do for make', async () => {
  const root = await rootWith(['api', 'web'], { api: 'GNUmakefile', web: 'makefile' });
  const twoComponents = configOf(root, [{ name: 'api' }, { name: 'web' }]);

  expect(() =>
    validateRunRequest(twoComponents, {
      components: ['api', 'web'],
      steps: ['build', 'test'],
      concurrency: 1,
    }),
  ).not.toThrow();
});

test('only the steps that run make need a Makefile: steps=, release-process and actions decide', async () => {
  const root = await rootWith(['none', 'tested', 'docker', 'custom'], {});
  const release: StepAction = async () => ({ status: 'passed', exitCode: 0 });
  const mixed = configOf(root, [
    { name: 'none', steps: [] },
    { name: 'tested', steps: ['test'] },
    { name: 'docker', releaseProcess: 'docker' },
    { name: 'custom', releaseProcess: 'custom' },
  ]);
  const check = (components: string[], steps: string[]): void =>
    validateRunRequest(mixed, { components, steps, concurrency: 1, actions: { release } });

  expect(() => check(['none', 'tested'], ['build'])).not.toThrow();
  expect(() => check(['none', 'docker'], ['build', 'test', 'release'])).toThrow(
    'component "docker" has no Makefile: this run runs make in docker/ for build and test,',
  );
  expect(() => check(['none', 'tested', 'docker'], ['release'])).not.toThrow();
  const custom = errorOf(() => check(['custom'], ['release']));
  expect(custom.message).toContain(
    'component "custom" has no Makefile: this run runs make in custom/ for release,',
  );
  expect(custom.message).toContain(
    'Add custom/Makefile with the target release, declared phony (.PHONY: release), or set release-process to docker or none in its [custom] section',
  );
  expect(errorOf(() => check(['none', 'tested'], ['test'])).message).toContain(
    'component "tested" has no Makefile: this run runs make in tested/ for test,',
  );
});

test('every component without a Makefile is named in one error', async () => {
  const root = await rootWith(['api', 'web', 'mailer'], { web: 'Makefile' });
  const three = configOf(root, [{ name: 'api' }, { name: 'web' }, { name: 'mailer' }]);

  const error = errorOf(() =>
    validateRunRequest(three, {
      components: ['mailer', 'web', 'api'],
      steps: ['test'],
      concurrency: 1,
    }),
  );

  expect(error.code).toBe('config.invalid');
  expect(error.message.split('\n')).toEqual([
    '2 components have no Makefile, and this run runs make in each:',
    expect.stringMatching(
      /^- component "api" has no Makefile: .*\. Add api\/Makefile with the target test, declared phony \(\.PHONY: test\)/,
    ),
    expect.stringMatching(/^- component "mailer" has no Makefile: /),
  ]);
});

test('a tag outside Docker’s tag grammar is a usage error, before anything runs', () => {
  const request = { components: ['api'], ...noSteps, concurrency: 1 };

  for (const tag of ['x;id;#', '', '-rc1', '.hidden', 'a:b', 'line\nbreak', 'x'.repeat(129)]) {
    const error = errorOf(() => validateRunRequest(config, { ...request, tag }));
    expect(error.code, JSON.stringify(tag)).toBe('usage');
    expect(error.message).toBe(
      `the image tag ${JSON.stringify(tag)} is not a valid image tag: a tag is 1 to 128 letters, digits, "_", "." and "-", not starting with "." or "-".`,
    );
  }
  for (const tag of ['1f3e2d1', 'v1.4.2', 'feature_x-2', '_', 'x'.repeat(128)]) {
    expect(() => validateRunRequest(config, { ...request, tag })).not.toThrow();
  }
});
