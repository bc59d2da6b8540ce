import { readFileSync } from 'node:fs';
import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import type { GitRepo } from '../helpers/git-repo.js';
import { runCli } from '../helpers/run-cli.js';
import { makefile, makeRepo } from '../runner/runner-fixtures.js';

// The gate at the end of a real `abe check`: make runs node scripts against the built package
// (dist/, `npm run build` first). The provider's test verifies only "OK"; the consumer's test
// asks for user 9, so mocks answer with "not found", which no provider test verified.
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const dist = (entry: string): string => pathToFileURL(join(REPO, 'dist', entry)).href;
const CONTRACT = readFileSync(join(REPO, 'fixtures/ledger/repo/api/users/get.json'), 'utf8');
const FILE = 'users/contracts/get.json';
// Where "not found" starts in the contract: the line and column of its key.
const NOT_FOUND_LINE = CONTRACT.split('\n').findIndex((line) => line.includes('"not found"')) + 1;
const NOT_FOUND_COL = (CONTRACT.split('\n')[NOT_FOUND_LINE - 1]?.indexOf('"not found"') ?? 0) + 1;

const INI = `[abe]
base = origin/main

[users]
path=users
contracts=contracts/*.json

[mailer]
path=mailer
consumes=users
`;

const providerTest = (
  label: string,
  fail = false,
) => `import { expectMatchesExample } from '${dist('provider/index.js')}';
const app = (request) =>
  new URL(request.url).pathname === '/users/9'
    ? Response.json({ detail: 'Not found.' }, { status: 404 })
    : Response.json({ id: 1, name: 'Ada' });
await expectMatchesExample(app, 'contracts/get.json', ${JSON.stringify(label)});
${fail ? "throw new Error('a later provider test failed');" : ''}
`;

const consumerTest = (id: number) => `import { setupServer } from 'msw/node';
import { mockFromAbe } from '${dist('msw/index.js')}';
const server = setupServer(...mockFromAbe('../users/contracts/get.json', { baseUrl: 'http://users.test' }));
server.listen();
await fetch('http://users.test/users/${id}');
server.close();
`;

interface Setup {
  readonly ini?: string;
  /** The label the provider's test verifies. */
  readonly verified?: string;
  readonly providerFails?: boolean;
  /** The user id the consumer asks for: 1 uses "OK", 9 "not found". */
  readonly userId?: number;
  readonly lock?: string;
}

const repos: GitRepo[] = [];
afterEach(async () => {
  for (const repo of repos.splice(0)) await repo.cleanup();
});

async function shop(setup: Setup = {}): Promise<GitRepo> {
  const repo = await makeRepo({
    'builder.ini': setup.ini ?? INI,
    'users/Makefile': makefile({ build: ['@true'], test: ['@node provider.test.mjs'] }),
    [FILE]: CONTRACT,
    'users/provider.test.mjs': providerTest(setup.verified ?? 'OK', setup.providerFails),
    'mailer/Makefile': makefile({ build: ['@true'], test: ['@node consumer.test.mjs'] }),
    'mailer/consumer.test.mjs': consumerTest(setup.userId ?? 9),
    ...(setup.lock === undefined ? {} : { 'abe-usage.json': setup.lock }),
  });
  repos.push(repo);
  await mkdir(join(repo.dir, 'node_modules'), { recursive: true });
  await symlink(join(REPO, 'node_modules/msw'), join(repo.dir, 'node_modules/msw'), 'dir');
  return repo;
}

const env = (extra: Record<string, string> = {}) => ({ PATH: process.env.PATH, ...extra });
const MESSAGE = `example "not found" of ${FILE} was used by mailer, but no provider test verified it`;

