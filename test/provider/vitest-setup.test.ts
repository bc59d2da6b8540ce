import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

// Runs real vitest, in a child process, on a consumer project whose test files forget
// `afterEach(() => abeMocks.assertNoViolations())`: once with `abe-ts/vitest/setup` in its
// setup files, once without, so that what fails with it is shown to fail because of it. The
// project's config aliases the abe-ts entries to this repository's sources: no build needed.
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = join(REPO, 'fixtures/provider/setup-vitest-project');
const VITEST = join(REPO, 'node_modules/vitest/vitest.mjs');

let project = '';

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'abe-vitest-setup-'));
  await cp(FIXTURE, project, { recursive: true });
  await mkdir(join(project, 'node_modules'));
  await symlink(REPO, join(project, 'node_modules/abe-ts'), 'dir');
  for (const name of ['vitest', 'msw']) {
    await symlink(join(REPO, 'node_modules', name), join(project, 'node_modules', name), 'dir');
  }
});

afterAll(async () => {
  if (project !== '') await rm(project, { recursive: true, force: true });
});

interface TestOutcome {
  readonly title: string;
  readonly status: string;
  readonly failure: string;
}

interface JsonReport {
  testResults: {
    assertionResults: { title: string; status: string; failureMessages: string[] }[];
  }[];
}

function runVitest(
  config: 'vitest.config.js' | 'vitest.no-setup.config.js',
  testFile: string,
): Promise<{ code: number | null; tests: TestOutcome[]; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [VITEST, 'run', '--root', project, '--config', config, '--reporter=json', testFile],
      { cwd: project, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', CI: '1' } },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      const start = stdout.indexOf('{');
      if (start === -1) {
        fail(new Error(`vitest printed no report (exit ${code}):\n${stdout}\n${stderr}`));
        return;
      }
      const report = JSON.parse(stdout.slice(start)) as JsonReport;
      const tests = report.testResults
        .flatMap((file) => file.assertionResults)
        .map(({ title, status, failureMessages }) => ({
          title,
          status,
          failure: failureMessages.join('\n'),
        }));
      done({ code, tests, output: `${stdout}\n${stderr}` });
    });
  });
}

const statuses = (tests: readonly TestOutcome[]) =>
  tests.map(({ title, status }) => [title, status]);

describe('abe-ts/vitest/setup under real vitest', () => {
  test('a request no example allows fails the test that sent it, though the consumer swallowed the error and the file has no afterEach for it', async () => {
    const { code, tests } = await runVitest('vitest.config.js', 'swallowed-violation.test.js');
    expect(statuses(tests)).toEqual([
      ['a consumer asks for a user no example describes and swallows the error', 'failed'],
      ['the next test is not blamed for it', 'passed'],
    ]);
    expect(tests[0]?.failure).toContain(
      'AbeError: abe-ts/msw: 1 request failed against the contracts',
    );
    expect(tests[0]?.failure).toContain(
      'GET https://api.example.test/users/7 is not allowed by any example of GET /users/[0-9]+',
    );
    expect(tests[0]?.failure).toContain('Nearest example: "OK"');
    expect(code).toBe(1);
  });

  test('without the setup file the same tests pass: the setup is what fails them', async () => {
    const { code, tests } = await runVitest(
      'vitest.no-setup.config.js',
      'swallowed-violation.test.js',
    );
    expect(statuses(tests)).toEqual([
      ['a consumer asks for a user no example describes and swallows the error', 'passed'],
      ['the next test is not blamed for it', 'passed'],
    ]);
    expect(code).toBe(0);
  });

  test('what test 1 pinned and used is gone in test 2', async () => {
    const { code, tests, output } = await runVitest('vitest.config.js', 'pins.test.js');
    expect(statuses(tests), output).toEqual([
      ['test 1 pins "not found"', 'passed'],
      ['test 2 gets the default example again', 'passed'],
      ['test 3 sees only the examples it used', 'passed'],
    ]);
    expect(code).toBe(0);
  });

  test('without the setup file, the pin of test 1 still answers later, and its use is still listed', async () => {
    const { code, tests } = await runVitest('vitest.no-setup.config.js', 'pins.test.js');
    expect(statuses(tests)).toEqual([
      ['test 1 pins "not found"', 'passed'],
      ['test 2 gets the default example again', 'failed'],
      ['test 3 sees only the examples it used', 'failed'],
    ]);
    expect(tests[1]?.failure).toContain('expected 404 to be 200');
    expect(tests[2]?.failure).toContain("expected [ 'not found' ] to deeply equal [ 'OK' ]");
    expect(code).toBe(1);
  });

  test('the setup file registers toMatchExample as well', async () => {
    const { code, tests, output } = await runVitest('vitest.config.js', 'provider.test.js');
    expect(statuses(tests), output).toEqual([
      ['toMatchExample comes with the setup file', 'passed'],
    ]);
    expect(code).toBe(0);
  });
});

// Value-level imports (not `import type`), static or re-exported.
const IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

/** The packages a source file reaches through value-level imports, following its own modules. */
function packagesReached(file: string, seen = new Set<string>()): Set<string> {
  const found = new Set<string>();
  if (seen.has(file)) return found;
  seen.add(file);
  for (const [, specifier] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    if (specifier === undefined) continue;
    if (specifier.startsWith('.')) {
      const next = resolve(dirname(file), specifier.replace(/\.js$/, '.ts'));
      for (const name of packagesReached(next, seen)) found.add(name);
    } else {
      found.add(specifier.startsWith('@') ? specifier : (specifier.split('/')[0] as string));
    }
  }
  return found;
}

describe('the setup files without msw', () => {
  test('neither loads msw, so a provider-only project without it can list them', () => {
    for (const entry of ['src/vitest/setup.ts', 'src/jest/setup.ts']) {
      expect(packagesReached(join(REPO, entry)), entry).not.toContain('msw');
    }
    // The walk does find msw where it is loaded.
    expect(packagesReached(join(REPO, 'src/msw/index.ts'))).toContain('msw');
  });
});
