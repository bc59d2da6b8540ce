import { runGit } from './run-git.js';

/** HEAD's sha, or git's own words on why there is none (empty when it said nothing). */
export type HeadSha =
  | { readonly sha: string; readonly stderr?: undefined }
  | { readonly sha?: undefined; readonly stderr: string };

/**
 * The commit HEAD points at, as `git rev-parse --verify HEAD^{commit}` says. A repository with
 * no commit (or none at all) comes back as git's stderr rather than an error, because callers
 * differ on what that means: one reports no head, another stops with a hint. Only a git that cannot start throws
 * (`git.failed`, from `runGit`).
 *
 * @example
 * const head = await readHeadSha('/repo/services/api');
 * if (head.sha === undefined) console.error(head.stderr);
 */
export async function readHeadSha(cwd: string): Promise<HeadSha> {
  const result = await runGit(['rev-parse', '--verify', 'HEAD^{commit}'], { cwd });
  return result.code === 0
    ? { sha: result.stdout.toString('utf8').trim() }
    : { stderr: result.stderr };
}
