import { readFile } from 'node:fs/promises';

/** What a CI system says a build should be compared with. */
export interface CiBase {
  /** A branch name (`main`), a remote branch (`origin/main`) or a commit sha. */
  readonly ref: string;
  /** Why, for messages: `GITHUB_BASE_REF, the pull request's base branch on GitHub Actions`. */
  readonly origin: string;
  /**
   * `push`: the range a push brought, from the commit before it; that commit must be in the
   * clone (a force-push can take it away), or nothing can be compared.
   */
  readonly kind: 'pull-request' | 'push';
}

type Env = Readonly<Record<string, string | undefined>>;

/** The sha git uses for "no commit": the `before` of a push that created a branch. */
const NO_COMMIT = /^0+$/;

/**
 * The base a CI system gives a build: on a pull or merge request, its target branch (or the
 * merge-base sha GitLab computed); on a push, the commit before the push, or the default branch
 * when the push created the branch. `undefined` elsewhere: a scheduled or manual build, a CI
 * system that says nothing (CircleCI), or no CI at all.
 *
 * @example
 * await baseFromCi({ GITHUB_ACTIONS: 'true', GITHUB_EVENT_NAME: 'pull_request', GITHUB_BASE_REF: 'main' });
 * // { ref: 'main', origin: "GITHUB_BASE_REF, the pull request's base branch on GitHub Actions", kind: 'pull-request' }
 */
export async function baseFromCi(env: Env): Promise<CiBase | undefined> {
  if (env.GITHUB_ACTIONS === 'true') return githubBase(env);
  if (env.GITLAB_CI === 'true') return gitlabBase(env);
  if (env.BUILDKITE === 'true') return buildkiteBase(env);
  return undefined;
}

async function githubBase(env: Env): Promise<CiBase | undefined> {
  const event = env.GITHUB_EVENT_NAME;
  if ((event === 'pull_request' || event === 'pull_request_target') && env.GITHUB_BASE_REF) {
    return {
      ref: env.GITHUB_BASE_REF,
      origin: "GITHUB_BASE_REF, the pull request's base branch on GitHub Actions",
      kind: 'pull-request',
    };
  }
  if (event !== 'push' && event !== 'merge_group') return undefined;
  const payload = await readEvent(env.GITHUB_EVENT_PATH);
  if (event === 'merge_group') {
    const sha = stringAt(payload, ['merge_group', 'base_sha']);
    return sha === undefined
      ? undefined
      : { ref: sha, origin: 'the merge group base on GitHub Actions', kind: 'pull-request' };
  }
  const before = stringAt(payload, ['before']);
  if (before === undefined) return undefined;
  if (!NO_COMMIT.test(before)) {
    return {
      ref: before,
      origin: "the pushed range's start (the push event's before) on GitHub Actions",
      kind: 'push',
    };
  }
  const defaultBranch = stringAt(payload, ['repository', 'default_branch']);
  return defaultBranch === undefined
    ? undefined
    : {
        ref: defaultBranch,
        origin: `the default branch: the push created the branch, so no commit came before it (GitHub Actions)`,
        kind: 'pull-request',
      };
}

function gitlabBase(env: Env): CiBase | undefined {
  if (env.CI_MERGE_REQUEST_IID) {
    // GitLab computes the merge-base itself; the target branch may not even be fetched.
    if (env.CI_MERGE_REQUEST_DIFF_BASE_SHA) {
      return {
        ref: env.CI_MERGE_REQUEST_DIFF_BASE_SHA,
        origin: "CI_MERGE_REQUEST_DIFF_BASE_SHA, the merge request's base on GitLab CI",
        kind: 'pull-request',
      };
    }
    if (env.CI_MERGE_REQUEST_TARGET_BRANCH_NAME) {
      return {
        ref: env.CI_MERGE_REQUEST_TARGET_BRANCH_NAME,
        origin: "CI_MERGE_REQUEST_TARGET_BRANCH_NAME, the merge request's target on GitLab CI",
        kind: 'pull-request',
      };
    }
    return undefined;
  }
  if (env.CI_PIPELINE_SOURCE !== 'push' || !env.CI_COMMIT_BEFORE_SHA) return undefined;
  if (!NO_COMMIT.test(env.CI_COMMIT_BEFORE_SHA)) {
    return {
      ref: env.CI_COMMIT_BEFORE_SHA,
      origin: "CI_COMMIT_BEFORE_SHA, the pushed range's start on GitLab CI",
      kind: 'push',
    };
  }
  return env.CI_DEFAULT_BRANCH
    ? {
        ref: env.CI_DEFAULT_BRANCH,
        origin:
          'CI_DEFAULT_BRANCH: the push created the branch, so no commit came before it (GitLab CI)',
        kind: 'pull-request',
      }
    : undefined;
}

function buildkiteBase(env: Env): CiBase | undefined {
  const pullRequest = env.BUILDKITE_PULL_REQUEST;
  const branch = env.BUILDKITE_PULL_REQUEST_BASE_BRANCH;
  if (!pullRequest || pullRequest === 'false' || !branch) return undefined;
  return {
    ref: branch,
    origin: "BUILDKITE_PULL_REQUEST_BASE_BRANCH, the pull request's base branch on Buildkite",
    kind: 'pull-request',
  };
}

/** The event file GitHub Actions writes for every run; `{}` when it cannot be read. */
async function readEvent(path: string | undefined): Promise<unknown> {
  if (!path) return {};
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch {
    return {};
  }
}

function stringAt(value: unknown, keys: readonly string[]): string | undefined {
  let current = value;
  for (const key of keys) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) {
      return undefined;
    }
    current = (current as Record<string, unknown>)[key];
  }
  return typeof current === 'string' && current !== '' ? current : undefined;
}
