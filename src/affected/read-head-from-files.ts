import { readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runGit } from './run-git.js';

const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/**
 * The commit HEAD points at, read from the `.git` directory's files instead of spawning
 * `git rev-parse HEAD`: starting a process costs more than everything else `abe test --all`
 * does before its first `make`. Returns `undefined` whenever the layout is anything but the
 * plain one (a worktree or submodule `.git` file, `GIT_DIR` set, an unborn branch, reftable
 * refs, a symbolic ref chain): the caller then asks git, which also gives the proper error.
 *
 * @example
 * const head = readHeadFromFiles('/repo/services/api') ?? (await askGit());
 */
export function readHeadFromFiles(
  cwd: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string | undefined {
  const gitDir = plainGitDirectory(cwd, env);
  return gitDir === undefined ? undefined : headOf(gitDir);
}

/** HEAD's sha, or git's own words on why there is none (empty when it said nothing). */
export type HeadSha =
  | { readonly sha: string; readonly stderr?: undefined }
  | { readonly sha?: undefined; readonly stderr: string };

/**
 * The commit HEAD points at: from the files when `readHeadFromFiles` can tell, else from
 * `git rev-parse --verify HEAD^{commit}`. A repository with no commit (or none at all) comes
 * back as git's stderr rather than an error, because callers differ on what that means: one
 * reports no head, another stops with a hint. Only a git that cannot start throws
 * (`git.failed`, from `runGit`).
 *
 * @example
 * const head = await readHeadSha('/repo/services/api');
 * if (head.sha === undefined) console.error(head.stderr);
 */
export async function readHeadSha(
  cwd: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<HeadSha> {
  const fromFiles = readHeadFromFiles(cwd, env);
  if (fromFiles !== undefined) return { sha: fromFiles };
  const result = await runGit(['rev-parse', '--verify', 'HEAD^{commit}'], { cwd });
  return result.code === 0
    ? { sha: result.stdout.toString('utf8').trim() }
    : { stderr: result.stderr };
}

/** HEAD, the top of the working tree and whether the clone is shallow, as `git rev-parse` says. */
export interface RepositoryHead {
  readonly sha: string;
  readonly topLevel: string;
  readonly shallow: boolean;
}

/**
 * What `git rev-parse --is-shallow-repository --show-toplevel HEAD` prints, from the files of
 * a plain repository (undefined otherwise, as for `readHeadFromFiles`, and also when the
 * config moves or removes the working tree: `core.worktree`, `core.bare`). Shallow means a
 * non-empty `.git/shallow`, which is how git itself records it.
 *
 * @example
 * const head = readRepositoryFromFiles(process.cwd()); // { sha, topLevel: '/repo', shallow: false }
 */
export function readRepositoryFromFiles(
  cwd: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): RepositoryHead | undefined {
  const gitDir = plainGitDirectory(cwd, env);
  if (gitDir === undefined) return undefined;
  const config = readText(join(gitDir, 'config'));
  if (config === undefined || /^\s*(worktree\w*|bare\s*=\s*true)\b/im.test(config))
    return undefined;
  const sha = headOf(gitDir);
  if (sha === undefined) return undefined;
  let topLevel: string;
  try {
    // git prints the physical path, symbolic links resolved.
    topLevel = realpathSync.native(dirname(gitDir));
  } catch {
    return undefined;
  }
  const shallowFile = statSync(join(gitDir, 'shallow'), { throwIfNoEntry: false });
  return { sha, topLevel, shallow: shallowFile !== undefined && shallowFile.size > 0 };
}

/** Variables that make git look for the repository, or its working tree, somewhere else. */
const MOVED_BY = ['GIT_DIR', 'GIT_COMMON_DIR', 'GIT_WORK_TREE', 'GIT_CEILING_DIRECTORIES'];

/** The `.git` directory git itself would find from `cwd`, when nothing in `env` moves it. */
function plainGitDirectory(
  cwd: string,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  return MOVED_BY.some((name) => env[name] !== undefined) ? undefined : findGitDirectory(cwd);
}

function headOf(gitDir: string): string | undefined {
  const head = readText(join(gitDir, 'HEAD'))?.trim();
  if (head === undefined) return undefined;
  if (SHA.test(head)) return head;
  if (!head.startsWith('ref: refs/heads/')) return undefined;
  const ref = head.slice('ref: '.length);
  // Only plain branch names: nothing that could climb out of the refs directory.
  if (ref.split('/').some((part) => part === '' || part === '.' || part === '..')) return undefined;
  const loose = readText(join(gitDir, ref))?.trim();
  if (loose !== undefined) return SHA.test(loose) ? loose : undefined;
  return packedRef(readText(join(gitDir, 'packed-refs')), ref);
}

function findGitDirectory(cwd: string): string | undefined {
  for (let directory = cwd; ; directory = dirname(directory)) {
    const candidate = join(directory, '.git');
    const info = statSync(candidate, { throwIfNoEntry: false });
    // A `.git` file (worktree, submodule) points elsewhere, with refs shared in a common dir.
    if (info !== undefined) return info.isDirectory() ? candidate : undefined;
    if (dirname(directory) === directory) return undefined;
  }
}

function packedRef(packed: string | undefined, ref: string): string | undefined {
  if (packed === undefined) return undefined;
  for (const line of packed.split('\n')) {
    // `<sha> <ref>`; comment lines start with `#`, peeled tags with `^`.
    const space = line.indexOf(' ');
    if (space !== -1 && line.slice(space + 1).trimEnd() === ref) {
      const sha = line.slice(0, space);
      return SHA.test(sha) ? sha : undefined;
    }
  }
  return undefined;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
