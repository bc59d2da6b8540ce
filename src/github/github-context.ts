import { readFile } from 'node:fs/promises';
import { isRecord } from '../core/is-record.js';

/** Where and as whom to talk to GitHub, read from the variables GitHub Actions sets. */
export interface GithubContext {
  readonly token: string;
  readonly apiUrl: string;
  readonly owner: string;
  readonly repo: string;
  /** The commit statuses go to: the pull request's head commit, else `GITHUB_SHA`. */
  readonly sha: string;
  /** The pull request number, when the run is for one. */
  readonly pullRequest: number | undefined;
  /** Link to the workflow run, for the statuses' details. */
  readonly targetUrl: string | undefined;
}

/**
 * The GitHub context of a CI run, or `undefined` unless `GITHUB_TOKEN`, `GITHUB_REPOSITORY`
 * and `GITHUB_SHA` are all set. The pull request comes from `GITHUB_EVENT_PATH`'s
 * `pull_request.number`, else from `GITHUB_REF=refs/pull/<n>/merge`.
 *
 * @example
 * const github = await githubContextFromEnv(process.env);
 * if (github?.pullRequest !== undefined) { … }
 */
export async function githubContextFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): Promise<GithubContext | undefined> {
  const token = env.GITHUB_TOKEN;
  const repository = env.GITHUB_REPOSITORY;
  const sha = env.GITHUB_SHA;
  if (!token || !repository || !sha) return undefined;
  const [owner, repo, ...rest] = repository.split('/');
  if (!owner || !repo || rest.length > 0) return undefined;
  const event = await readEvent(env.GITHUB_EVENT_PATH);
  const fromRef = /^refs\/pull\/([0-9]+)\/(merge|head)$/.exec(env.GITHUB_REF ?? '')?.[1];
  const pullRequest = event.number ?? (fromRef === undefined ? undefined : Number(fromRef));
  const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  return {
    token,
    apiUrl: (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, ''),
    owner,
    repo,
    // On a pull_request event GITHUB_SHA is a merge commit that the PR page never shows.
    sha: event.headSha ?? sha,
    pullRequest,
    targetUrl: env.GITHUB_RUN_ID
      ? `${server}/${owner}/${repo}/actions/runs/${env.GITHUB_RUN_ID}`
      : undefined,
  };
}

async function readEvent(
  path: string | undefined,
): Promise<{ number: number | undefined; headSha: string | undefined }> {
  const none = { number: undefined, headSha: undefined };
  if (!path) return none;
  let event: unknown;
  try {
    event = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    return none;
  }
  const pr = isRecord(event) ? event.pull_request : undefined;
  if (!isRecord(pr)) return none;
  const head = pr.head;
  return {
    number: typeof pr.number === 'number' && Number.isInteger(pr.number) ? pr.number : undefined,
    headSha: isRecord(head) && typeof head.sha === 'string' ? head.sha : undefined,
  };
}
