import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';

/** A fixed identity and no user or system git config, so commits are alike everywhere. */
export const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'abe test',
  GIT_AUTHOR_EMAIL: 'abe@example.test',
  GIT_COMMITTER_NAME: 'abe test',
  GIT_COMMITTER_EMAIL: 'abe@example.test',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

/** A real git repository in a temp dir, with helpers to change it like a developer would. */
export interface GitRepo {
  readonly dir: string;
  git(...args: string[]): string;
  write(files: Readonly<Record<string, string>>): Promise<void>;
  remove(...paths: string[]): Promise<void>;
  /** Stages everything and commits. */
  commit(message: string): void;
  /** Makes the current commit `origin/main`, as if pushed, and starts `feature` from it. */
  branchFromMain(): void;
  cleanup(): Promise<void>;
}

// Building a repository costs several git processes; tests copy a cached one instead.
const templates = new Map<string, Promise<string>>();
afterAll(async () => {
  const dirs = await Promise.all(templates.values());
  templates.clear();
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/**
 * Creates a repository on branch `main` holding `files`, committed once; with `feature`,
 * that commit is also `origin/main` (as if pushed) and the branch `feature` is checked out.
 */
export async function makeGitRepo(
  files: Readonly<Record<string, string>>,
  options: { feature?: boolean } = {},
): Promise<GitRepo> {
  const key = JSON.stringify([files, options.feature === true]);
  let template = templates.get(key);
  if (template === undefined) {
    template = buildRepo(files, options.feature === true).then((repo) => repo.dir);
    templates.set(key, template);
  }
  const dir = await mkdtemp(join(tmpdir(), 'abe-repo-'));
  await cp(await template, dir, { recursive: true });
  return openRepo(dir);
}

async function buildRepo(
  files: Readonly<Record<string, string>>,
  feature: boolean,
): Promise<GitRepo> {
  const repo = openRepo(await mkdtemp(join(tmpdir(), 'abe-template-')));
  repo.git('init', '-q', '-b', 'main');
  // Code under test runs git without GIT_ENV (an annotated tag needs a tagger), so the repo
  // carries the identity too.
  repo.git('config', 'user.name', 'abe test');
  repo.git('config', 'user.email', 'abe@example.test');
  await repo.write(files);
  repo.commit('initial');
  if (feature) repo.branchFromMain();
  return repo;
}

/** A `git clone --depth 1` of `source`, as CI checkouts make by default. */
export async function shallowClone(source: GitRepo): Promise<GitRepo> {
  const clone = openRepo(await mkdtemp(join(tmpdir(), 'abe-shallow-')));
  clone.git('clone', '-q', '--depth', '1', `file://${source.dir}`, '.');
  return clone;
}

function openRepo(dir: string): GitRepo {
  const git = (...args: string[]): string =>
    execFileSync('git', args, { cwd: dir, env: GIT_ENV, encoding: 'utf8', stdio: 'pipe' });
  const repo: GitRepo = {
    dir,
    git,
    async write(more) {
      for (const [path, text] of Object.entries(more)) {
        await mkdir(dirname(join(dir, path)), { recursive: true });
        await writeFile(join(dir, path), text);
      }
    },
    async remove(...paths) {
      for (const path of paths) await rm(join(dir, path), { recursive: true, force: true });
    },
    commit(message) {
      git('add', '-A');
      git('commit', '-q', '--no-gpg-sign', '--allow-empty', '-m', message);
    },
    branchFromMain() {
      git('update-ref', 'refs/remotes/origin/main', 'HEAD');
      git('checkout', '-q', '-b', 'feature');
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
  return repo;
}

/** An ABE contract file's text, with the given response body for example "OK". */
export function contractText(body: Readonly<Record<string, unknown>>, indent = 2): string {
  return `${JSON.stringify(
    {
      description: 'Retrieve a user',
      url: '/users/[0-9]+',
      method: 'GET',
      examples: {
        OK: { request: { url: '/users/1' }, response: { status: 200, body } },
        'not found': { request: { url: '/users/9' }, response: { status: 404 } },
      },
    },
    null,
    indent,
  )}\n`;
}

/** builder.ini of the fixture monorepo: an API providing a contract, two consumers, tests downstream. */
export const MONOREPO_INI = `[abe]
base=origin/main

[api]
path=api
downstream=integration-tests
release-process=docker
contracts=contracts/**/*.json   ; ABE files the API provides

[web]
path=web
consumes=api

[mobile]
path=mobile
consumes=api

[mailer]
path=mailer

[integration-tests]
path=integration-tests
upstream=mailer
`;

/** The files of the fixture monorepo. */
export function monorepoFiles(): Record<string, string> {
  return {
    'builder.ini': MONOREPO_INI,
    Makefile: 'all:\n',
    'README.md': '# monorepo\n',
    'api/src/app.ts': 'export const app = 1;\n',
    'api/contracts/users.json': contractText({ id: 1, name: 'alice' }),
    'web/src/main.ts': 'export const web = 1;\n',
    'mobile/src/main.ts': 'export const mobile = 1;\n',
    'mailer/src/send.ts': 'export const send = 1;\n',
    'integration-tests/run.sh': 'echo ok\n',
  };
}
