import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  git,
  githubEnv,
  githubPullRequestCheckout,
  githubPushCheckout,
  gitlabCheckout,
  gitlabEnv,
  type Scratch,
  scratch,
} from '../helpers/ci-checkout.js';
import { runCli } from '../helpers/run-cli.js';

// abe as CI systems really run it: checkouts made with the git commands of actions/checkout and
// the GitLab runner, from a "server" repository with pull request and merge request refs, and the
// variables and event files those systems set. The config is the shop's: `[abe] base = main`.

const BUILDER_INI = `[abe]
base = main

[api]
path = api
contracts = contracts/*.json

[mailer]
path = mailer
consumes = api

[docs]
path = docs
`;

const contract = (field: string): string =>
  `${JSON.stringify({
    url: '/users/1',
    method: 'GET',
    examples: { OK: { response: { status: 200, body: { [field]: 'alice' } } } },
  })}\n`;

interface Server {
  readonly dir: string;
  /** main before the push, and after it (the push changed docs only). */
  readonly beforePush: string;
  readonly afterPush: string;
  /** The pull request's merge commit and its base. */
  readonly mergeSha: string;
  readonly mergeBase: string;
  readonly featureSha: string;
}

let server: Scratch;
let info: Server;
const checkouts: Scratch[] = [];

async function write(dir: string, files: Readonly<Record<string, string>>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
}

function commit(dir: string, message: string): string {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
  return git(dir, 'rev-parse', 'HEAD');
}

/**
 * main: 25 commits (more than GitLab's default depth), the last a push that changed docs only.
 * feature: renames the contract's field (its meaning changes) and edits the mailer. GitHub's
 * `refs/pull/1/merge` and GitLab's `refs/merge-requests/1/head` point where those systems do.
 */
beforeAll(async () => {
  server = await scratch('abe-ci-server-');
  const dir = server.dir;
  git(dir, 'init', '-q', '-b', 'main');
  await write(dir, {
    'builder.ini': BUILDER_INI,
    'api/contracts/users.json': contract('name'),
    'api/Makefile': '.PHONY: build test\nbuild:\ntest:\n',
    'mailer/send.ts': 'send\n',
    'docs/index.md': '# 0\n',
  });
  commit(dir, 'initial');
  for (let index = 1; index < 24; index += 1) {
    await write(dir, { 'docs/index.md': `# ${index}\n` });
    commit(dir, `docs ${index}`);
  }
  const beforePush = git(dir, 'rev-parse', 'HEAD');
  await write(dir, { 'docs/index.md': '# pushed\n' });
  const afterPush = commit(dir, 'the push');

  git(dir, 'checkout', '-q', '-b', 'feature', beforePush);
  await write(dir, {
    'api/contracts/users.json': contract('username'),
    'mailer/send.ts': 'send to username\n',
  });
  const featureSha = commit(dir, 'rename name to username');
  git(dir, 'update-ref', 'refs/pull/1/head', featureSha);
  git(dir, 'update-ref', 'refs/merge-requests/1/head', featureSha);
  // GitHub's test merge of the pull request into the current main.
  git(dir, 'checkout', '-q', '--detach', afterPush);
  git(dir, 'merge', '-q', '--no-ff', '-m', 'Merge pull request #1', featureSha);
  const mergeSha = git(dir, 'rev-parse', 'HEAD');
  git(dir, 'update-ref', 'refs/pull/1/merge', mergeSha);
  git(dir, 'checkout', '-q', 'main');
  info = { dir, beforePush, afterPush, mergeSha, mergeBase: beforePush, featureSha };
});

afterAll(async () => {
  await Promise.all([server.remove(), ...checkouts.map((checkout) => checkout.remove())]);
});

function keep(checkout: Scratch): Scratch {
  checkouts.push(checkout);
  return checkout;
}

async function affectedIn(checkout: Scratch, env: Record<string, string | undefined>) {
  const run = await runCli(['affected', '--json'], { cwd: checkout.dir, env });
  return {
    run,
    json:
      run.code === 0
        ? (JSON.parse(run.stdout) as {
            components: { name: string }[];
            baseRef: string;
            baseOrigin: string;
            base: string;
          })
        : undefined,
  };
}

