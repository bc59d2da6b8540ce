import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import type { LedgerEntry } from '../../src/ledger/ledger-entry.js';
import { readLedger } from '../../src/ledger/read-ledger.js';

// Real vitest and real jest, in child processes, on the setup-file projects of the provider
// tests (used as they are): with the ledger variables set, each line carries the name of
// the test that verified or used the example. vitest reads abe-ts's sources through the
// project's aliases; jest gets the built package (`npm run build` first).
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const VITEST = join(REPO, 'node_modules/vitest/vitest.mjs');
const JEST = join(REPO, 'node_modules/jest/bin/jest.js');

const temps: string[] = [];
afterAll(async () => {
  await Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function temp(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

function run(command: readonly string[], cwd: string, ledger: string): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, command, {
      cwd,
      env: {
        ...process.env,
        NO_COLOR: '1',
        CI: '1',
        ABE_LEDGER_DIR: ledger,
        ABE_COMPONENT: 'shop',
        ABE_ROOT: cwd,
      },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0 ? done(output) : fail(new Error(`exit ${code}:\n${output}`)),
    );
  });
}

const named = (entries: readonly LedgerEntry[]) =>
  entries
    .map(({ side, label, outcome, tool, test, contract }) => ({
      side,
      label,
      outcome,
      tool,
      test,
      contract,
    }))
    .sort((a, b) => `${a.test}${a.label}`.localeCompare(`${b.test}${b.label}`));

const EXPECTED = [
  {
    side: 'consumer',
    label: 'not found',
    outcome: 'served',
    tool: 'mockFromAbe',
    test: 'test 1 pins "not found"',
  },
  {
    side: 'consumer',
    label: 'OK',
    outcome: 'served',
    tool: 'mockFromAbe',
    test: 'test 2 gets the default example again',
  },
  {
    side: 'consumer',
    label: 'OK',
    outcome: 'served',
    tool: 'mockFromAbe',
    test: 'test 3 sees only the examples it used',
  },
  {
    side: 'provider',
    label: 'OK',
    outcome: 'passed',
    tool: 'toMatchExample',
    test: 'toMatchExample comes with the setup file',
  },
].map((line) => ({ ...line, contract: 'contracts/users.json' }));

describe('test names in the ledger', () => {
  test('under vitest, msw lines carry the test the setup file opened, matcher lines their test', async () => {
    const project = await temp('abe-ledger-vitest-');
    await cp(join(REPO, 'fixtures/provider/setup-vitest-project'), project, { recursive: true });
    await mkdir(join(project, 'node_modules'));
    await symlink(REPO, join(project, 'node_modules/abe-ts'), 'dir');
    for (const name of ['vitest', 'msw']) {
      await symlink(join(REPO, 'node_modules', name), join(project, 'node_modules', name), 'dir');
    }
    const ledger = join(project, '.abe/ledger');
    await run(
      [VITEST, 'run', '--root', project, 'pins.test.js', 'provider.test.js'],
      project,
      ledger,
    );
    expect(named((await readLedger(ledger)).entries)).toEqual(EXPECTED);
  });

  test('under jest, the same lines carry the same names', async () => {
    if (!existsSync(join(REPO, 'dist/jest/setup.js'))) {
      throw new Error('dist/ is missing: run `npm run build` before this test.');
    }
    const project = await temp('abe-ledger-jest-');
    await cp(join(REPO, 'fixtures/provider/setup-jest-project'), project, { recursive: true });
    const installed = join(project, 'node_modules/abe-ts');
    await mkdir(installed, { recursive: true });
    await cp(join(REPO, 'package.json'), join(installed, 'package.json'));
    await cp(join(REPO, 'dist'), join(installed, 'dist'), {
      recursive: true,
      filter: (source) => !source.endsWith('.map') && !source.includes(`${sep}dist${sep}bin`),
    });
    const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    for (const name of [...Object.keys(manifest.dependencies), 'msw']) {
      await symlink(join(REPO, 'node_modules', name), join(project, 'node_modules', name), 'dir');
    }
    const ledger = join(project, '.abe/ledger');
    await run(
      [
        '--experimental-vm-modules',
        JEST,
        '--ci',
        '--cacheDirectory',
        join(project, '.jest-cache'),
        '--runTestsByPath',
        'pins.test.js',
        'provider.test.js',
      ],
      project,
      ledger,
    );
    expect(named((await readLedger(ledger)).entries)).toEqual(EXPECTED);
  });
});
