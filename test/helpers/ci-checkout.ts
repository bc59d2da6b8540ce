import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GIT_ENV } from './git-repo.js';

// Checkouts laid out exactly as CI systems make them, from a "server" repository: the git
// commands actions/checkout (v4–v6) and the GitLab runner run, in their order, with the refs
// and depth they use, and the variables and event files they set.

/** Runs git in `dir` and returns its trimmed stdout. */
export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, env: GIT_ENV, encoding: 'utf8' }).trim();
}

/** A directory the test removes when done. */
export interface Scratch {
  readonly dir: string;
  remove(): Promise<void>;
}

export async function scratch(prefix: string): Promise<Scratch> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

async function initCheckout(server: string): Promise<Scratch> {
  const checkout = await scratch('abe-ci-checkout-');
  git(checkout.dir, 'init', '-q');
  git(checkout.dir, 'remote', 'add', 'origin', `file://${server}`);
  return checkout;
}

/**
 * actions/checkout on a `pull_request` event: with `fetch-depth: 0` every branch and tag, then
 * the merge ref; HEAD detached at GitHub's merge commit, no local branch at all.
 */
export async function githubPullRequestCheckout(
  server: string,
  pullRequest: number,
  depth: 0 | 1,
): Promise<Scratch> {
  const checkout = await initCheckout(server);
  const merge = `refs/remotes/pull/${pullRequest}/merge`;
  if (depth === 0) {
    git(
      checkout.dir,
      'fetch',
      '-q',
      '--prune',
      '--no-recurse-submodules',
      'origin',
      '+refs/heads/*:refs/remotes/origin/*',
      '+refs/tags/*:refs/tags/*',
    );
    git(checkout.dir, 'fetch', '-q', 'origin', `+refs/pull/${pullRequest}/merge:${merge}`);
  } else {
    git(
      checkout.dir,
      'fetch',
      '-q',
      '--depth=1',
      'origin',
      `+refs/pull/${pullRequest}/merge:${merge}`,
    );
  }
  git(checkout.dir, 'checkout', '-q', '--force', merge);
  return checkout;
}

/**
 * actions/checkout on a `push` event: the pushed branch checked out as a local branch at the
 * pushed commit; with `fetch-depth: 0` every branch and tag is fetched first.
 */
export async function githubPushCheckout(
  server: string,
  branch: string,
  depth: 0 | 1,
): Promise<Scratch> {
  const checkout = await initCheckout(server);
  if (depth === 0) {
    git(
      checkout.dir,
      'fetch',
      '-q',
      '--prune',
      '--no-recurse-submodules',
      'origin',
      '+refs/heads/*:refs/remotes/origin/*',
      '+refs/tags/*:refs/tags/*',
    );
  } else {
    git(
      checkout.dir,
      'fetch',
      '-q',
      '--depth=1',
      'origin',
      `+refs/heads/${branch}:refs/remotes/origin/${branch}`,
    );
  }
  git(checkout.dir, 'checkout', '-q', '--force', '-B', branch, `refs/remotes/origin/${branch}`);
  return checkout;
}

/**
 * The GitLab runner (`GIT_STRATEGY: fetch`): the refspecs it fetches, to `depth` (GitLab's
 * default is 20; 0 is the whole history), then HEAD detached at the pipeline's commit.
 */
export async function gitlabCheckout(
  server: string,
  refspecs: readonly string[],
  sha: string,
  depth: number,
): Promise<Scratch> {
  const checkout = await initCheckout(server);
  const deepen = depth === 0 ? [] : [`--depth=${depth}`];
  git(checkout.dir, 'fetch', '-q', ...deepen, '--prune', 'origin', ...refspecs);
  git(checkout.dir, 'checkout', '-q', '--force', sha);
  return checkout;
}

/** The variables every GitHub Actions job has, plus those of the event, and its event file. */
export async function githubEnv(
  checkout: Scratch,
  event: 'pull_request' | 'push',
  variables: Readonly<Record<string, string>>,
  payload: unknown,
): Promise<Record<string, string | undefined>> {
  // Inside .git: git status never sees it, and it goes with the checkout.
  const path = join(checkout.dir, '.git', 'event.json');
  await writeFile(path, JSON.stringify(payload));
  return {
    PATH: process.env.PATH,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: event,
    GITHUB_EVENT_PATH: path,
    GITHUB_REPOSITORY: 'acme/shop',
    ...variables,
  };
}

/** The variables of a GitLab CI job. */
export function gitlabEnv(
  variables: Readonly<Record<string, string>>,
): Record<string, string | undefined> {
  return {
    PATH: process.env.PATH,
    CI: 'true',
    GITLAB_CI: 'true',
    CI_DEFAULT_BRANCH: 'main',
    ...variables,
  };
}
