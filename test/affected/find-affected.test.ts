import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { findAffected } from '../../src/affected/find-affected.js';
import { loadConfig } from '../../src/config/load-config.js';
import { AbeError } from '../../src/core/abe-error.js';
import { affected, names, reasonsOf } from '../helpers/affected-result.js';
import {
  contractText,
  type GitRepo,
  makeGitRepo,
  monorepoFiles,
  shallowClone,
} from '../helpers/git-repo.js';

const repos: GitRepo[] = [];
afterEach(async () => {
  await Promise.all(repos.splice(0).map((repo) => repo.cleanup()));
});

/** The monorepo fixture, committed on main and pushed as origin/main, on branch `feature`. */
async function monorepo(): Promise<GitRepo> {
  const repo = await makeGitRepo(monorepoFiles(), { feature: true });
  repos.push(repo);
  return repo;
}

describe('findAffected', () => {
  test('a file changed in one component selects it and its downstream, with reasons', async () => {
    const repo = await monorepo();
    await repo.write({ 'api/src/app.ts': 'export const app = 2;\n' });
    repo.commit('change the api');

    const result = await affected(repo);
    expect(names(result)).toEqual(['api', 'integration-tests']);
    expect(reasonsOf(result, 'api')).toEqual(['changed: file api/src/app.ts changed']);
    expect(reasonsOf(result, 'integration-tests')).toEqual(['downstream: downstream of api']);
    expect(result.changedFiles).toEqual(['api/src/app.ts']);
    expect(result.base).toBe(repo.git('rev-parse', 'origin/main').trim());
    expect(result.head).toBe(repo.git('rev-parse', 'HEAD').trim());
    expect(result.baseRef).toBe('origin/main');
  });

  test('nothing changed selects nothing, without error', async () => {
    const repo = await monorepo();
    const result = await affected(repo);
    expect(result.components).toEqual([]);
    expect(result.changedFiles).toEqual([]);
  });

  test('a change in a global file selects every component, in build order', async () => {
    const repo = await monorepo();
    await repo.write({ Makefile: 'all:\n\techo changed\n' });
    repo.commit('change the root Makefile');

    const result = await affected(repo);
    expect(names(result)).toEqual(['api', 'web', 'mobile', 'mailer', 'integration-tests']);
    expect(reasonsOf(result, 'mobile')).toEqual(['global: global file Makefile changed']);
    expect(result.unownedFiles).toEqual([]);
  });

  test('a file matching a configured global-files glob selects every component', async () => {
    const repo = await makeGitRepo(
      {
        'builder.ini': '[abe]\nglobal-files=tools/**, *.base.json\n\n[a]\npath=a\n\n[b]\npath=b\n',
        'a/f': '1',
        'b/f': '1',
        'tools/ci/run.sh': '1',
      },
      { feature: true },
    );
    repos.push(repo);
    await repo.write({ 'tools/ci/run.sh': '2', 'tsconfig.base.json': '{}' });
    repo.commit('change shared tooling');

    const result = await affected(repo);
    expect(names(result)).toEqual(['a', 'b']);
    expect(reasonsOf(result, 'b')).toEqual([
      'global: global file tools/ci/run.sh changed',
      'global: global file tsconfig.base.json added',
    ]);
  });

  test('files no component owns select nothing and are listed as unowned', async () => {
    const repo = await monorepo();
    await repo.write({ 'README.md': '# changed\n', 'docs/guide.md': 'new\n' });
    repo.commit('docs');

    const result = await affected(repo);
    expect(result.components).toEqual([]);
    expect(result.unownedFiles).toEqual(['README.md', 'docs/guide.md']);
  });

  test('a file renamed out of a component selects both the old and the new owner', async () => {
    const repo = await monorepo();
    repo.git('mv', 'mailer/src/send.ts', 'web/src/send.ts');
    repo.commit('move send to web');

    const result = await affected(repo);
    expect(names(result)).toEqual(['web', 'mailer', 'integration-tests']);
    expect(reasonsOf(result, 'mailer')).toEqual(['changed: file mailer/src/send.ts deleted']);
    expect(reasonsOf(result, 'web')).toEqual(['changed: file web/src/send.ts added']);
    expect(result.changedFiles).toEqual(['mailer/src/send.ts', 'web/src/send.ts']);
  });

  test('a deleted file selects the component that owned it', async () => {
    const repo = await monorepo();
    await repo.remove('mobile/src/main.ts');
    repo.commit('delete');

    const result = await affected(repo);
    expect(names(result)).toEqual(['mobile']);
    expect(reasonsOf(result, 'mobile')).toEqual(['changed: file mobile/src/main.ts deleted']);
  });

  test('uncommitted and untracked files count, and --committed-only leaves them out', async () => {
    const repo = await monorepo();
    await repo.write({ 'web/src/main.ts': 'export const web = 2;\n' });
    repo.commit('committed change in web');
    await repo.write({ 'mailer/src/send.ts': 'export const send = 2;\n' }); // unstaged
    await repo.write({ 'mobile/src/new.ts': 'export {};\n' }); // untracked
    await repo.write({ 'api/src/app.ts': 'export const app = 3;\n' });
    repo.git('add', 'api/src/app.ts'); // staged

    const all = await affected(repo);
    expect(names(all)).toEqual(['api', 'web', 'mobile', 'mailer', 'integration-tests']);
    expect(reasonsOf(all, 'mobile')).toEqual(['changed: file mobile/src/new.ts added (untracked)']);
    expect(all.changedFiles).toEqual([
      'api/src/app.ts',
      'mailer/src/send.ts',
      'mobile/src/new.ts',
      'web/src/main.ts',
    ]);

    const committed = await affected(repo, { committedOnly: true });
    expect(names(committed)).toEqual(['web']);
    expect(committed.changedFiles).toEqual(['web/src/main.ts']);
  });

  test('an unstaged deletion and a file taken out of the index are changes of their owners', async () => {
    const repo = await monorepo();
    await repo.remove('mailer/src/send.ts');
    repo.git('rm', '-q', '--cached', 'mobile/src/main.ts');

    const result = await affected(repo);
    expect(reasonsOf(result, 'mailer')).toEqual(['changed: file mailer/src/send.ts deleted']);
    expect(reasonsOf(result, 'mobile')).toEqual(['changed: file mobile/src/main.ts changed']);
  });

  test('ignored files are not changes', async () => {
    const repo = await monorepo();
    await repo.write({ '.gitignore': 'dist/\n' });
    repo.commit('ignore dist');
    repo.git('update-ref', 'refs/remotes/origin/main', 'HEAD');
    await repo.write({ 'api/dist/out.js': 'built\n' });

    expect((await affected(repo)).components).toEqual([]);
  });

  test('a contract edited only in formatting selects the provider, not its consumers', async () => {
    const repo = await monorepo();
    // Same document: other indentation and key order.
    await repo.write({
      'api/contracts/users.json': `{"url": "/users/[0-9]+", "description": "Retrieve a user", "method": "GET",
        "examples": {"not found": {"response": {"status": 404}, "request": {"url": "/users/9"}},
        "OK": {"request": {"url": "/users/1"}, "response": {"body": {"name": "alice", "id": 1}, "status": 200}}}}`,
    });
    repo.commit('reformat the contract');

    const result = await affected(repo);
    expect(names(result)).toEqual(['api', 'integration-tests']);
    expect(reasonsOf(result, 'api')).toEqual([
      'changed: file api/contracts/users.json changed (same contract meaning: consumers not rerun)',
    ]);
  });

  test('a contract whose example changed meaning selects the provider and every consumer, naming the example and the path', async () => {
    const repo = await monorepo();
    await repo.write({ 'api/contracts/users.json': contractText({ id: 1, name: 'bob' }) });
    repo.commit('rename alice');

    const result = await affected(repo);
    expect(names(result)).toEqual(['api', 'web', 'mobile', 'integration-tests']);
    const reason =
      'contract: contract api/contracts/users.json changed: example "OK" response.body.name';
    expect(reasonsOf(result, 'web')).toEqual([reason]);
    expect(reasonsOf(result, 'mobile')).toEqual([reason]);
    expect(reasonsOf(result, 'api')).toEqual(['changed: file api/contracts/users.json changed']);
  });

  test('an uncommitted contract change is judged against the working tree', async () => {
    const repo = await monorepo();
    await repo.write({
      'api/contracts/users.json': contractText({ id: 1, name: 'alice', age: 3 }),
    });

    const result = await affected(repo);
    expect(reasonsOf(result, 'web')).toEqual([
      'contract: contract api/contracts/users.json changed: example "OK" response.body.age',
    ]);
    // Committed-only compares HEAD, which still holds the old contract.
    expect((await affected(repo, { committedOnly: true })).components).toEqual([]);
  });

  test('a contract that no longer parses counts as changed and says so', async () => {
    const repo = await monorepo();
    await repo.write({ 'api/contracts/users.json': '{"url": "/users/1", "examples": ' });
    repo.commit('break the contract');

    const result = await affected(repo);
    expect(names(result)).toContain('web');
    expect(reasonsOf(result, 'web')[0]).toMatch(
      /^contract: contract api\/contracts\/users\.json changed: its new version does not parse, so it counts as changed \(/,
    );
  });

  test('an added and a deleted contract both rerun the consumers', async () => {
    const repo = await monorepo();
    await repo.write({ 'api/contracts/posts.json': contractText({ id: 2 }) });
    await repo.remove('api/contracts/users.json');
    repo.commit('replace users with posts');

    const result = await affected(repo);
    expect(reasonsOf(result, 'mobile')).toEqual([
      'contract: contract api/contracts/posts.json added',
      'contract: contract api/contracts/users.json deleted',
    ]);
  });

  test('the merge-base is used, not the tip of a base branch that moved on', async () => {
    const repo = await monorepo();
    await repo.write({ 'web/src/main.ts': 'export const web = 2;\n' });
    repo.commit('feature work in web');
    // main moves ahead after the branch was made: a change there is not ours.
    repo.git('checkout', '-q', 'main');
    await repo.write({ 'mailer/src/send.ts': 'export const send = 9;\n' });
    repo.commit('someone else changes the mailer');
    repo.git('update-ref', 'refs/remotes/origin/main', 'HEAD');
    repo.git('checkout', '-q', 'feature');

    const result = await affected(repo);
    expect(names(result)).toEqual(['web']);
    expect(result.base).toBe(repo.git('merge-base', 'origin/main', 'HEAD').trim());
    expect(result.base).not.toBe(repo.git('rev-parse', 'origin/main').trim());
  });

  test('a diamond orders the bottom after both sides and gives it both reasons', async () => {
    const repo = await makeGitRepo(
      {
        'builder.ini':
          '[w]\npath=w\nupstream=y, z\n\n[y]\npath=y\nupstream=x\n\n[z]\npath=z\n\n[x]\npath=x\ndownstream=z\n',
        'w/a': '1',
        'x/a': '1',
        'y/a': '1',
        'z/a': '1',
      },
      { feature: true },
    );
    repos.push(repo);
    await repo.write({ 'x/a': '2' });
    repo.commit('change x');

    const result = await affected(repo);
    expect(names(result)).toEqual(['x', 'y', 'z', 'w']);
    expect(reasonsOf(result, 'w')).toEqual([
      'downstream: downstream of y',
      'downstream: downstream of z',
    ]);
  });

  test('named components select themselves and their downstream, or only themselves', async () => {
    const repo = await monorepo();
    const named = await affected(repo, { components: ['mailer'] });
    expect(names(named)).toEqual(['mailer', 'integration-tests']);
    expect(reasonsOf(named, 'mailer')).toEqual(['named: named on the command line']);

    const only = await affected(repo, { components: ['mailer'], excludeDownstream: true });
    expect(names(only)).toEqual(['mailer']);

    await expect(affected(repo, { components: ['mailr'] })).rejects.toThrow(
      /no component "mailr".*Did you mean "mailer"\?/,
    );
  });

  test('--all selects every component with the reason all', async () => {
    const repo = await monorepo();
    const result = await affected(repo, { all: true });
    expect(names(result)).toEqual(['api', 'web', 'mobile', 'mailer', 'integration-tests']);
    expect(result.components.every((c) => c.reasons[0]?.kind === 'all')).toBe(true);
    expect(result.base).toBeNull();
  });

  test('a shallow clone is an error that says how to fix it', async () => {
    const repo = await monorepo();
    await repo.write({ 'api/src/app.ts': 'export const app = 2;\n' });
    repo.commit('one');
    repo.commit('two');
    const clone = await shallowClone(repo);
    repos.push(clone);

    const error = await affected(clone, { base: 'origin/feature' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbeError);
    expect((error as AbeError).code).toBe('git.shallow');
    expect((error as AbeError).message).toContain('git fetch --unshallow');
    expect((error as AbeError).message).toContain('fetch-depth: 0');
  });

  test('a base that does not resolve is an error naming the base and the fix', async () => {
    const repo = await monorepo();
    const error = await affected(repo, { base: 'origin/develop' }).catch((e: unknown) => e);
    expect((error as AbeError).code).toBe('git.base');
    expect((error as AbeError).message).toMatch(
      /the base "origin\/develop" \(from --base\) does not name a commit.*git fetch origin develop/s,
    );
  });

  test('an unusable base set in builder.ini is blamed on builder.ini, not on --base', async () => {
    const repo = await makeGitRepo({
      'builder.ini': '[abe]\nbase=-main\n\n[a]\npath=a\n',
      'a/f': '1',
    });
    repos.push(repo);

    const error = await affected(repo).catch((e: unknown) => e);

    expect((error as AbeError).code).toBe('git.base');
    expect((error as AbeError).message).toContain(
      'the base "-main" (from [abe] base in builder.ini) is not a valid git revision',
    );
    expect((error as AbeError).hint).toBe(
      'Set `base=` there to a branch, tag or sha, such as `base=origin/main`, or pass one with --base.',
    );
    const flag = await affected(repo, { base: '' }).catch((e: unknown) => e);
    expect((flag as AbeError).message).toContain('the base "" (from --base) is not a valid');
    expect((flag as AbeError).hint).toContain('Pass a branch, tag or sha with --base');
  });

  test('git failing to read HEAD for another reason says so, instead of "no commit yet"', async () => {
    const repo = await makeGitRepo({ 'builder.ini': '[a]\npath=a\n', 'a/f': '1' });
    repos.push(repo);
    // core.worktree makes abe ask git rather than read .git itself; the stray line breaks git.
    repo.git('config', 'core.worktree', repo.dir);
    await appendFile(join(repo.dir, '.git', 'config'), 'this is not config\n');

    const error = await affected(repo).catch((e: unknown) => e);

    expect((error as AbeError).code).toBe('git.failed');
    expect((error as AbeError).message).toMatch(
      /`git rev-parse HEAD` failed in .*: .*bad config line/,
    );
    expect((error as AbeError).message).not.toContain('no commit yet');

    await writeFile(join(repo.dir, '.git', 'config'), '[core]\n\tbare = false\n');
    repo.git('update-ref', '-d', 'HEAD');
    const unborn = await affected(repo).catch((e: unknown) => e);
    expect((unborn as AbeError).code).toBe('git.base');
    expect((unborn as AbeError).message).toContain('the repository has no commit yet');
  });

  test('without a configured base, origin/main is tried, then origin/master, then local main', async () => {
    const repo = await makeGitRepo({ 'builder.ini': '[a]\npath=a\n', 'a/f': '1' });
    repos.push(repo);
    repo.git('checkout', '-q', '-b', 'feature');
    await repo.write({ 'a/f': '2' });
    repo.commit('change a');

    const local = await affected(repo);
    expect(local.baseRef).toBe('main');
    expect(names(local)).toEqual(['a']);

    repo.git('update-ref', 'refs/remotes/origin/master', 'main');
    expect((await affected(repo)).baseRef).toBe('origin/master');

    repo.git('branch', '-q', '-m', 'main', 'trunk');
    repo.git('update-ref', '-d', 'refs/remotes/origin/master');
    const error = await affected(repo).catch((e: unknown) => e);
    expect((error as AbeError).code).toBe('git.base');
    expect((error as AbeError).message).toContain('--base');
  });

  test("in a pull request build, the pull request's base branch is the base", async () => {
    const repo = await makeGitRepo({
      'builder.ini': '[a]\npath=a\n\n[b]\npath=b\n',
      'a/f': '1',
      'b/f': '1',
    });
    repos.push(repo);
    repo.git('update-ref', 'refs/remotes/origin/main', 'main');
    repo.git('checkout', '-q', '-b', 'release/2');
    await repo.write({ 'b/f': 'only on the release branch' });
    repo.commit('release work');
    repo.git('update-ref', 'refs/remotes/origin/release/2', 'HEAD');
    repo.git('checkout', '-q', '-b', 'fix');
    await repo.write({ 'a/f': 'the fix' });
    repo.commit('fix a');

    const pullRequest = {
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_BASE_REF: 'release/2',
    };
    const github = await affected(repo, { env: pullRequest });
    expect(github.baseRef).toBe('release/2');
    expect(names(github)).toEqual(['a']);
    const gitlab = await affected(repo, {
      env: {
        GITLAB_CI: 'true',
        CI_MERGE_REQUEST_IID: '7',
        CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'release/2',
      },
    });
    expect(names(gitlab)).toEqual(['a']);
    // Outside a pull request build the default base applies: main, so b's release work counts.
    expect(names(await affected(repo))).toEqual(['a', 'b']);
    // --base still wins.
    expect((await affected(repo, { base: 'main', env: pullRequest })).baseRef).toBe('main');

    const unfetched = await affected(repo, {
      env: { ...pullRequest, GITHUB_BASE_REF: 'release/3' },
    }).catch((e: unknown) => e);
    expect((unfetched as AbeError).code).toBe('git.base');
    expect((unfetched as AbeError).message).toContain(
      `the base "release/3" (from GITHUB_BASE_REF, the pull request's base branch on GitHub Actions) does not name a commit in this repository (nor origin/release/3)`,
    );
    expect((unfetched as AbeError).message).toContain('git fetch origin release/3');
  });

  test('a base with no common history with HEAD is an error, not an empty result', async () => {
    const repo = await monorepo();
    repo.git('checkout', '-q', '--orphan', 'unrelated');
    repo.commit('unrelated root');
    const error = await affected(repo, { base: 'main' }).catch((e: unknown) => e);
    expect((error as AbeError).code).toBe('git.base');
    expect((error as AbeError).message).toContain('share no history');
  });

  test('a config in a subdirectory of the repository owns only the files below it', async () => {
    const repo = await makeGitRepo(
      {
        'platform/builder.ini': '[svc]\npath=svc\n',
        'platform/svc/a.ts': '1',
        'other/b.ts': '1',
      },
      { feature: true },
    );
    repos.push(repo);
    await repo.write({ 'platform/svc/a.ts': '2', 'other/b.ts': '2' });
    repo.commit('change both');

    const result = await findAffected(await loadConfig(join(repo.dir, 'platform/builder.ini')));
    expect(names(result)).toEqual(['svc']);
    expect(result.changedFiles).toEqual(['svc/a.ts']);
  });

  test('the innermost component owns a file in nested paths', async () => {
    const repo = await makeGitRepo(
      {
        'builder.ini': '[tools]\npath=tools\n\n[builder]\npath=tools/builder\n',
        'tools/x': '1',
        'tools/builder/y': '1',
      },
      { feature: true },
    );
    repos.push(repo);
    await repo.write({ 'tools/builder/y': '2' });
    repo.commit('change builder');

    expect(names(await affected(repo))).toEqual(['builder']);
  });
});

describe('findAffected on builder.ini globs', () => {
  /** A repository with `a` and `b`, the given [abe] and [a] keys, and `files` committed on `feature`. */
  async function globRepo(
    ini: { global?: string; contracts?: string },
    files: Readonly<Record<string, string>>,
  ): Promise<GitRepo> {
    const repo = await makeGitRepo(
      {
        'builder.ini': [
          '[abe]',
          ...(ini.global === undefined ? [] : [`global-files=${ini.global}`]),
          '',
          '[a]',
          'path=a',
          ...(ini.contracts === undefined ? [] : [`contracts=${ini.contracts}`]),
          '',
          '[b]',
          'path=b',
          'consumes=a',
          '',
        ].join('\n'),
        'a/f': '1',
        'b/f': '1',
      },
      { feature: true },
    );
    repos.push(repo);
    await repo.write(files);
    repo.commit('change');
    return repo;
  }

  test('a dot file under a ** global-files glob selects every component', async () => {
    const repo = await globRepo({ global: 'config/**' }, { 'config/.env': 'X=1\n' });
    const result = await affected(repo);
    expect(names(result)).toEqual(['a', 'b']);
    expect(reasonsOf(result, 'a')).toEqual(['global: global file config/.env added']);
  });

  test('global-files globs match dot directories, a/**/b as a/b, and an unbalanced brace as a character', async () => {
    const repo = await globRepo(
      { global: '**/*.yml, tools/**/Makefile, {legacy/*.sh' },
      {
        '.github/workflows/ci.yml': 'on: push\n',
        'tools/Makefile': 'all:\n',
        '{legacy/run.sh': 'echo\n',
      },
    );
    expect(reasonsOf(await affected(repo), 'b')).toEqual([
      'global: global file .github/workflows/ci.yml added',
      'global: global file tools/Makefile added',
      'global: global file {legacy/run.sh added',
    ]);
  });

  test('a global-files * stays within one directory, and a leading ! is a character, not "every other file"', async () => {
    const repo = await globRepo(
      { global: '*.json, !docs/**' },
      { 'a/settings.json': '{}\n', 'docs/guide.md': 'new\n' },
    );
    const result = await affected(repo);
    expect(names(result)).toEqual(['a']);
    expect(result.unownedFiles).toEqual(['docs/guide.md']);
  });

  test('contracts globs, relative to the component, ignore a leading ./ and read [!x] as "not x"', async () => {
    const repo = await globRepo(
      { contracts: './users/*.json v[!0]/**/*.json' },
      {
        'a/users/get.json': contractText({ id: 1 }),
        'a/v1/get.json': contractText({ id: 2 }),
        'a/v0/get.json': contractText({ id: 3 }),
        'a/invoices/get.json': contractText({ id: 5 }),
      },
    );
    const result = await affected(repo);
    expect(reasonsOf(result, 'b')).toEqual([
      'contract: contract a/users/get.json added',
      'contract: contract a/v1/get.json added',
    ]);
    expect(reasonsOf(result, 'a')).toContain('changed: file a/v0/get.json added');
  });

  test('a {a,b} glob in a builder.ini list keeps its comma: the alternatives are one glob', async () => {
    const repo = await globRepo(
      { contracts: '{users,orders}/*.json, admin/*.json' },
      {
        'a/orders}/get.json': contractText({ id: 1 }),
        'a/orders/get.json': contractText({ id: 2 }),
        'a/users/get.json': contractText({ id: 3 }),
        'a/admin/get.json': contractText({ id: 4 }),
      },
    );
    expect(reasonsOf(await affected(repo), 'b')).toEqual([
      'contract: contract a/admin/get.json added',
      'contract: contract a/orders/get.json added',
      'contract: contract a/users/get.json added',
    ]);
  });

  test('a parenthesis is a character, and an empty class such as [z-a] matches nothing, as in a shell', async () => {
    const repo = await globRepo(
      { global: 'x[z-a].txt v(1).txt' },
      { 'x[z-a].txt': 'x', 'xa.txt': 'x', 'v(1).txt': 'x' },
    );
    expect(reasonsOf(await affected(repo), 'b')).toEqual(['global: global file v(1).txt added']);
  });
});
