import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { findAffected } from '../../src/affected/find-affected.js';
import { loadConfig } from '../../src/config/load-config.js';
import { AbeError } from '../../src/core/abe-error.js';
import { affected, names, reasonsOf } from '../helpers/affected-result.js';
import { contractText, type GitRepo, makeGitRepo, monorepoFiles } from '../helpers/git-repo.js';

const repos: GitRepo[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(repos.splice(0).map((repo) => repo.cleanup()));
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** The monorepo fixture, committed on main and pushed as origin/main, on branch `feature`. */
async function monorepo(files: Record<string, string> = monorepoFiles()): Promise<GitRepo> {
  const repo = await makeGitRepo(files, { feature: true });
  repos.push(repo);
  return repo;
}

describe('findAffected options on changes found by git', () => {
  test('--exclude-downstream keeps only the components the changed files select', async () => {
    const repo = await monorepo();
    await repo.write({ 'api/src/app.ts': 'export const app = 2;\n' });
    repo.commit('change the api');

    const result = await affected(repo, { excludeDownstream: true });
    expect(names(result)).toEqual(['api']);
    expect(reasonsOf(result, 'api')).toEqual(['changed: file api/src/app.ts changed']);
    expect(names(await affected(repo))).toEqual(['api', 'integration-tests']);
  });

  test('--committed-only judges a contract by its committed version, not the working tree', async () => {
    const repo = await monorepo();
    await repo.write({ 'api/contracts/users.json': contractText({ id: 1, name: 'bob' }) });
    repo.commit('rename alice');
    // The working tree puts the old meaning back, uncommitted.
    await repo.write({ 'api/contracts/users.json': contractText({ id: 1, name: 'alice' }) });

    const committed = await affected(repo, { committedOnly: true });
    expect(names(committed)).toEqual(['api', 'web', 'mobile', 'integration-tests']);
    expect(reasonsOf(committed, 'web')).toEqual([
      'contract: contract api/contracts/users.json changed: example "OK" response.body.name',
    ]);
    expect(committed.changedContracts).toEqual([
      {
        file: 'api/contracts/users.json',
        owner: 'api',
        kind: 'changed',
        changes: ['example "OK" response.body.name'],
      },
    ]);

    // As the working tree stands, the contract means what it meant at the base.
    const working = await affected(repo);
    expect(names(working)).toEqual(['api', 'integration-tests']);
    expect(working.changedContracts).toEqual([]);
  });

  test('--committed-only ignores a meaning change that is only in the working tree', async () => {
    const repo = await monorepo();
    // Committed: the same document reformatted; working tree: a new meaning.
    await repo.write({ 'api/contracts/users.json': contractText({ id: 1, name: 'alice' }, 4) });
    repo.commit('reformat');
    await repo.write({ 'api/contracts/users.json': contractText({ id: 1, name: 'carol' }) });

    const committed = await affected(repo, { committedOnly: true });
    expect(reasonsOf(committed, 'api')).toEqual([
      'changed: file api/contracts/users.json changed (same contract meaning: consumers not rerun)',
    ]);
    expect(names(committed)).toEqual(['api', 'integration-tests']);
    expect(names(await affected(repo))).toEqual(['api', 'web', 'mobile', 'integration-tests']);
  });

  test('a component with two contract globs provides the files of either glob', async () => {
    const files = monorepoFiles();
    files['builder.ini'] = (files['builder.ini'] as string).replace(
      'contracts=contracts/**/*.json   ; ABE files the API provides',
      'contracts=contracts/**/*.json, abe/*.abe.json',
    );
    files['api/abe/orders.abe.json'] = contractText({ id: 7 });
    const repo = await monorepo(files);
    await repo.write({ 'api/abe/orders.abe.json': contractText({ id: 8 }) });
    repo.commit('change the second glob’s contract');

    const result = await affected(repo);
    expect(reasonsOf(result, 'web')).toEqual([
      'contract: contract api/abe/orders.abe.json changed: example "OK" response.body.id',
    ]);
    expect(result.changedContracts?.map((change) => change.file)).toEqual([
      'api/abe/orders.abe.json',
    ]);
  });

  test('a reason lists at most three contract changes and counts the rest', async () => {
    const repo = await monorepo();
    await repo.write({
      'api/contracts/users.json': contractText({ id: 2, name: 'bob', a: 1, b: 2, c: 3 }),
    });
    repo.commit('change five things');

    const result = await affected(repo);
    expect(result.changedContracts?.[0]?.changes).toHaveLength(5);
    expect(reasonsOf(result, 'web')).toEqual([
      'contract: contract api/contracts/users.json changed: example "OK" response.body.a, ' +
        'example "OK" response.body.b, example "OK" response.body.c and 2 more',
    ]);
  });

  test('exactly three contract changes are all listed, without "more"', async () => {
    const repo = await monorepo();
    await repo.write({ 'api/contracts/users.json': contractText({ id: 2, name: 'bob', a: 1 }) });
    repo.commit('change three things');

    const result = await affected(repo);
    const changes = result.changedContracts?.[0]?.changes ?? [];
    expect(changes).toHaveLength(3);
    expect(reasonsOf(result, 'web')).toEqual([
      `contract: contract api/contracts/users.json changed: ${changes.join(', ')}`,
    ]);
  });
});

describe('findAffected base and head', () => {
  test('an empty GITHUB_BASE_REF in a pull request build is no base: [abe] base applies', async () => {
    const repo = await monorepo();
    await repo.write({ 'web/src/main.ts': 'export const web = 2;\n' });
    repo.commit('change web');

    const result = await affected(repo, {
      env: { GITHUB_ACTIONS: 'true', GITHUB_EVENT_NAME: 'pull_request', GITHUB_BASE_REF: '' },
    });
    expect(result.baseRef).toBe('origin/main');
    expect(result.baseOrigin).toBe('[abe] base in builder.ini');
    expect(names(result)).toEqual(['web']);
  });

  test('--all and named components report HEAD and no changed files', async () => {
    const repo = await monorepo();
    await repo.write({ 'web/src/main.ts': 'export const web = 2;\n' });
    repo.commit('change web');
    const head = repo.git('rev-parse', 'HEAD').trim();

    for (const options of [{ all: true }, { components: ['mailer'] }]) {
      const result = await affected(repo, options);
      expect(result.head).toBe(head);
      expect(result.base).toBeNull();
      expect(result.changedFiles).toEqual([]);
      expect(result.unownedFiles).toEqual([]);
      expect(result.baseRef).toBeUndefined();
      expect(result.changedContracts).toBeUndefined();
    }
  });

  test('--all outside any git repository has no head, and no error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'abe-nogit-'));
    dirs.push(dir);
    await writeFile(join(dir, 'builder.ini'), '[a]\npath=a\n');
    await mkdir(join(dir, 'a'));
    const result = await findAffected(await loadConfig(join(dir, 'builder.ini')), {
      all: true,
      env: {},
    });
    expect(names(result)).toEqual(['a']);
    expect(result.head).toBeNull();
  });

  test('a config directory outside the repository git runs in is an error naming both', async () => {
    const repo = await monorepo();
    const elsewhere = await mkdtemp(join(tmpdir(), 'abe-elsewhere-'));
    dirs.push(elsewhere);
    await writeFile(join(elsewhere, 'builder.ini'), '[a]\npath=a\n');
    await mkdir(join(elsewhere, 'a'));
    const config = await loadConfig(join(elsewhere, 'builder.ini'));

    const error = await findAffected(config, { cwd: repo.dir, env: {}, base: 'origin/main' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AbeError);
    expect((error as AbeError).code).toBe('git.failed');
    const top = repo.git('rev-parse', '--show-toplevel').trim();
    expect((error as AbeError).message).toBe(
      `the config's directory ${config.root} is not inside the git repository at ${top}.\n` +
        'Run abe inside the repository that holds builder.ini, or pass --config with its path.',
    );
  });
});
