import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

// Runs real jest (ESM, --experimental-vm-modules), in a child process, on a consumer project
// whose test files forget `afterEach(() => abeMocks.assertNoViolations())`: once with
// `abe-ts/jest/setup` in `setupFilesAfterEnv`, once without. abe-ts is installed in the project
// as a package would be, from this repository's package.json (its `exports` map) and built
// dist/ (`npm run build` first), next to its dependencies; msw only where a test needs it.
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = join(REPO, 'fixtures/provider/setup-jest-project');
const JEST = join(REPO, 'node_modules/jest/bin/jest.js');

const projects: string[] = [];
let withMsw = '';
let withoutMsw = '';

/** A copy of the fixture with abe-ts installed, and msw too when `msw` is true. */
async function makeProject(msw: boolean): Promise<string> {
  const project = await mkdtemp(join(tmpdir(), msw ? 'abe-jest-setup-' : 'abe-jest-setup-no-msw-'));
  projects.push(project);
  await cp(FIXTURE, project, { recursive: true });
  const installed = join(project, 'node_modules/abe-ts');
  await mkdir(installed, { recursive: true });
  await cp(join(REPO, 'package.json'), join(installed, 'package.json'));
  // Copied, not linked: a module is resolved from its real path, and from inside this
  // repository `msw` would be found in its node_modules.
  await cp(join(REPO, 'dist'), join(installed, 'dist'), {
    recursive: true,
    filter: (source) => !source.endsWith('.map') && !source.includes(`${sep}dist${sep}bin`),
  });
  const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  for (const name of [...Object.keys(manifest.dependencies), ...(msw ? ['msw'] : [])]) {
    await symlink(join(REPO, 'node_modules', name), join(project, 'node_modules', name), 'dir');
  }
  return project;
}

beforeAll(async () => {
  for (const entry of ['dist/jest/setup.js', 'dist/msw/abe-mocks.js']) {
    if (!existsSync(join(REPO, entry))) {
      throw new Error(`${entry} is missing: run \`npm run build\` before this test.`);
    }
  }
  [withMsw, withoutMsw] = await Promise.all([makeProject(true), makeProject(false)]);
}, 60_000);

afterAll(async () => {
  await Promise.all(projects.map((project) => rm(project, { recursive: true, force: true })));
});

interface TestOutcome {
  readonly title: string;
  readonly status: string;
  readonly failure: string;
}

interface JsonReport {
  testResults: {
    message: string;
    assertionResults: { title: string; status: string; failureMessages: string[] }[];
  }[];
}

interface JestRun {
  readonly code: number | null;
  readonly tests: TestOutcome[];
  /** Errors of a test file that could not run (a setup file that threw, a missing module). */
  readonly fileErrors: string;
  readonly output: string;
}

function runJest(project: string, testFile: string, config?: string): Promise<JestRun> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [
        '--experimental-vm-modules',
        JEST,
        '--ci',
        '--colors=false',
        '--json',
        '--cacheDirectory',
        join(project, '.jest-cache'),
        ...(config === undefined ? [] : ['--config', config]),
        '--runTestsByPath',
        testFile,
      ],
      { cwd: project, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      const start = stdout.indexOf('{');
      if (start === -1) {
        fail(new Error(`jest printed no report (exit ${code}):\n${stdout}\n${stderr}`));
        return;
      }
      const report = JSON.parse(stdout.slice(start)) as JsonReport;
      done({
        code,
        tests: report.testResults
          .flatMap((file) => file.assertionResults)
          .map(({ title, status, failureMessages }) => ({
            title,
            status,
            failure: failureMessages.join('\n'),
          })),
        fileErrors: report.testResults.map((file) => file.message).join('\n'),
        output: `${stdout}\n${stderr}`,
      });
    });
  });
}

const statuses = (tests: readonly TestOutcome[]) =>
  tests.map(({ title, status }) => [title, status]);

describe('abe-ts/jest/setup under real jest', () => {
  test('a request no example allows fails the test that sent it, though the consumer swallowed the error and the file has no afterEach for it', async () => {
    const { code, tests, output } = await runJest(withMsw, 'swallowed-violation.test.js');
    expect(statuses(tests), output).toEqual([
      ['a consumer asks for a user no example describes and swallows the error', 'failed'],
      ['the next test is not blamed for it', 'passed'],
    ]);
    expect(tests[0]?.failure).toContain('abe-ts/msw: 1 request failed against the contracts');
    expect(tests[0]?.failure).toContain(
      'GET https://api.example.test/users/7 is not allowed by any example of GET /users/[0-9]+',
    );
    expect(tests[0]?.failure).toContain('Nearest example: "OK"');
    expect(code).toBe(1);
  });

  test('without the setup file the same tests pass: the setup is what fails them', async () => {
    const { code, tests, output } = await runJest(
      withMsw,
      'swallowed-violation.test.js',
      'jest.no-setup.config.json',
    );
    expect(statuses(tests), output).toEqual([
      ['a consumer asks for a user no example describes and swallows the error', 'passed'],
      ['the next test is not blamed for it', 'passed'],
    ]);
    expect(code).toBe(0);
  });

  test('what test 1 pinned and used is gone in test 2', async () => {
    const { code, tests, output } = await runJest(withMsw, 'pins.test.js');
    expect(statuses(tests), output).toEqual([
      ['test 1 pins "not found"', 'passed'],
      ['test 2 gets the default example again', 'passed'],
      ['test 3 sees only the examples it used', 'passed'],
    ]);
    expect(code).toBe(0);
  });

  test('without the setup file, the pin of test 1 still answers later, and its use is still listed', async () => {
    const { code, tests, output } = await runJest(
      withMsw,
      'pins.test.js',
      'jest.no-setup.config.json',
    );
    expect(statuses(tests), output).toEqual([
      ['test 1 pins "not found"', 'passed'],
      ['test 2 gets the default example again', 'failed'],
      ['test 3 sees only the examples it used', 'failed'],
    ]);
    expect(tests[1]?.failure).toMatch(/Expected: 200\s+Received: 404/);
    expect(tests[2]?.failure).toMatch(/- {3}"OK",\n\+ {3}"not found",/);
    expect(code).toBe(1);
  });

  test('a provider-only project without msw installed runs the setup file, which registers toMatchExample', async () => {
    const { code, tests, output } = await runJest(withoutMsw, 'provider.test.js');
    expect(statuses(tests), output).toEqual([
      ['toMatchExample comes with the setup file', 'passed'],
    ]);
    expect(code).toBe(0);
    // That project really has no msw.
    const consumer = await runJest(withoutMsw, 'swallowed-violation.test.js');
    expect(consumer.fileErrors).toContain("Cannot find module 'msw/node'");
  });

  test('with injectGlobals: false the setup file fails the run, saying how to register the hooks by hand', async () => {
    const { code, fileErrors, output } = await runJest(
      withMsw,
      'no-globals.test.js',
      'jest.no-globals.config.json',
    );
    expect(fileErrors, output).toContain(
      "abe-ts/jest/setup registers its hooks on jest's global afterEach and expect, and this test has none",
    );
    expect(fileErrors).toContain("import { afterEach, expect } from '@jest/globals'");
    expect(code).toBe(1);
  });
});
