import { existsSync, readFileSync } from 'node:fs';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { readLedger } from '../../src/ledger/read-ledger.js';
import type { GitRepo } from '../helpers/git-repo.js';
import { runCli } from '../helpers/run-cli.js';
import { makefile, makeRepo } from '../runner/runner-fixtures.js';

// A real `abe test` on a real git repository: make runs node scripts that use the built
// package (dist/, `npm run build` first), a provider test in `users` and an msw consumer in
// `mailer`. What they record must land in <root>/.abe/ledger named after their component.
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const dist = (entry: string): string => pathToFileURL(join(REPO, 'dist', entry)).href;

const CONTRACT = readFileSync(join(REPO, 'fixtures/ledger/repo/api/users/get.json'), 'utf8');

const INI = `[users]
path=users
contracts=contracts/*.json

[mailer]
path=mailer
consumes=users
`;

const PROVIDER_TEST = `import { expectMatchesExample } from '${dist('provider/index.js')}';
const app = (request) => Response.json({ id: 1, name: 'Ada' });
await expectMatchesExample(app, 'contracts/get.json', 'OK');
`;

const CONSUMER_TEST = `import { setupServer } from 'msw/node';
import { mockFromAbe } from '${dist('msw/index.js')}';
const server = setupServer(...mockFromAbe('../users/contracts/get.json', { baseUrl: 'http://users.test' }));
server.listen();
const response = await fetch('http://users.test/users/9');
if (response.status !== 404) throw new Error('expected the "not found" example');
server.close();
`;

const FILES = {
  'builder.ini': INI,
  'users/Makefile': makefile({ build: ['@true'], test: ['@node provider.test.mjs'] }),
  'users/contracts/get.json': CONTRACT,
  'users/provider.test.mjs': PROVIDER_TEST,
  'mailer/Makefile': makefile({ build: ['@true'], test: ['@node consumer.test.mjs'] }),
  'mailer/consumer.test.mjs': CONSUMER_TEST,
};

const repos: GitRepo[] = [];
afterEach(async () => {
  for (const repo of repos.splice(0)) await repo.cleanup();
});

async function repoWithTests(): Promise<GitRepo> {
  const repo = await makeRepo(FILES);
  repos.push(repo);
  // The consumer's script finds msw as a project would: in its node_modules.
  await mkdir(join(repo.dir, 'node_modules'), { recursive: true });
  await symlink(join(REPO, 'node_modules/msw'), join(repo.dir, 'node_modules/msw'), 'dir');
  return repo;
}

describe('abe test records a ledger', () => {
  test('each step records under its component, and run.json describes the run', async () => {
    const repo = await repoWithTests();
    const ledger = join(repo.dir, '.abe/ledger');
    // A file of an earlier run: emptied at the start, it must not count in this one.
    await mkdir(ledger, { recursive: true });
    await writeFile(join(ledger, 'users-1-stale000.jsonl'), 'left from the last run\n');

    const run = await runCli(['test', '--all'], { cwd: repo.dir, env: { PATH: process.env.PATH } });
    expect(run.code, run.stdout + run.stderr).toBe(0);

    const read = await readLedger(ledger);
    expect(read.partialLines).toBe(0);
    const seen = read.entries.map(({ component, side, contract, label, outcome, tool }) => ({
      component,
      side,
      contract,
      label,
      outcome,
      tool,
    }));
    expect(seen).toEqual(
      expect.arrayContaining([
        {
          component: 'users',
          side: 'provider',
          contract: 'users/contracts/get.json',
          label: 'OK',
          outcome: 'passed',
          tool: 'expectMatchesExample',
        },
        {
          component: 'mailer',
          side: 'consumer',
          contract: 'users/contracts/get.json',
          label: 'not found',
          outcome: 'served',
          tool: 'mockFromAbe',
        },
      ]),
    );
    expect(seen).toHaveLength(2);
    expect(existsSync(join(ledger, 'users-1-stale000.jsonl'))).toBe(false);

    const runJson = JSON.parse(readFileSync(join(ledger, 'run.json'), 'utf8'));
    expect(runJson).toEqual({
      v: 1,
      command: 'test',
      all: true,
      components: ['users', 'mailer'],
      startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      head: repo.git('rev-parse', 'HEAD').trim(),
    });
  });

  test('ABE_LEDGER=off sets no variables, writes no run.json and records nothing', async () => {
    const repo = await repoWithTests();
    const run = await runCli(['test', '--all'], {
      cwd: repo.dir,
      env: { PATH: process.env.PATH, ABE_LEDGER: 'off' },
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(existsSync(join(repo.dir, '.abe/ledger'))).toBe(false);
  });
});