describe('the ledger gate of abe check', () => {
  test('a consumer using an example no provider test verified fails the check at its line', async () => {
    const repo = await shop();
    const summary = join(repo.dir, 'step-summary.md');
    const run = await runCli(['check', '--all', '--reporter', 'github'], {
      cwd: repo.dir,
      env: env({ GITHUB_STEP_SUMMARY: summary }),
    });
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(readFileSync(summary, 'utf8')).toContain(
      'Contract ledger: 1 contract(s) checked (2 example(s), every declared contract (--all)). 1 error, 0 warnings.',
    );
    expect(run.stdout).toContain(
      `::error file=${FILE},line=${NOT_FOUND_LINE},col=${NOT_FOUND_COL}::${MESSAGE}\n`,
    );
    expect(run.stdout).toContain('Contract ledger');
    expect(run.stdout).toContain(`✖ error ${FILE}:${NOT_FOUND_LINE}:${NOT_FOUND_COL}  ${MESSAGE}`);
  });

  test('the JSON report carries a ledger member and JUnit a ledger suite', async () => {
    const repo = await shop();
    const json = await runCli(
      ['check', '--all', '--reporter', 'json', '--reporter', 'junit=junit.xml'],
      {
        cwd: repo.dir,
        env: env(),
      },
    );
    expect(json.code).toBe(1);
    const document = JSON.parse(json.stdout);
    expect(document.ok).toBe(false);
    expect(document.ledger).toMatchObject({
      ran: true,
      errors: 1,
      findings: [
        { kind: 'used-not-verified', label: 'not found', consumers: ['mailer'], message: MESSAGE },
      ],
    });
    const junit = readFileSync(join(repo.dir, 'junit.xml'), 'utf8');
    expect(junit).toContain('<testsuite name="ledger" tests="1" failures="1"');
    expect(junit).toContain('type="used-not-verified"');
  });

  test('unverified-use = warn prints a warning and passes; off says nothing', async () => {
    const warn = await shop({ ini: INI.replace('[abe]\n', '[abe]\nunverified-use = warn\n') });
    const warned = await runCli(['check', '--all', '--reporter', 'github'], {
      cwd: warn.dir,
      env: env(),
    });
    expect(warned.code, warned.stdout + warned.stderr).toBe(0);
    expect(warned.stdout).toContain(`::warning file=${FILE},line=${NOT_FOUND_LINE}`);
    const off = await shop({
      ini: INI.replace('[abe]\n', '[abe]\nunverified-use = off\nnever-verified = off\n'),
    });
    const silent = await runCli(['check', '--all', '--reporter', 'github'], {
      cwd: off.dir,
      env: env(),
    });
    expect(silent.code).toBe(0);
    expect(silent.stdout).not.toContain(FILE);
  });

  test('an example nobody verified or used is a warning by default, and fails with never-verified = error', async () => {
    const repo = await shop({ userId: 1 });
    const run = await runCli(['check', '--all'], { cwd: repo.dir, env: env() });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain(
      `⚠ warning ${FILE}:${NOT_FOUND_LINE}:${NOT_FOUND_COL}  example "not found" of ${FILE} was never verified by a provider test`,
    );
    const strict = await shop({
      userId: 1,
      ini: INI.replace('[abe]\n', '[abe]\nnever-verified = error\n'),
    });
    expect((await runCli(['check', '--all'], { cwd: strict.dir, env: env() })).code).toBe(1);
  });

  test('a failed provider step is named in the finding', async () => {
    const repo = await shop({ providerFails: true });
    const run = await runCli(['check', '--all'], { cwd: repo.dir, env: env() });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${MESSAGE}; the provider's test step failed (users test)`);
  });

  test('ABE_LEDGER=off: the gate says in one line that it did not run', async () => {
    const repo = await shop();
    const run = await runCli(['check', '--all'], {
      cwd: repo.dir,
      env: env({ ABE_LEDGER: 'off' }),
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('The contract ledger gate did not run: ABE_LEDGER=off');
  });

  test('a change that changes no contract meaning has nothing in scope', async () => {
    const repo = await shop();
    await repo.write({ 'mailer/notes.md': 'a note\n' });
    repo.commit('a note');
    const run = await runCli(['check'], { cwd: repo.dir, env: env() });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain(
      "The contract ledger gate did not run: no contract's meaning changed in this change.",
    );
  });

  test('a change of the contract puts it in scope', async () => {
    const repo = await shop();
    await repo.write({ [FILE]: CONTRACT.replace('"Not found."', '"No such user."') });
    repo.commit('reword not found');
    const run = await runCli(['check'], { cwd: repo.dir, env: env() });
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toContain(MESSAGE);
  });

  test('a consumer whose use drifts from the usage lock fails the check with the fix', async () => {
    const lock = `${JSON.stringify({ version: 1, contracts: { [FILE]: { OK: ['mailer'] } } }, null, 2)}\n`;
    const repo = await shop({ lock, verified: 'not found' });
    const run = await runCli(['check', '--all'], { cwd: repo.dir, env: env() });
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toContain('the usage lock abe-usage.json is out of date:');
    expect(run.stdout).toContain(`mailer now uses example "not found" of ${FILE}`);
    expect(run.stdout).toContain(`mailer no longer uses example "OK" of ${FILE}`);
    expect(run.stdout).toContain(
      'Fix: abe check --all && abe coverage --write-usage, then commit abe-usage.json.',
    );
    const fixed = await runCli(['coverage', '--write-usage'], { cwd: repo.dir, env: env() });
    expect(fixed.code).toBe(0);
    const again = await runCli(['check', '--all'], { cwd: repo.dir, env: env() });
    expect(again.code, again.stdout).toBe(0);
  });
});
