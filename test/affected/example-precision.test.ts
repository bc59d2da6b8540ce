import { afterEach, describe, expect, test } from 'vitest';
import { type GitRepo, makeGitRepo } from '../helpers/git-repo.js';
import { runCli } from '../helpers/run-cli.js';

const INI = `[abe]
base = origin/main
precision = example

[api]
path = api
contracts = contracts/*.json

[mailer]
path = mailer
consumes = api

[ui]
path = ui
consumes = api

[reports]
path = reports
consumes = api
`;

const USERS = 'api/contracts/users.json';

function contract(examples: Record<string, unknown>, url = '/users/[0-9]+'): string {
  return `${JSON.stringify({ url, method: 'GET', examples }, null, 2)}\n`;
}

const OK = { request: { url: '/users/1' }, response: { status: 200, body: { id: 1 } } };
const NOT_FOUND = {
  request: { url: '/users/9' },
  response: { status: 404, body: { detail: 'Not found.' } },
};

// mailer uses only "OK"; ui uses both; reports is named for nothing of api's (it records
// nothing the ledger sees), so it is never narrowed.
const LOCK = `${JSON.stringify(
  { version: 1, contracts: { [USERS]: { OK: ['mailer', 'ui'], 'not found': ['ui'] } } },
  null,
  2,
)}\n`;

function files(lock: string | undefined = LOCK): Record<string, string> {
  return {
    'builder.ini': INI,
    [USERS]: contract({ OK, 'not found': NOT_FOUND }),
    'mailer/src/send.ts': 'export const send = 1;\n',
    'ui/src/main.ts': 'export const ui = 1;\n',
    'reports/main.py': 'print(1)\n',
    ...(lock === undefined ? {} : { 'abe-usage.json': lock }),
  };
}

const repos: GitRepo[] = [];
afterEach(async () => {
  await Promise.all(repos.splice(0).map((repo) => repo.cleanup()));
});

async function changed(contractText: string, lock?: string): Promise<GitRepo> {
  const repo = await makeGitRepo(files(lock), { feature: true });
  repos.push(repo);
  await repo.write({ [USERS]: contractText });
  repo.commit('change the contract');
  return repo;
}

async function affected(repo: GitRepo) {
  const run = await runCli(['affected', '--json'], { cwd: repo.dir });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as {
    components: { name: string; reasons: { kind: string; detail: string }[] }[];
    notRerun: { name: string; contract: string; uses: string[] }[];
  };
}

const names = (result: { components: { name: string }[] }) => result.components.map((c) => c.name);

describe('precision = example', () => {
  test('a change to "not found" reruns only the consumer the lock says uses it', async () => {
    const repo = await changed(
      contract({
        OK,
        'not found': { ...NOT_FOUND, response: { status: 404, body: { detail: 'Gone.' } } },
      }),
    );
    const result = await affected(repo);
    expect(names(result)).toEqual(['api', 'ui', 'reports']);
    expect(result.components[1]?.reasons).toEqual([
      {
        kind: 'contract',
        detail:
          'contract api/contracts/users.json changed: example "not found" response.body.detail (used by this component per abe-usage.json)',
      },
    ]);
    expect(result.components[2]?.reasons[0]?.detail).toContain(
      "abe-usage.json names no use of api's contracts by this component",
    );
    expect(result.notRerun).toEqual([{ name: 'mailer', contract: USERS, uses: ['OK'] }]);
    const human = await runCli(['affected'], { cwd: repo.dir });
    expect(human.stdout).toContain(
      'not rerun: mailer (uses only "OK" of api/contracts/users.json, per the usage lock)',
    );
  });

  test('a removed example reruns the consumers that used it', async () => {
    const result = await affected(await changed(contract({ OK })));
    expect(names(result)).toEqual(['api', 'ui', 'reports']);
  });

  test('an added example reruns no consumer the lock knows', async () => {
    const extra = { request: { url: '/users/2' }, response: { status: 200, body: { id: 2 } } };
    const result = await affected(
      await changed(contract({ OK, 'not found': NOT_FOUND, second: extra })),
    );
    expect(names(result)).toEqual(['api', 'reports']);
    expect(result.notRerun.map((left) => left.name)).toEqual(['mailer', 'ui']);
  });

  test('a change of the contract-wide url reruns every consumer', async () => {
    const result = await affected(
      await changed(contract({ OK, 'not found': NOT_FOUND }, '/users/[0-9]+/?')),
    );
    expect(names(result)).toEqual(['api', 'mailer', 'ui', 'reports']);
    expect(result.notRerun).toEqual([]);
  });

  test('a side that does not parse reruns every consumer', async () => {
    const result = await affected(await changed('{ "url": '));
    expect(names(result)).toEqual(['api', 'mailer', 'ui', 'reports']);
  });

  test('a change of the usage lock selects every component', async () => {
    const repo = await makeGitRepo(files(), { feature: true });
    repos.push(repo);
    await repo.write({ 'abe-usage.json': LOCK.replace('"ui"\n', '"ui",\n        "mailer"\n') });
    repo.commit('mailer uses not found too');
    const result = await affected(repo);
    expect(names(result)).toEqual(['api', 'mailer', 'ui', 'reports']);
    expect(result.components[0]?.reasons[0]?.kind).toBe('global');
  });

  test('without a lock it is an error that names the file and the fix', async () => {
    const repo = await changed(contract({ OK }), undefined);
    await repo.remove('abe-usage.json');
    repo.commit('no lock');
    const run = await runCli(['affected'], { cwd: repo.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('there is no usage lock abe-usage.json');
    expect(run.stderr).toContain('abe check --all && abe coverage --write-usage');
  });

  test('a lock that does not parse is an error, never a silent "nothing to run"', async () => {
    const repo = await changed(contract({ OK }), '{"version": 1, "contracts": [');
    const run = await runCli(['affected'], { cwd: repo.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('the usage lock abe-usage.json is not valid');
  });

  test('with contract precision every consumer is rerun, lock or not', async () => {
    const repo = await makeGitRepo(
      { ...files(), 'builder.ini': INI.replace('precision = example\n', '') },
      { feature: true },
    );
    repos.push(repo);
    await repo.write({
      [USERS]: contract({ OK, 'not found': { ...NOT_FOUND, response: { status: 410 } } }),
    });
    repo.commit('change');
    expect(names(await affected(repo))).toEqual(['api', 'mailer', 'ui', 'reports']);
  });
});
