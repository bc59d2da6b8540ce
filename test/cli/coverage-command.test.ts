import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { type LedgerRepo, makeLedgerRepo } from '../ledger/ledger-repo.js';

const USERS = 'api/contracts/users/get.json';
const ORDERS = 'api/contracts/orders/list.json';

let repo: LedgerRepo | undefined;
afterEach(async () => {
  await repo?.cleanup();
  repo = undefined;
});

async function shopLedger(): Promise<LedgerRepo> {
  const r = await makeLedgerRepo();
  await r.record('api-1', [
    { component: 'api', contract: USERS, label: 'OK', outcome: 'passed' },
    { component: 'api', contract: ORDERS, label: 'OK', outcome: 'passed' },
  ]);
  await r.record('mailer-1', [
    { component: 'mailer', contract: USERS, label: 'OK', outcome: 'served' },
    { component: 'mailer', contract: USERS, label: 'not found', outcome: 'served' },
  ]);
  await r.record('ui-1', [{ component: 'ui', contract: USERS, label: 'OK', outcome: 'served' }]);
  return r;
}

describe('abe coverage', () => {
  test('without a ledger it exits 2 and says to run abe check first', async () => {
    repo = await makeLedgerRepo();
    const run = await runCli(['coverage'], { cwd: repo.root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('run abe check (or abe test) first');
  });

  test('prints a table per contract, the three lists and the totals, and exits 0', async () => {
    repo = await shopLedger();
    await repo.runFile(false);
    const run = await runCli(['coverage'], { cwd: repo.root });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${USERS}  (api, GET /users/[0-9]+)`);
    expect(run.stdout).toMatch(/"OK" +5 +passed +mailer, ui/);
    expect(run.stdout).toMatch(
      /Used but not verified \(1\)\n {2}api\/contracts\/users\/get\.json:9:5 {2}"not found" {2}used by mailer; provider not run/,
    );
    expect(run.stdout).toMatch(
      /Verified but never used \(1\)\n {2}api\/contracts\/orders\/list\.json:5:5 {2}"OK"/,
    );
    expect(run.stdout).toContain(
      '2 contract(s), 3 example(s): 2 verified, 0 failed, 1 not run; 2 used',
    );
  });

  test('--json prints the versioned document with the run and the lists', async () => {
    repo = await shopLedger();
    await repo.runFile(true);
    const run = await runCli(['coverage', '--json'], { cwd: repo.root });
    const document = JSON.parse(run.stdout);
    expect(document.version).toBe(1);
    expect(document.run).toMatchObject({ command: 'check', all: true });
    expect(document.ledger).toEqual({ files: 3, partialLines: 0 });
    expect(document.usedNotVerified).toEqual([
      {
        file: USERS,
        owner: 'api',
        label: 'not found',
        line: 9,
        column: 5,
        provider: 'not run',
        consumers: ['mailer'],
      },
    ]);
    expect(document.totals.lines).toBe(5);
  });

  test('a line a crashed writer left unfinished is left out and counted', async () => {
    repo = await shopLedger();
    await appendFile(join(repo.root, '.abe/ledger/ui-1.jsonl'), '{"v":1,"side":"cons');
    const run = await runCli(['coverage', '--json'], { cwd: repo.root });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).ledger.partialLines).toBe(1);
    const human = await runCli(['coverage'], { cwd: repo.root });
    expect(human.stdout).toContain('1 partial (left out)');
  });

  test('--write-usage after a run that did not select every component exits 2', async () => {
    repo = await shopLedger();
    await repo.runFile(false, ['api', 'mailer']);
    const run = await runCli(['coverage', '--write-usage'], { cwd: repo.root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('run abe check --all first');
  });

  test('--write-usage writes the lock sorted, with a trailing newline', async () => {
    repo = await shopLedger();
    await repo.runFile(true);
    const run = await runCli(['coverage', '--write-usage'], { cwd: repo.root });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('wrote abe-usage.json');
    const text = await readFile(join(repo.root, 'abe-usage.json'), 'utf8');
    expect(text).toBe(
      `${JSON.stringify({ version: 1, contracts: { [USERS]: { OK: ['mailer', 'ui'], 'not found': ['mailer'] } } }, null, 2)}\n`,
    );
  });

  test('--write-usage honours [abe] usage-file', async () => {
    repo = await shopLedger();
    await repo.write(
      'builder.ini',
      `[abe]\nusage-file = ci/usage.json\n${await readFile(join(repo.root, 'builder.ini'), 'utf8')}`,
    );
    await repo.write('ci/.keep', '');
    await repo.runFile(true);
    const run = await runCli(['coverage', '--write-usage'], { cwd: repo.root });
    expect(run.code).toBe(0);
    expect(JSON.parse(await readFile(join(repo.root, 'ci/usage.json'), 'utf8')).version).toBe(1);
  });
});
