import { afterEach, describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { loadDeclaredContracts } from '../../src/config/load-declared-contracts.js';
import { buildCoverage } from '../../src/ledger/build-coverage.js';
import { readLedger } from '../../src/ledger/read-ledger.js';
import { type LedgerRepo, makeLedgerRepo, USERS_GET } from './ledger-repo.js';

const USERS = 'api/contracts/users/get.json';
const ORDERS = 'api/contracts/orders/list.json';

let repo: LedgerRepo | undefined;
afterEach(async () => {
  await repo?.cleanup();
  repo = undefined;
});

async function coverageOf(r: LedgerRepo) {
  const config = await loadConfig('builder.ini', { cwd: r.root });
  const { entries } = await readLedger(`${r.root}/.abe/ledger`);
  return buildCoverage(await loadDeclaredContracts(config), entries);
}

describe('buildCoverage', () => {
  test('a passing verification and a use make an example verified and used, with its line', async () => {
    repo = await makeLedgerRepo();
    await repo.record('api-1', [
      { component: 'api', contract: USERS, label: 'OK', outcome: 'passed' },
    ]);
    await repo.record('mailer-1', [
      { component: 'mailer', contract: USERS, label: 'OK', outcome: 'served' },
      { component: 'ui', contract: USERS, label: 'OK', outcome: 'served' },
    ]);
    const coverage = await coverageOf(repo);
    const users = coverage.contracts.find((c) => c.file === USERS);
    expect(users?.owner).toBe('api');
    expect(users?.endpoint).toBe('GET /users/[0-9]+');
    expect(users?.examples[0]).toMatchObject({
      label: 'OK',
      line: 5,
      column: 5,
      provider: 'passed',
      consumers: ['mailer', 'ui'],
    });
    expect(users?.examples[1]).toMatchObject({ label: 'not found', line: 9, provider: 'not run' });
    expect(coverage.usedNotVerified).toEqual([]);
    expect(coverage.verifiedNotUsed).toEqual([]);
    expect(coverage.neither.map((r) => `${r.file} ${r.label}`)).toEqual([
      `${ORDERS} OK`,
      `${USERS} not found`,
    ]);
    expect(coverage.totals).toMatchObject({
      contracts: 2,
      examples: 3,
      verified: 1,
      used: 1,
      lines: 3,
    });
  });

  test('a use without a passing verification is used but not verified; a failed one says failed', async () => {
    repo = await makeLedgerRepo();
    await repo.record('api-1', [
      { component: 'api', contract: USERS, label: 'not found', outcome: 'failed' },
      { component: 'api', contract: ORDERS, label: 'OK', outcome: 'passed' },
    ]);
    await repo.record('mailer-1', [
      { component: 'mailer', contract: USERS, label: 'not found', outcome: 'served' },
      { component: 'mailer', contract: USERS, label: 'OK', outcome: 'served' },
    ]);
    const coverage = await coverageOf(repo);
    expect(coverage.usedNotVerified.map((r) => [r.label, r.provider, r.consumers])).toEqual([
      ['OK', 'not run', ['mailer']],
      ['not found', 'failed', ['mailer']],
    ]);
    expect(coverage.verifiedNotUsed.map((r) => r.file)).toEqual([ORDERS]);
  });

  test('lines about an older version of the example are stale and count for nothing', async () => {
    repo = await makeLedgerRepo();
    await repo.record('api-1', [
      { component: 'api', contract: USERS, label: 'OK', outcome: 'passed' },
    ]);
    await repo.record('mailer-1', [
      { component: 'mailer', contract: USERS, label: 'OK', outcome: 'served' },
    ]);
    // The example's meaning changes after the lines were written.
    await repo.write(USERS, USERS_GET.replace('"Ada"', '"Grace"'));
    const coverage = await coverageOf(repo);
    const ok = coverage.contracts.find((c) => c.file === USERS)?.examples[0];
    expect(ok).toMatchObject({ provider: 'not run', consumers: [], staleLines: 2 });
    expect(coverage.totals.staleLines).toBe(2);
  });

  test('a reformatted contract keeps its lines current', async () => {
    repo = await makeLedgerRepo();
    await repo.record('api-1', [
      { component: 'api', contract: USERS, label: 'OK', outcome: 'passed' },
    ]);
    await repo.write(USERS, JSON.stringify(JSON.parse(USERS_GET)));
    const ok = (await coverageOf(repo)).contracts.find((c) => c.file === USERS)?.examples[0];
    expect(ok).toMatchObject({ provider: 'passed', staleLines: 0 });
  });

  test('lines about a contract builder.ini does not declare are listed, not dropped', async () => {
    repo = await makeLedgerRepo();
    await repo.record('mailer-1', [
      { component: 'mailer', contract: 'vendor/pay.json', label: 'OK', outcome: 'served' },
      { component: null, contract: 'vendor/pay.json', label: 'OK', outcome: 'served' },
    ]);
    const coverage = await coverageOf(repo);
    expect(coverage.undeclared).toEqual([
      { file: 'vendor/pay.json', lines: 2, components: ['(outside abe)', 'mailer'] },
    ]);
  });

  test('a refused request names the nearest example without making it used', async () => {
    repo = await makeLedgerRepo();
    await repo.record('ui-1', [
      { component: 'ui', contract: USERS, label: 'OK', outcome: 'refused' },
    ]);
    const ok = (await coverageOf(repo)).contracts.find((c) => c.file === USERS)?.examples[0];
    expect(ok).toMatchObject({ consumers: [], refusedFor: ['ui'] });
  });
});
