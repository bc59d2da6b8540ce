import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

// Runs real jest (ESM, --experimental-vm-modules) on a fixture project that imports abe-ts
// through its package exports, from the built dist/ (`npm run build` first).
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = join(REPO, 'fixtures/provider/jest-project');
const JEST = join(REPO, 'node_modules/jest/bin/jest.js');

let project = '';

beforeAll(async () => {
  if (!existsSync(join(REPO, 'dist/jest/index.js'))) {
    throw new Error('dist/jest/index.js is missing: run `npm run build` before this test.');
  }
  project = await mkdtemp(join(tmpdir(), 'abe-jest-'));
  await cp(FIXTURE, project, { recursive: true });
  await mkdir(join(project, 'node_modules'));
  await symlink(REPO, join(project, 'node_modules/abe-ts'), 'dir');
});

afterAll(async () => {
  if (project !== '') await rm(project, { recursive: true, force: true });
});

function runJest(testFile: string): Promise<{ code: number | null; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [
        '--experimental-vm-modules',
        JEST,
        '--ci',
        '--colors=false',
        '--cacheDirectory',
        join(project, '.jest-cache'),
        '--runTestsByPath',
        testFile,
      ],
      { cwd: project, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, output }));
  });
}

describe('abe-ts/jest under real jest', () => {
  test('a test whose examples hold passes with exit code 0', async () => {
    const { code, output } = await runJest('passing.test.js');
    expect(output).toContain('Tests:       3 passed, 3 total');
    expect(code).toBe(0);
  });

  test('a test whose example does not hold fails with exit code 1 and the readable diff', async () => {
    const { code, output } = await runJest('failing.test.js');
    expect(code).toBe(1);
    expect(output).toContain('Tests:       1 failed, 1 total');
    expect(output).toContain(
      'example "renamed" of users.json: the response to GET /users/1 does not match',
    );
    expect(output).toMatch(/\/body\/name\s+expected "Grace", got "Ada"/);
  });

  test('a toMatchExample without await fails its test, saying to await it', async () => {
    const { code, output } = await runJest('forgotten-await.test.js');
    expect(code).toBe(1);
    expect(output).toContain('Tests:       1 failed, 1 passed, 2 total');
    expect(output).toContain(
      'expect(…).toMatchExample("users.json", "renamed") was not awaited, so it could not fail the test.',
    );
  });

  test('a toMatchExample without await fails its test even when the example holds', async () => {
    const { code, output } = await runJest('forgotten-await-holds.test.js');
    expect(code).toBe(1);
    expect(output).toContain('Tests:       1 failed, 1 total');
    expect(output).toContain('toMatchExample("users.json", "OK") was not awaited');
  });
});
