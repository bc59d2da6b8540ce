import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { findAffected } from '../../src/affected/find-affected.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { BuilderConfig } from '../../src/config/types.js';
import { AbeError } from '../../src/core/abe-error.js';
import { affected, names, reasonsOf } from '../helpers/affected-result.js';
import { contractText, type GitRepo, makeGitRepo, monorepoFiles } from '../helpers/git-repo.js';
import { waitFor } from '../helpers/processes.js';

// What findAffected decides, pinned exactly: reasons (kind, detail, order), the result's fields,
// error messages, and the git processes it runs (its early scan and contract prefetch).

const REAL_GIT = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
const ORIGINAL_PATH = process.env.PATH;

const repos: GitRepo[] = [];
const dirs: string[] = [];
afterEach(async () => {
  process.env.PATH = ORIGINAL_PATH;
  await Promise.all(repos.splice(0).map((repo) => repo.cleanup()));
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** The monorepo fixture (or other files), committed on main, pushed as origin/main, on `feature`. */
async function monorepo(files: Record<string, string> = monorepoFiles()): Promise<GitRepo> {
  const repo = await makeGitRepo(files, { feature: true });
  repos.push(repo);
  return repo;
}

interface GitLog {
  /** Every git command run since, without runGit's `-c core.quotePath=false`, sorted. */
  commands(): Promise<string[]>;
  /** The `<sha>:<path>` lines written to `git cat-file --batch`, in order. */
  blobsAsked(): Promise<string[]>;
  /** Notes the wrapper wrote (`# status waited for cat-file`), in order. */
  notes(): Promise<string[]>;
}

/**
 * Puts a `git` first on PATH that logs its arguments (and what `cat-file --batch` is asked)
 * and runs the real one. With `statusWaitsForCatFile`, `git status` holds until a `git cat-file`
 * has started (or 20 s pass) and notes which came first, so work done "while git walks the
 * working tree" shows. With `failFirstCatFile`, the first `git cat-file` exits 1.
 */
async function logGit(
  options: { statusWaitsForCatFile?: boolean; failFirstCatFile?: boolean } = {},
): Promise<GitLog> {
  const dir = await tempDir('abe-gitlog-');
  const log = join(dir, 'log');
  const started = join(dir, 'cat-file-started');
  const wait = options.statusWaitsForCatFile
    ? `if [ "$3" = status ]; then
  i=0
  while [ ! -e '${started}' ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i + 1)); done
  if [ -e '${started}' ]; then echo '# status waited for cat-file' >> '${log}'; else echo '# status ran alone' >> '${log}'; fi
fi
`
    : '';
  const fail = options.failFirstCatFile
    ? `  if [ ! -e '${dir}/failed' ]; then
    : > '${dir}/failed'
    cat > /dev/null
    echo '# cat-file failed' >> '${log}'
    exit 1
  fi
`
    : '';
  await writeFile(
    join(dir, 'git'),
    `#!/bin/sh
printf '%s\n' "$*" >> '${log}'
if [ "$3" = cat-file ] && [ "$4" = --batch ]; then
  : > '${started}'
${fail}  input=$(cat)
  printf '%s\n' "$input" | sed 's/^/> /' >> '${log}'
  printf '%s\n' "$input" | '${REAL_GIT}' "$@"
  exit $?
fi
${wait}exec '${REAL_GIT}' "$@"
`,
  );
  await chmod(join(dir, 'git'), 0o755);
  await writeFile(log, '');
  process.env.PATH = `${dir}:${ORIGINAL_PATH}`;
  const lines = async (): Promise<string[]> =>
    (await readFile(log, 'utf8'))
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => line.replace(/^-c core\.quotePath=false /, ''));
  return {
    commands: async () =>
      (await lines()).filter((line) => !line.startsWith('# ') && !line.startsWith('> ')).sort(),
    blobsAsked: async () =>
      (await lines()).filter((line) => line.startsWith('> ')).map((line) => line.slice(2)),
    notes: async () =>
      (await lines()).filter((line) => line.startsWith('# ')).map((line) => line.slice(2)),
  };
}

const STATUS = 'status --porcelain -z --no-renames --untracked-files=all --ignore-submodules=dirty';
const READ_HEAD = 'rev-parse --is-shallow-repository --show-toplevel --verify -q HEAD';
const DIFF = 'diff --name-status -z --no-renames --no-ext-diff';

describe('the git processes findAffected runs', () => {
  test('--all and named components only read HEAD, one process', async () => {
    const repo = await monorepo();
    const config = await loadConfig(join(repo.dir, 'builder.ini'));
    const git = await logGit();
    await findAffected(config, { all: true, env: {} });
    expect(await git.commands()).toEqual(['rev-parse --verify HEAD^{commit}']);

    const git2 = await logGit();
    await findAffected(config, { components: ['mailer'], env: {} });
    expect(await git2.commands()).toEqual(['rev-parse --verify HEAD^{commit}']);
  });

  test('with --base, the merge-base and diff start with the scan, against HEAD by name', async () => {
    const repo = await monorepo();
    await repo.write({ 'api/src/app.ts': 'export const app = 2;\n' });
    repo.commit('change the api');
    const config = await loadConfig(join(repo.dir, 'builder.ini'));

    const git = await logGit();
    const result = await findAffected(config, { base: 'origin/main', env: {} });
    expect(names(result)).toEqual(['api', 'integration-tests']);
    expect(await git.commands()).toEqual([
      `${DIFF} --merge-base origin/main HEAD --`,
      'merge-base origin/main HEAD',
      READ_HEAD,
      STATUS,
    ]);

    const committedOnly = await logGit();
    await findAffected(config, { base: 'origin/main', committedOnly: true, env: {} });
    expect(await committedOnly.commands()).toEqual([
      `${DIFF} --merge-base origin/main HEAD --`,
      'merge-base origin/main HEAD',
      READ_HEAD,
    ]);
  });

  test('without --base, the base [abe] names is compared with the HEAD sha the scan read', async () => {
    const repo = await monorepo();
    await repo.write({ 'api/src/app.ts': 'export const app = 2;\n' });
    repo.commit('change the api');
    const head = repo.git('rev-parse', 'HEAD').trim();
    const config = await loadConfig(join(repo.dir, 'builder.ini'));

    const git = await logGit();
    await findAffected(config, { env: {} });
    expect(await git.commands()).toEqual([
      `${DIFF} --merge-base origin/main ${head} --`,
      `merge-base origin/main ${head}`,
      READ_HEAD,
      STATUS,
    ]);
  });

  test('an empty list of named components starts the same early scan as none', async () => {
    const repo = await monorepo();
    await repo.write({ 'api/src/app.ts': 'export const app = 2;\n' });
    repo.commit('change the api');
    const config = await loadConfig(join(repo.dir, 'builder.ini'));

    const git = await logGit();
    const result = await findAffected(config, { base: 'origin/main', components: [], env: {} });
    expect(names(result)).toEqual(['api', 'integration-tests']);
    expect(await git.commands()).toEqual([
      `${DIFF} --merge-base origin/main HEAD --`,
      'merge-base origin/main HEAD',
      READ_HEAD,
      STATUS,
    ]);
  });

  test('a changed contract is read from git once, in one cat-file, committed-only or not', async () => {
    const repo = await monorepo();
    await repo.write({ 'api/contracts/users.json': contractText({ id: 1, name: 'bob' }) });
    repo.commit('rename alice');
    const config = await loadConfig(join(repo.dir, 'builder.ini'));
    const base = repo.git('rev-parse', 'origin/main').trim();
    const head = repo.git('rev-parse', 'HEAD').trim();

    for (const committedOnly of [false, true]) {
      const git = await logGit();
      const result = await findAffected(config, { base: 'origin/main', committedOnly, env: {} });
      expect(names(result)).toEqual(['api', 'web', 'mobile', 'integration-tests']);
      const commands = await git.commands();
      expect(commands.filter((command) => command.startsWith('cat-file'))).toEqual([
        'cat-file --batch',
      ]);
      expect(commands).toHaveLength(committedOnly ? 4 : 5);
      expect(await git.blobsAsked()).toEqual([
        `${base}:api/contracts/users.json`,
        ...(committedOnly ? [`${head}:api/contracts/users.json`] : []),
      ]);
    }
  });

  test('committed contract versions are read while git status still walks the working tree, and only those of the config', async () => {
    for (const prefix of ['', 'two/levels/']) {
      const files = Object.fromEntries(
        Object.entries(monorepoFiles()).map(([path, text]) => [`${prefix}${path}`, text]),
      );
      // Outside the config's directory, at a path as long as it: no contract of this config.
      const outside =
        prefix === '' ? undefined : `${'x'.repeat(prefix.length - 1)}/api/contracts/users.json`;
      if (outside !== undefined) files[outside] = contractText({ id: 1 });
      const repo = await monorepo(files);
      await repo.write({
        [`${prefix}api/contracts/users.json`]: contractText({ id: 1, name: 'bob' }),
        ...(outside === undefined ? {} : { [outside]: contractText({ id: 2 }) }),
      });
      repo.commit('rename alice');
      const config = await loadConfig(join(repo.dir, prefix, 'builder.ini'));
      const base = repo.git('rev-parse', 'origin/main').trim();

      const git = await logGit({ statusWaitsForCatFile: true });
      const result = await findAffected(config, { env: {} });
      expect(reasonsOf(result, 'web')).toEqual([
        'contract: contract api/contracts/users.json changed: example "OK" response.body.name',
      ]);
      expect(await git.notes()).toEqual(['status waited for cat-file']);
      expect((await git.commands()).filter((c) => c.startsWith('cat-file'))).toEqual([
        'cat-file --batch',
      ]);
      expect(await git.blobsAsked()).toEqual([`${base}:${prefix}api/contracts/users.json`]);
    }
  });

  test('when reading contracts ahead fails, they are read again, and the failure is not an error', async () => {
    const repo = await monorepo();
    await repo.write({ 'api/contracts/users.json': contractText({ id: 1, name: 'bob' }) });
    repo.commit('rename alice');
    const config = await loadConfig(join(repo.dir, 'builder.ini'));
    const base = repo.git('rev-parse', 'origin/main').trim();

    const git = await logGit({ failFirstCatFile: true });
    const result = await findAffected(config, { env: {} });
    expect(reasonsOf(result, 'mobile')).toEqual([
      'contract: contract api/contracts/users.json changed: example "OK" response.body.name',
    ]);
    expect(await git.notes()).toEqual(['cat-file failed']);
    expect(await git.blobsAsked()).toEqual([`${base}:api/contracts/users.json`]);
    expect((await git.commands()).filter((c) => c.startsWith('cat-file'))).toEqual([
      'cat-file --batch',
      'cat-file --batch',
    ]);
  });

  test('given a config promise and cwd, git starts before the config is there', async () => {
    const repo = await monorepo();
    await repo.write({ 'web/src/main.ts': 'export const web = 2;\n' });
    repo.commit('change web');
    const config = await loadConfig(join(repo.dir, 'builder.ini'));

    for (const committedOnly of [false, true]) {
      const git = await logGit();
      let release: (value: BuilderConfig) => void = () => {};
      const pending = new Promise<BuilderConfig>((resolve) => {
        release = resolve;
      });
      const run = findAffected(pending, {
        cwd: repo.dir,
        base: 'origin/main',
        committedOnly,
        env: {},
      });
      const expected = [
        `${DIFF} --merge-base origin/main HEAD --`,
        'merge-base origin/main HEAD',
        READ_HEAD,
        ...(committedOnly ? [] : [STATUS]),
      ];
      // What has started by then is asserted below, so a timeout only ends the wait.
      await waitFor(async () => (await git.commands()).length >= expected.length, 20_000).catch(
        () => undefined,
      );
      const before = await git.commands();
      release(config);
      const result = await run;
      expect(before).toEqual(expected);
      expect(names(result)).toEqual(['web']);
      expect(await git.commands()).toEqual(expected);
    }
  });

  test('a config promise without cwd: git runs in the config root once it is there', async () => {
    const repo = await monorepo();
    await repo.write({ 'web/src/main.ts': 'export const web = 2;\n' });
    repo.commit('change web');
    await repo.write({ 'mailer/src/send.ts': 'export const send = 2;\n' });
    const head = repo.git('rev-parse', 'HEAD').trim();

    const git = await logGit();
    const committed = await findAffected(loadConfig(join(repo.dir, 'builder.ini')), {
      committedOnly: true,
      base: 'origin/main',
      env: {},
    });
    expect(names(committed)).toEqual(['web']);
    expect(committed.workingTree).toBe(false);
    expect(await git.commands()).toEqual([
      `${DIFF} --merge-base origin/main ${head} --`,
      `merge-base origin/main ${head}`,
      READ_HEAD,
    ]);

    const all = await findAffected(loadConfig(join(repo.dir, 'builder.ini')), {
      base: 'origin/main',
      env: {},
    });
    expect(names(all)).toEqual(['web', 'mailer', 'integration-tests']);
    expect(all.workingTree).toBe(true);
  });

  test('without git on PATH, --all and named components have no head, and no error', async () => {
    const repo = await monorepo();
    const config = await loadConfig(join(repo.dir, 'builder.ini'));
    process.env.PATH = await tempDir('abe-nopath-');
    const all = await findAffected(config, { all: true, env: {} });
    const named = await findAffected(config, { components: ['web'], env: {} });
    process.env.PATH = ORIGINAL_PATH;
    expect(all.head).toBeNull();
    expect(names(all)).toEqual(['api', 'web', 'mobile', 'mailer', 'integration-tests']);
    expect(named.head).toBeNull();
  });
});

describe('findAffected results, whole', () => {
  test('--all: every component with the reason "every component (--all)", HEAD, nothing else', async () => {
    const repo = await monorepo();
    const head = repo.git('rev-parse', 'HEAD').trim();
    const all = { kind: 'all', detail: 'every component (--all)' };
    expect(await affected(repo, { all: true })).toStrictEqual({
      base: null,
      head,
      changedFiles: [],
      components: [
        { name: 'api', path: 'api', reasons: [all] },
        { name: 'web', path: 'web', reasons: [all] },
        { name: 'mobile', path: 'mobile', reasons: [all] },
        { name: 'mailer', path: 'mailer', reasons: [all] },
        { name: 'integration-tests', path: 'integration-tests', reasons: [all] },
      ],
      unownedFiles: [],
    });
  });

  test('--all with cwd reads HEAD there', async () => {
    const repo = await monorepo();
    const elsewhere = await tempDir('abe-nogit-');
    await writeFile(join(elsewhere, 'builder.ini'), '[a]\npath=a\n');
    await mkdir(join(elsewhere, 'a'));
    const config = await loadConfig(join(elsewhere, 'builder.ini'));
    const head = repo.git('rev-parse', 'HEAD').trim();
    expect((await findAffected(config, { all: true, cwd: repo.dir, env: {} })).head).toBe(head);
    expect((await findAffected(config, { components: ['a'], cwd: repo.dir, env: {} })).head).toBe(
      head,
    );
  });

  test('named components: themselves, then their downstream, in build order', async () => {
    const repo = await monorepo();
    const head = repo.git('rev-parse', 'HEAD').trim();
    expect(
      await affected(repo, { components: ['integration-tests', 'mailer', 'api'] }),
    ).toStrictEqual({
      base: null,
      head,
      changedFiles: [],
      components: [
        {
          name: 'api',
          path: 'api',
          reasons: [{ kind: 'named', detail: 'named on the command line' }],
        },
        {
          name: 'mailer',
          path: 'mailer',
          reasons: [{ kind: 'named', detail: 'named on the command line' }],
        },
        {
          name: 'integration-tests',
          path: 'integration-tests',
          reasons: [
            { kind: 'named', detail: 'named on the command line' },
            { kind: 'downstream', detail: 'downstream of api' },
            { kind: 'downstream', detail: 'downstream of mailer' },
          ],
        },
      ],
      unownedFiles: [],
    });
  });

  test('a component named twice is one named reason', async () => {
    const repo = await monorepo();
    const result = await affected(repo, { components: ['web', 'web'] });
    expect(result.components).toStrictEqual([
      {
        name: 'web',
        path: 'web',
        reasons: [{ kind: 'named', detail: 'named on the command line' }],
      },
    ]);
  });

  test('an empty list of named components is no list: git decides', async () => {
    const repo = await monorepo();
    await repo.write({ 'web/src/main.ts': 'export const web = 2;\n' });
    repo.commit('change web');
    const result = await affected(repo, { components: [] });
    expect(reasonsOf(result, 'web')).toEqual(['changed: file web/src/main.ts changed']);
    expect(result.base).toBe(repo.git('rev-parse', 'origin/main').trim());
  });

  test('an unknown component name is an error naming the file, the closest name and the fix', async () => {
    const repo = await monorepo();
    const config = await loadConfig(join(repo.dir, 'builder.ini'));
    const error = await findAffected(config, { components: ['web', 'mobil'], env: {} }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AbeError);
    expect((error as AbeError).code).toBe('config.unknown-component');
    expect((error as AbeError).hint).toBe(
      'Name components as their [section] in builder.ini; `abe discover --all` lists them.',
    );
    expect((error as AbeError).message).toBe(
      `there is no component "mobil" in ${config.file}. Did you mean "mobile"?\n` +
        'Name components as their [section] in builder.ini; `abe discover --all` lists them.',
    );
  });

  test('a change found by git: every field, and no notRerun when nobody was left out', async () => {
    const repo = await monorepo();
    await repo.write({ 'api/src/app.ts': 'export const app = 2;\n', 'docs/x.md': 'x\n' });
    repo.commit('change the api');
    const result = await affected(repo);
    expect(result).toStrictEqual({
      base: repo.git('rev-parse', 'origin/main').trim(),
      head: repo.git('rev-parse', 'HEAD').trim(),
      changedFiles: ['api/src/app.ts', 'docs/x.md'],
      components: [
        {
          name: 'api',
          path: 'api',
          reasons: [{ kind: 'changed', detail: 'file api/src/app.ts changed' }],
        },
        {
          name: 'integration-tests',
          path: 'integration-tests',
          reasons: [{ kind: 'downstream', detail: 'downstream of api' }],
        },
      ],
      unownedFiles: ['docs/x.md'],
      baseRef: 'origin/main',
      baseOrigin: '[abe] base in builder.ini',
      workingTree: false,
      changedContracts: [],
    });
  });

  test('the base origin: the default bases, and a branch found as its remote branch', async () => {
    const files = monorepoFiles();
    files['builder.ini'] = (files['builder.ini'] as string).replace(
      '[abe]\nbase=origin/main\n',
      '',
    );
    const repo = await monorepo(files);
    await repo.write({ 'web/src/main.ts': 'export const web = 2;\n' });
    repo.commit('change web');
    const defaults = await affected(repo);
    expect(defaults.baseRef).toBe('origin/main');
    expect(defaults.baseOrigin).toBe('the default bases');

    repo.git('update-ref', 'refs/remotes/origin/release', 'origin/main');
    const remote = await affected(repo, { base: 'release' });
    expect(remote.baseRef).toBe('origin/release');
    expect(remote.baseOrigin).toBe(
      '--base; no local branch release, so its remote branch origin/release',
    );
    expect(names(remote)).toEqual(['web']);
  });
});

describe('findAffected with the config in a subdirectory', () => {
  test('a directory two levels down, or whose name starts with ".." or holds a colon, is inside the repository', async () => {
    for (const dir of ['..platform', 'c:x', 'plat:form', 'two/levels']) {
      const repo = await monorepo({
        [`${dir}/builder.ini`]: '[svc]\npath=svc\n',
        [`${dir}/svc/a.ts`]: '1',
        'other/b.ts': '1',
      });
      await repo.write({ [`${dir}/svc/a.ts`]: '2', 'other/b.ts': '2' });
      repo.commit('change both');
      const result = await findAffected(await loadConfig(join(repo.dir, dir, 'builder.ini')), {
        env: {},
      });
      expect(reasonsOf(result, 'svc')).toEqual(['changed: file svc/a.ts changed']);
      expect(result.changedFiles).toEqual(['svc/a.ts']);
    }
  });

  test('a config in the parent of the repository git runs in is outside it', async () => {
    const repo = await monorepo();
    await repo.write({ 'inner/builder.ini': '[a]\npath=a\n', 'inner/a/f': '1' });
    repo.git('init', '-q', 'inner');
    repo.git('-C', 'inner', 'config', 'user.name', 'abe test');
    repo.git('-C', 'inner', 'config', 'user.email', 'abe@example.test');
    repo.git('-C', 'inner', 'add', '-A');
    repo.git('-C', 'inner', 'commit', '-q', '--no-gpg-sign', '-m', 'inner');
    const config = await loadConfig(join(repo.dir, 'builder.ini'));
    const inner = join(repo.dir, 'inner');
    const error = await findAffected(config, { cwd: inner, env: {}, base: 'HEAD' }).catch(
      (e: unknown) => e,
    );
    expect((error as AbeError).code).toBe('git.failed');
    expect((error as AbeError).message).toBe(
      `the config's directory ${config.root} is not inside the git repository at ${repo.git('-C', 'inner', 'rev-parse', '--show-toplevel').trim()}.\n` +
        'Run abe inside the repository that holds builder.ini, or pass --config with its path.',
    );
  });
});

describe('findAffected reasons in order', () => {
  test('global before changed before contract before downstream, whatever order they were found in', async () => {
    const repo = await monorepo({
      'builder.ini':
        '[abe]\nglobal-files=zz.cfg\n\n[api]\npath=api\ncontracts=contracts/*.json\n\n[lib]\npath=lib\n\n[web]\npath=web\nconsumes=api\nupstream=lib\n',
      'api/contracts/users.json': contractText({ id: 1 }),
      'lib/a.ts': '1',
      'web/a.ts': '1',
      'zz.cfg': '1',
    });
    await repo.write({
      'api/contracts/users.json': contractText({ id: 2 }),
      'lib/a.ts': '2',
      'web/a.ts': '2',
    });
    repo.commit('change api, lib and web');
    const noGlobal = await affected(repo);
    expect(reasonsOf(noGlobal, 'web')).toEqual([
      'changed: file web/a.ts changed',
      'contract: contract api/contracts/users.json changed: example "OK" response.body.id',
      'downstream: downstream of lib',
    ]);

    await repo.write({ 'zz.cfg': '2' });
    repo.commit('and the global file');
    const withGlobal = await affected(repo);
    expect(reasonsOf(withGlobal, 'web')).toEqual([
      'global: global file zz.cfg changed',
      'changed: file web/a.ts changed',
      'contract: contract api/contracts/users.json changed: example "OK" response.body.id',
      'downstream: downstream of lib',
    ]);
    expect(reasonsOf(withGlobal, 'lib')).toEqual([
      'global: global file zz.cfg changed',
      'changed: file lib/a.ts changed',
    ]);
    expect(withGlobal.unownedFiles).toEqual([]);
  });

  test('a component owns its directory, not a directory whose name starts like it', async () => {
    const repo = await monorepo({
      'builder.ini': '[api]\npath=api\n\n[tools]\npath=tools/api\n',
      'api/f': '1',
      'api-docs/readme.md': '1',
      'tools/api/f': '1',
      'tools/api-old/f': '1',
    });
    await repo.write({ 'api-docs/readme.md': '2', 'tools/api-old/f': '2' });
    repo.commit('change the look-alikes');
    const result = await affected(repo);
    expect(result.components).toEqual([]);
    expect(result.unownedFiles).toEqual(['api-docs/readme.md', 'tools/api-old/f']);
  });

  test('a submodule at a component path is a change of that component when its commit moves', async () => {
    const lib = await makeGitRepo({ 'x.ts': '1' });
    repos.push(lib);
    // A submodule is never a contract, whatever the globs: `**` matches the empty path inside it.
    const repo = await monorepo({
      'builder.ini': '[app]\npath=app\n\n[lib]\npath=vendor/lib\ncontracts=**\n',
      'app/a.ts': '1',
    });
    repo.git('-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', lib.dir, 'vendor/lib');
    repo.commit('add lib');
    repo.git('update-ref', 'refs/remotes/origin/main', 'HEAD');
    await repo.write({ 'vendor/lib/x.ts': '2' });
    repo.git('-C', 'vendor/lib', 'commit', '-q', '--no-gpg-sign', '-am', 'change x');
    repo.commit('move lib');

    const result = await affected(repo);
    expect(result.changedFiles).toEqual(['vendor/lib']);
    expect(result.unownedFiles).toEqual([]);
    expect(reasonsOf(result, 'lib')).toEqual(['changed: file vendor/lib changed']);
    expect(result.changedContracts).toEqual([]);
  });

  test('a chain of downstream edges is followed to the end', async () => {
    const repo = await monorepo({
      'builder.ini':
        '[a]\npath=a\ndownstream=b\n\n[b]\npath=b\ndownstream=c\n\n[c]\npath=c\n\n[d]\npath=d\n',
      'a/f': '1',
      'b/f': '1',
      'c/f': '1',
      'd/f': '1',
    });
    await repo.write({ 'a/f': '2' });
    repo.commit('change a');
    const result = await affected(repo);
    expect(names(result)).toEqual(['a', 'b', 'c']);
    expect(reasonsOf(result, 'c')).toEqual(['downstream: downstream of b']);
  });
});

describe('findAffected on contracts', () => {
  test('a contract in a component nested in its provider: the inner component owns it', async () => {
    const files = {
      'builder.ini':
        '[api]\npath=api\ncontracts=**/*.json\n\n[sub]\npath=api/sub\n\n[web]\npath=web\nconsumes=api\n',
      'api/src/app.ts': '1',
      'api/sub/users.json': contractText({ id: 1 }),
      'web/a.ts': '1',
    };
    const repo = await monorepo(files);
    await repo.write({ 'api/sub/users.json': contractText({ id: 1 }, 4) });
    repo.commit('reformat');
    const reformatted = await affected(repo);
    expect(names(reformatted)).toEqual(['sub']);
    expect(reasonsOf(reformatted, 'sub')).toEqual(['changed: file api/sub/users.json changed']);

    await repo.write({ 'api/src/app.ts': '2' });
    repo.commit('and the api');
    const both = await affected(repo);
    expect(names(both)).toEqual(['api', 'sub']);
    expect(reasonsOf(both, 'api')).toEqual(['changed: file api/src/app.ts changed']);

    await repo.write({ 'api/sub/users.json': contractText({ id: 2 }) });
    repo.commit('change meaning');
    const changed = await affected(repo);
    expect(reasonsOf(changed, 'web')).toEqual([
      'contract: contract api/sub/users.json changed: example "OK" response.body.id',
    ]);
    expect(changed.changedContracts).toStrictEqual([
      {
        file: 'api/sub/users.json',
        owner: 'api',
        kind: 'changed',
        changes: ['example "OK" response.body.id'],
      },
    ]);
  });

  test('"same contract meaning" goes on the contract file\'s reason, not on the provider\'s first', async () => {
    const repo = await monorepo();
    await repo.write({
      'api/a.ts': '1',
      'api/contracts/users.json': contractText({ id: 1, name: 'alice' }, 4),
    });
    repo.commit('add a file, reformat the contract');
    const result = await affected(repo);
    expect(reasonsOf(result, 'api')).toEqual([
      'changed: file api/a.ts added',
      'changed: file api/contracts/users.json changed (same contract meaning: consumers not rerun)',
    ]);
  });

  test('a root component (path=.) provides contracts by globs relative to the root', async () => {
    const repo = await monorepo({
      'builder.ini':
        '[root]\npath=.\ncontracts=contracts/*.json\n\n[web]\npath=web\nconsumes=root\n',
      'contracts/users.json': contractText({ id: 1 }),
      'web/a.ts': '1',
    });
    await repo.write({
      'contracts/users.json': contractText({ id: 2 }),
      'web/contracts/x.json': '{}',
    });
    repo.commit('change the contract');
    const result = await affected(repo);
    expect(names(result)).toEqual(['root', 'web']);
    expect(reasonsOf(result, 'root')).toEqual(['changed: file contracts/users.json changed']);
    expect(reasonsOf(result, 'web')).toEqual([
      'changed: file web/contracts/x.json added',
      'contract: contract contracts/users.json changed: example "OK" response.body.id',
    ]);
  });

  test('a config in a subdirectory reads contracts by their repository path: committed, working tree, committed-only', async () => {
    const files = Object.fromEntries(
      Object.entries(monorepoFiles()).map(([path, text]) => [`platform/${path}`, text]),
    );
    const repo = await monorepo(files);
    await repo.write({ 'platform/api/contracts/users.json': contractText({ id: 1, name: 'bob' }) });
    repo.commit('rename alice');
    const config = await loadConfig(join(repo.dir, 'platform', 'builder.ini'));
    const reason =
      'contract: contract api/contracts/users.json changed: example "OK" response.body.name';

    const committed = await findAffected(config, { env: {} });
    expect(reasonsOf(committed, 'web')).toEqual([reason]);
    expect(committed.changedContracts?.map((c) => c.file)).toEqual(['api/contracts/users.json']);

    await repo.write({
      'platform/api/contracts/users.json': contractText({ id: 1, name: 'alice' }),
    });
    const working = await findAffected(config, { env: {} });
    expect(reasonsOf(working, 'web')).toEqual([]);
    expect(reasonsOf(working, 'api')).toEqual([
      'changed: file api/contracts/users.json changed (same contract meaning: consumers not rerun)',
    ]);
    const committedOnly = await findAffected(config, { env: {}, committedOnly: true });
    expect(reasonsOf(committedOnly, 'web')).toEqual([reason]);
  });

  test('added, deleted and unparseable contracts: reasons and changedContracts exactly', async () => {
    const repo = await monorepo();
    await repo.write({ 'api/contracts/users.json': '{"url": ' });
    repo.commit('break it');
    repo.git('update-ref', 'refs/remotes/origin/main', 'HEAD');
    await repo.write({
      'api/contracts/users.json': contractText({ id: 1 }),
      'api/contracts/new.json': contractText({ id: 3 }),
      'api/contracts/broken.json': '[',
    });
    repo.commit('fix it, add two');

    const fixed = await affected(repo);
    const [broken, added, oldBroken] = fixed.changedContracts ?? [];
    expect(added).toStrictEqual({
      file: 'api/contracts/new.json',
      owner: 'api',
      kind: 'added',
      changes: [],
    });
    expect(broken?.kind).toBe('added');
    expect(oldBroken?.kind).toBe('unparseable');
    expect(oldBroken?.changes).toHaveLength(1);
    const problem = oldBroken?.changes[0] as string;
    expect(problem).not.toBe('');
    expect(reasonsOf(fixed, 'web')).toEqual([
      'contract: contract api/contracts/broken.json added',
      'contract: contract api/contracts/new.json added',
      `contract: contract api/contracts/users.json changed: its old version does not parse, so it counts as changed (${problem})`,
    ]);

    repo.git('update-ref', 'refs/remotes/origin/main', 'HEAD');
    await repo.write({ 'api/contracts/broken.json': '{' });
    await repo.remove('api/contracts/new.json');
    const working = await affected(repo);
    const [both, deleted] = working.changedContracts ?? [];
    expect(deleted).toStrictEqual({
      file: 'api/contracts/new.json',
      owner: 'api',
      kind: 'deleted',
      changes: [],
    });
    expect(both?.kind).toBe('unparseable');
    expect(reasonsOf(working, 'web')).toEqual([
      `contract: contract api/contracts/broken.json changed: neither version parses, so it counts as changed (${both?.changes[0]})`,
      'contract: contract api/contracts/new.json deleted',
    ]);
    expect(reasonsOf(working, 'api')).toEqual([
      'changed: file api/contracts/broken.json changed',
      'changed: file api/contracts/new.json deleted',
    ]);
  });

  test('a staged new file is "added", an untracked one "added (untracked)"', async () => {
    const repo = await monorepo();
    await repo.write({ 'web/staged.ts': '1', 'web/untracked.ts': '1' });
    repo.git('add', 'web/staged.ts');
    expect(reasonsOf(await affected(repo), 'web')).toEqual([
      'changed: file web/staged.ts added',
      'changed: file web/untracked.ts added (untracked)',
    ]);
  });
});

describe('precision = example in findAffected', () => {
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
`;
  const LOCK = `${JSON.stringify({
    version: 1,
    contracts: { 'api/contracts/users.json': { OK: ['mailer', 'ui'], 'not found': ['ui'] } },
  })}\n`;

  function precisionFiles(lock: boolean): Record<string, string> {
    return {
      'builder.ini': INI,
      'api/contracts/users.json': contractText({ id: 1 }),
      'api/contracts/posts.json': contractText({ id: 5 }),
      'mailer/a.ts': '1',
      'ui/a.ts': '1',
      ...(lock ? { 'abe-usage.json': LOCK } : {}),
    };
  }

  test('a contract whose meaning stayed needs no usage lock', async () => {
    const repo = await monorepo(precisionFiles(false));
    await repo.write({ 'api/contracts/users.json': contractText({ id: 1 }, 4) });
    repo.commit('reformat');
    const result = await affected(repo);
    expect(names(result)).toEqual(['api']);
    expect(result.changedContracts).toEqual([]);
  });

  test('a meaning change without a usage lock is an error with the fix', async () => {
    const repo = await monorepo(precisionFiles(false));
    await repo.write({
      'api/contracts/users.json': contractText({ id: 1 }, 4),
      'api/contracts/posts.json': contractText({ id: 6 }),
    });
    repo.commit('reformat users, change posts');
    const error = await affected(repo).catch((e: unknown) => e);
    expect((error as AbeError).code).toBe('usage-lock.missing');
    expect((error as AbeError).message).toBe(
      'abe-usage.json: builder.ini sets [abe] precision = example, but there is no usage lock abe-usage.json: abe cannot tell which consumers use a changed example.\n' +
        'Write it from a full run and commit it: `abe check --all && abe coverage --write-usage`; or remove precision = example.',
    );
  });

  test('one unchanged and one changed contract: the lock narrows the changed one', async () => {
    const repo = await monorepo(precisionFiles(true));
    await repo.write({
      'api/contracts/posts.json': contractText({ id: 5 }, 4),
      'api/contracts/users.json': contractText({ id: 1 }).replace('"status": 404', '"status": 410'),
    });
    repo.commit('reformat posts, change "not found" of users');
    const result = await affected(repo);
    expect(names(result)).toEqual(['api', 'ui']);
    expect(result.notRerun).toStrictEqual([
      { name: 'mailer', contract: 'api/contracts/users.json', uses: ['OK'] },
    ]);
  });

  test('a consumer the lock leaves out but a changed file selects is not "not rerun"', async () => {
    const repo = await monorepo(precisionFiles(true));
    await repo.write({
      'api/contracts/users.json': contractText({ id: 1 }).replace('"status": 404', '"status": 410'),
      'mailer/a.ts': '2',
    });
    repo.commit('change "not found", and the mailer');
    const result = await affected(repo);
    expect(names(result)).toEqual(['api', 'mailer', 'ui']);
    expect(result.notRerun).toBeUndefined();
    expect('notRerun' in result).toBe(false);
  });
});

describe('findAffected in CI when HEAD is the base', () => {
  /** On main, pushed: origin/main is HEAD. */
  async function onMain(ini: string): Promise<GitRepo> {
    const repo = await makeGitRepo({ 'builder.ini': ini, 'a/f': '1' });
    repos.push(repo);
    repo.git('update-ref', 'refs/remotes/origin/main', 'HEAD');
    return repo;
  }
  const HINT =
    'On a push, pass the commit before it with --base (CircleCI: << pipeline.git.base_revision >>); on GitHub Actions and GitLab CI abe finds it itself. --all checks every component.';

  test('stops with the base and where it came from', async () => {
    const repo = await onMain('[a]\npath=a\n');
    const defaults = await affected(repo, { env: { CI: 'true' } }).catch((e: unknown) => e);
    expect((defaults as AbeError).code).toBe('git.base');
    expect((defaults as AbeError).message).toBe(
      `HEAD is the base origin/main itself, so there is no change to compare: in CI that would check nothing, so abe stops.\n${HINT}`,
    );
    const flag = await affected(repo, { env: { CI: '1' }, base: 'main' }).catch((e: unknown) => e);
    expect((flag as AbeError).message).toBe(
      `HEAD is the base main (from --base) itself, so there is no change to compare: in CI that would check nothing, so abe stops.\n${HINT}`,
    );
  });

  test('CI unset, empty, "false" or "0" is not CI; uncommitted work is something to compare', async () => {
    const repo = await onMain('[a]\npath=a\n');
    for (const CI of [undefined, '', 'false', '0']) {
      const result = await affected(repo, { env: { CI } });
      expect(result.components).toEqual([]);
      expect(result.base).toBe(result.head);
    }
    await repo.write({ 'a/f': '2' });
    const working = await affected(repo, { env: { CI: 'true' } });
    expect(reasonsOf(working, 'a')).toEqual(['changed: file a/f changed']);
    expect(working.workingTree).toBe(true);
  });

  test('in CI, a HEAD ahead of its base is compared as usual', async () => {
    const repo = await onMain('[a]\npath=a\n');
    await repo.write({ 'a/f': '2' });
    repo.commit('ahead');
    const result = await affected(repo, { env: { CI: 'true' } });
    expect(reasonsOf(result, 'a')).toEqual(['changed: file a/f changed']);
  });
});