const names = (json: { components: { name: string }[] } | undefined): string[] =>
  json?.components.map((component) => component.name) ?? [];

describe('GitHub Actions, actions/checkout', () => {
  test('a pull request with fetch-depth 0: HEAD detached at the merge, only origin/main; base = main in builder.ini still works', async () => {
    const checkout = keep(await githubPullRequestCheckout(info.dir, 1, 0));
    expect(git(checkout.dir, 'branch', '--list')).toMatch(/HEAD detached/);
    const env = await githubEnv(
      checkout,
      'pull_request',
      { GITHUB_BASE_REF: 'main', GITHUB_HEAD_REF: 'feature', GITHUB_REF: 'refs/pull/1/merge' },
      { pull_request: { number: 1, base: { ref: 'main' } } },
    );
    const { run, json } = await affectedIn(checkout, env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(names(json)).toEqual(['api', 'mailer']);
    expect(json?.baseRef).toBe('origin/main');
    expect(json?.baseOrigin).toBe(
      "GITHUB_BASE_REF, the pull request's base branch on GitHub Actions; no local branch main, so its remote branch origin/main",
    );
    const human = await runCli(['affected'], { cwd: checkout.dir, env });
    expect(human.stdout).toContain(
      "base from GITHUB_BASE_REF, the pull request's base branch on GitHub Actions; no local branch main, so its remote branch origin/main",
    );
  });

  test('a pull request with the default fetch-depth 1 stops with exit 2 and the fix', async () => {
    const checkout = keep(await githubPullRequestCheckout(info.dir, 1, 1));
    const env = await githubEnv(checkout, 'pull_request', { GITHUB_BASE_REF: 'main' }, {});
    const { run } = await affectedIn(checkout, env);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('is shallow');
    expect(run.stderr).toContain('fetch-depth: 0');
  });

  test('a push to main checks what the push brought, not nothing', async () => {
    const checkout = keep(await githubPushCheckout(info.dir, 'main', 0));
    const env = await githubEnv(
      checkout,
      'push',
      { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: info.afterPush },
      { before: info.beforePush, after: info.afterPush, repository: { default_branch: 'main' } },
    );
    const { run, json } = await affectedIn(checkout, env);
    expect(run.code).toBe(0);
    expect(names(json)).toEqual(['docs']);
    expect(json?.base).toBe(info.beforePush);
    expect(json?.baseOrigin).toBe(
      "the pushed range's start (the push event's before) on GitHub Actions",
    );
  });

  test('abe release on that push releases what the push brought', async () => {
    const checkout = keep(await githubPushCheckout(info.dir, 'main', 0));
    const env = await githubEnv(
      checkout,
      'push',
      { GITHUB_REF: 'refs/heads/main', GITHUB_SHA: info.afterPush },
      { before: info.beforePush, after: info.afterPush, repository: { default_branch: 'main' } },
    );
    const run = await runCli(['release', '--tag', 'v1'], { cwd: checkout.dir, env });
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('1 affected component, in build order:\n  docs (docs)');
    expect(run.stdout).toContain('○ docs release skipped');
  });

  test('a push that creates a branch compares it with the default branch', async () => {
    const checkout = keep(await githubPushCheckout(info.dir, 'feature', 0));
    const env = await githubEnv(
      checkout,
      'push',
      { GITHUB_REF: 'refs/heads/feature' },
      { before: '0'.repeat(40), created: true, repository: { default_branch: 'main' } },
    );
    const { run, json } = await affectedIn(checkout, env);
    expect(run.code).toBe(0);
    expect(names(json)).toEqual(['api', 'mailer']);
    expect(json?.baseRef).toBe('origin/main');
  });

  test('a force-push whose earlier commit is not in the clone stops with exit 2, never "nothing"', async () => {
    const checkout = keep(await githubPushCheckout(info.dir, 'main', 0));
    const gone = 'f'.repeat(40);
    const env = await githubEnv(
      checkout,
      'push',
      { GITHUB_REF: 'refs/heads/main' },
      { before: gone, forced: true, repository: { default_branch: 'main' } },
    );
    const { run } = await affectedIn(checkout, env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`the push started at ${gone}`);
    expect(run.stderr).toContain('a force-push rewrote the branch');
  });

  test('a push checked out with fetch-depth 1 stops with exit 2 and the fix', async () => {
    const checkout = keep(await githubPushCheckout(info.dir, 'main', 1));
    const env = await githubEnv(
      checkout,
      'push',
      {},
      { before: info.beforePush, repository: { default_branch: 'main' } },
    );
    const { run } = await affectedIn(checkout, env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('fetch-depth: 0');
  });
});

describe('GitLab CI, the GitLab runner', () => {
  const mergeRequest = (depth: number) =>
    gitlabCheckout(
      info.dir,
      ['+refs/merge-requests/1/head:refs/remotes/origin/merge-requests/1/head'],
      info.featureSha,
      depth,
    );
  const mergeRequestEnv = gitlabEnv({
    CI_PIPELINE_SOURCE: 'merge_request_event',
    CI_MERGE_REQUEST_IID: '1',
    CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main',
    CI_MERGE_REQUEST_DIFF_BASE_SHA: '',
  });

  test('a merge request with GIT_DEPTH 0: the merge-base GitLab computed is the base, though main was never fetched', async () => {
    const checkout = keep(await mergeRequest(0));
    const env = { ...mergeRequestEnv, CI_MERGE_REQUEST_DIFF_BASE_SHA: info.mergeBase };
    const { run, json } = await affectedIn(checkout, env);
    expect(run.stderr).toBe('');
    expect(names(json)).toEqual(['api', 'mailer']);
    expect(json?.base).toBe(info.mergeBase);
  });

  test("a merge request with GitLab's default depth of 20 stops with exit 2 and GIT_DEPTH: 0", async () => {
    const checkout = keep(await mergeRequest(20));
    const env = { ...mergeRequestEnv, CI_MERGE_REQUEST_DIFF_BASE_SHA: info.mergeBase };
    const { run } = await affectedIn(checkout, env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('GIT_DEPTH: 0');
  });

  test('a push pipeline checks the pushed range from CI_COMMIT_BEFORE_SHA', async () => {
    const checkout = keep(
      await gitlabCheckout(info.dir, ['+refs/heads/*:refs/remotes/origin/*'], info.afterPush, 0),
    );
    const env = gitlabEnv({ CI_PIPELINE_SOURCE: 'push', CI_COMMIT_BEFORE_SHA: info.beforePush });
    const { run, json } = await affectedIn(checkout, env);
    expect(run.code).toBe(0);
    expect(names(json)).toEqual(['docs']);
  });
});

describe('CI systems that do not say what a push brought', () => {
  test('on CircleCI, a push to main whose HEAD is the base itself stops with exit 2, not "nothing affected"', async () => {
    const checkout = keep(await githubPushCheckout(info.dir, 'main', 0));
    const env = { PATH: process.env.PATH, CI: 'true', CIRCLECI: 'true', CIRCLE_BRANCH: 'main' };
    const { run } = await affectedIn(checkout, env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('HEAD is the base main (from [abe] base in builder.ini) itself');
    expect(run.stderr).toContain('pipeline.git.base_revision');
    const withBase = await runCli(['discover', '--base', info.beforePush], {
      cwd: checkout.dir,
      env,
    });
    expect(withBase).toMatchObject({ code: 0, stdout: 'docs\n' });
  });

  test('outside CI, main compared with itself is nothing to do, and uncommitted work is named as the working tree', async () => {
    const checkout = keep(await githubPushCheckout(info.dir, 'main', 0));
    const env = { PATH: process.env.PATH };
    expect(await runCli(['discover'], { cwd: checkout.dir, env })).toMatchObject({
      code: 0,
      stdout: '',
    });
    await writeFile(join(checkout.dir, 'mailer/send.ts'), 'work in progress\n');
    const human = await runCli(['affected'], { cwd: checkout.dir, env });
    expect(human.stdout).toMatch(
      /^Compared main \(merge-base [0-9a-f]{10}\) with the working tree \(HEAD [0-9a-f]{10} and uncommitted changes\): 1 changed file\.\n/,
    );
  });
});
