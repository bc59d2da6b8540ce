import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

// Runs real vitest, in a child process, on a fixture project that registers the matcher
// with `import 'abe-ts/vitest'` in its setup file. Its config aliases the abe-ts entries to
// this repository's sources, so no build is needed.
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = join(REPO, 'fixtures/provider/vitest-project');
const VITEST = join(REPO, 'node_modules/vitest/vitest.mjs');

let project = '';

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'abe-vitest-'));
  await cp(FIXTURE, project, { recursive: true });
  await mkdir(join(project, 'node_modules'));
  await symlink(REPO, join(project, 'node_modules/abe-ts'), 'dir');
  await symlink(join(REPO, 'node_modules/vitest'), join(project, 'node_modules/vitest'), 'dir');
});

afterAll(async () => {
  if (project !== '') await rm(project, { recursive: true, force: true });
});

function runVitest(testFile: string): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [VITEST, 'run', '--root', project, testFile], {
      cwd: project,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', CI: '1' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, output }));
  });
}

describe('abe-ts/vitest under real vitest', () => {
  test('awaited matchers pass with exit code 0', async () => {
    const { code, output } = await runVitest('matches.test.js');
    expect(output).toContain('Tests  3 passed (3)');
    expect(code).toBe(0);
  });

  test('a toMatchExample without await fails its test, saying to await it', async () => {
    const { code, output } = await runVitest('forgotten-await-fails.test.js');
    expect(code).toBe(1);
    expect(output).toContain('Tests  1 failed | 1 passed (2)');
    expect(output).toContain(
      'expect(…).toMatchExample("users.json", "renamed") was not awaited, so it could not fail the test.',
    );
    expect(output).toContain('write `await expect(…).toMatchExample("users.json", "renamed")`');
    expect(output).not.toMatch(/Unhandled/i);
  });

  test('a toMatchExample without await fails its test even when the example holds', async () => {
    const { code, output } = await runVitest('forgotten-await-holds.test.js');
    expect(code).toBe(1);
    expect(output).toContain('Tests  1 failed (1)');
    expect(output).toContain('toMatchExample("users.json", "OK") was not awaited');
  });
});
