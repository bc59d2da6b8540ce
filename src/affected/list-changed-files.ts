import { AbeError } from '../core/abe-error.js';
import { type GitResult, gitFailure, gitText, runGit } from './run-git.js';

/** Bases tried in order when neither `--base` nor the config names one. */
export const DEFAULT_BASES: readonly string[] = ['origin/main', 'origin/master', 'main', 'master'];

export type ChangeStatus = 'added' | 'deleted' | 'modified';

export interface ChangedFile {
  /** Relative to the top of the git repository, POSIX separators. */
  readonly path: string;
  readonly status: ChangeStatus;
  /** Only in the working tree, not yet known to git. */
  readonly untracked: boolean;
}

export interface GitChanges {
  readonly topLevel: string;
  readonly head: string;
  readonly mergeBase: string;
  /** The base as resolved, such as `origin/main`. */
  readonly baseRef: string;
  /** How a base asked for became `baseRef`, when it is not the name asked for. */
  readonly baseNote?: string;
  /** Uncommitted or untracked changes are among `files`. */
  readonly workingTree: boolean;
  /** Sorted by path. */
  readonly files: readonly ChangedFile[];
}

export interface ListChangedFilesOptions {
  /** Any directory inside the repository. */
  readonly cwd: string;
  /** An explicit base; when absent, the first of `DEFAULT_BASES` that exists. */
  readonly base?: string | undefined;
  /** Where an explicit base came from, for messages (`--base`, `builder.ini [abe] base`). */
  readonly baseOrigin?: string;
  /**
   * `push`: the base is the commit before a push, which must be in the clone; when it is not
   * (a force-push rewrote the branch), the message says so.
   */
  readonly baseKind?: 'pull-request' | 'push';
  /** Leave out staged, unstaged and untracked changes. */
  readonly committedOnly?: boolean;
  /** A `startGitScan` already started in `cwd`, to use instead of a new one. */
  readonly scan?: GitScan;
  /**
   * Called with the committed changes (paths from the top level) as soon as they are known,
   * before the working tree is: a caller can start slow work they imply meanwhile.
   */
  readonly onCommitted?: (paths: readonly string[], range: CommittedPaths) => void;
}

const SHALLOW_HINT =
  'Fetch the whole history: `git fetch --unshallow` here; on GitHub Actions, `actions/checkout` with `fetch-depth: 0`; on GitLab CI, `GIT_DEPTH: 0`. Or pass --all to select every component without history.';

/**
 * Lists what changed since the merge-base of the base and HEAD: the committed range
 * (`git diff --name-status -z --no-renames <merge-base> HEAD`) plus staged, unstaged and
 * untracked files (`git status --porcelain -z`) unless `committedOnly`. A rename is a deletion
 * and an addition. A shallow clone, or a base that does not resolve or shares no history with
 * HEAD, throws (`git.shallow`, `git.base`) with the fix, rather than guessing. Runs a fixed
 * number of git processes, whatever the size of the change.
 *
 * @example
 * const { mergeBase, files } = await listChangedFiles({ cwd: '/repo', base: 'origin/main' });
 */
export async function listChangedFiles(options: ListChangedFilesOptions): Promise<GitChanges> {
  const { cwd } = options;
  checkRevision(options.base, options.baseOrigin);
  const scan = options.scan ?? startGitScan(cwd, { committedOnly: options.committedOnly === true });
  const head = await scan.head;
  if (head.shallow) {
    throw new AbeError(
      'git.shallow',
      `the clone in ${head.topLevel} is shallow (its history was cut with --depth), so the merge-base with the base branch, and with it the changed files, cannot be known.`,
      { hint: SHALLOW_HINT },
    );
  }
  const { topLevel } = head;
  const early =
    scan.committed !== undefined && scan.base === options.base ? await scan.committed : undefined;
  const range = early ?? (await committedRange(head, options));
  const { baseRef, mergeBase, committed } = range;
  const committedChanges = parseNameStatus(committed);
  options.onCommitted?.([...committedChanges.keys()], { topLevel, mergeBase, head: head.sha });
  let status = '';
  if (scan.workingTree !== undefined && !options.committedOnly) {
    const result = await scan.workingTree;
    if (result.code !== 0) {
      throw new AbeError('git.failed', `\`git status\` failed in ${cwd}: ${gitFailure(result)}.`, {
        hint: 'Run `git status` there to see what is wrong with the working tree, or use --committed-only.',
      });
    }
    status = result.stdout.toString('utf8');
  }
  const local = parseStatus(status);
  const files = mergeChanges(committedChanges, local);
  return {
    topLevel,
    head: head.sha,
    mergeBase,
    baseRef,
    ...(range.baseNote === undefined ? {} : { baseNote: range.baseNote }),
    workingTree: local.changes.size > 0,
    files,
  };
}

/** Where the committed paths handed to `onCommitted` come from. */
export interface CommittedPaths {
  readonly topLevel: string;
  readonly mergeBase: string;
  readonly head: string;
}

/** Git work that needs no config, started as early as possible. */
export interface GitScan {
  readonly head: Promise<Head>;
  /** `git status --porcelain -z`; absent when only committed changes count. */
  readonly workingTree: Promise<GitResult> | undefined;
  /** The base the committed range was started for (`--base`), if it was. */
  readonly base?: string;
  /** The committed range since `base`, started with the scan; undefined in a shallow clone. */
  readonly committed?: Promise<CommittedRange | undefined>;
}

interface CommittedRange {
  readonly baseRef: string;
  readonly baseNote?: string;
  readonly mergeBase: string;
  readonly committed: string;
}

/**
 * Starts what git can do before the base is known: HEAD, the top level and the shallow flag
 * (one `rev-parse`), and `git status` over the working tree, the slow part of affected
 * detection. Status prints paths from the top of the repository wherever it runs, so both can
 * start before the config is read. (Two processes walking the tree at once were slower than
 * one, so status is the only walk.) Failures surface when the results are used.
 *
 * @example
 * const scan = startGitScan('/repo', { committedOnly: false });
 * await listChangedFiles({ cwd: '/repo', base: 'origin/main', scan });
 */
export function startGitScan(
  cwd: string,
  options: { committedOnly: boolean; base?: string; baseOrigin?: string },
): GitScan {
  const workingTree = options.committedOnly
    ? undefined
    : runGit(
        [
          'status',
          '--porcelain',
          '-z',
          '--no-renames',
          '--untracked-files=all',
          '--ignore-submodules=dirty',
        ],
        { cwd },
      );
  workingTree?.catch(() => {});
  const head = readHead(cwd);
  head.catch(() => {});
  // A base given on the command line needs no config: its merge-base and diff can start now,
  // while the config is read, instead of after it.
  const { base } = options;
  if (base === undefined || !isValidRevision(base)) return { head, workingTree };
  // HEAD by name, so these need not wait for rev-parse either (the config is read meanwhile,
  // on this thread). Anything but the plain case is left to committedRange's careful path.
  const quick = Promise.all([
    runGit(['merge-base', base, 'HEAD'], { cwd }),
    runGit([...DIFF, '--merge-base', base, 'HEAD', '--'], { cwd }),
  ]);
  const committed = Promise.all([head, quick]).then(([found, [mergeBase, diff]]) => {
    if (found.shallow) return undefined;
    const sha = mergeBase.stdout.toString('utf8').trim();
    if (mergeBase.code === 0 && sha !== '' && diff.code === 0) {
      return { baseRef: base, mergeBase: sha, committed: diff.stdout.toString('utf8') };
    }
    const origin = options.baseOrigin === undefined ? {} : { baseOrigin: options.baseOrigin };
    return committedRange(found, { cwd, base, ...origin });
  });
  committed.catch(() => {});
  return { head, workingTree, base, committed };
}

export interface Head {
  readonly sha: string;
  readonly topLevel: string;
  readonly shallow: boolean;
}

const DIFF = ['diff', '--name-status', '-z', '--no-renames', '--no-ext-diff'];

/**
 * The merge-base with the first base that exists, and the committed changes since. In the
 * usual case `merge-base` and `diff --merge-base` run side by side, one round trip; when the
 * base does not resolve (or git predates `--merge-base`, 2.30), step by step.
 */
async function committedRange(
  head: Head,
  options: ListChangedFilesOptions,
): Promise<CommittedRange> {
  const cwd = head.topLevel;
  const first = options.base ?? (DEFAULT_BASES[0] as string);
  const [quick, quickDiff] = await Promise.all([
    runGit(['merge-base', first, head.sha], { cwd }),
    runGit([...DIFF, '--merge-base', first, head.sha, '--'], { cwd }),
  ]);
  const sha = quick.stdout.toString('utf8').trim();
  let baseRef = first;
  let mergeBase = sha;
  if (quick.code === 0 && sha !== '') {
    if (quickDiff.code === 0)
      return { baseRef, mergeBase, committed: quickDiff.stdout.toString('utf8') };
  } else if (quick.code === 1 && quick.stderr === '') {
    throw noCommonHistory(first);
  } else {
    // The first base does not resolve: find out which does, or say why none does.
    const resolved = await resolveBase(cwd, options);
    baseRef = resolved.ref;
    mergeBase = await findMergeBase(cwd, resolved.ref, resolved.sha, head.sha);
    const committed = await gitText([...DIFF, mergeBase, head.sha, '--'], { cwd });
    return {
      baseRef,
      ...(resolved.note === undefined ? {} : { baseNote: resolved.note }),
      mergeBase,
      committed,
    };
  }
  // Several merge-bases (criss-cross merges) also land here: diff from the one merge-base chose.
  const committed = await gitText([...DIFF, mergeBase, head.sha, '--'], { cwd });
  return { baseRef, mergeBase, committed };
}

function noCommonHistory(baseRef: string): AbeError {
  return new AbeError(
    'git.base',
    `the base "${baseRef}" and HEAD share no history (no merge-base), so abe cannot tell what changed.`,
    {
      hint: 'Pass with --base a branch HEAD was made from, or use --all to select every component.',
    },
  );
}

function isValidRevision(base: string): boolean {
  // A base starting with "-" would be read as an option by git.
  return base !== '' && !base.startsWith('-') && !/[\s\0]/.test(base);
}

function checkRevision(base: string | undefined, origin: string | undefined): void {
  if (base !== undefined && !isValidRevision(base)) {
    const fromCommandLine = origin === undefined || origin === '--base';
    throw new AbeError(
      'git.base',
      `the base "${base}"${origin === undefined ? '' : ` (from ${origin})`} is not a valid git revision: it is empty, starts with "-" or holds a space.`,
      {
        hint: fromCommandLine
          ? 'Pass a branch, tag or sha with --base, such as `--base origin/main`.'
          : 'Set `base=` there to a branch, tag or sha, such as `base=origin/main`, or pass one with --base.',
      },
    );
  }
}

/**
 * Reads HEAD's sha, the repository top level and whether the clone is shallow, in one git call.
 *
 * @example
 * const { sha, topLevel, shallow } = await readHead('/repo/services/api');
 */
async function readHead(cwd: string): Promise<Head> {
  const result = await runGit(
    ['rev-parse', '--is-shallow-repository', '--show-toplevel', '--verify', '-q', 'HEAD'],
    { cwd },
  );
  const lines = result.stdout.toString('utf8').split('\n');
  if (result.code !== 0 || lines.length < 3) {
    if (/not a git repository/i.test(result.stderr)) {
      throw new AbeError(
        'git.failed',
        `${cwd} is not inside a git repository, so abe cannot tell what changed.`,
        {
          hint: 'Run abe inside the repository (or pass --config with its builder.ini), or use --all.',
        },
      );
    }
    // `--verify -q` fails without a word when HEAD is unborn; any message is another problem.
    if (result.stderr !== '') {
      throw new AbeError(
        'git.failed',
        `\`git rev-parse HEAD\` failed in ${cwd}: ${result.stderr}.`,
        {
          hint: 'Run `git status` there to see what is wrong with the repository, or use --all to select every component.',
        },
      );
    }
    throw new AbeError(
      'git.base',
      `HEAD does not name a commit in ${cwd}: the repository has no commit yet.`,
      { hint: 'Commit something first, or use --all to select every component.' },
    );
  }
  return { shallow: lines[0] === 'true', topLevel: lines[1] as string, sha: lines[2] as string };
}

/**
 * The first base that names a commit: the one asked for, or the defaults in order. A branch
 * name with no local branch is looked for as `origin/<name>`, as `git checkout <name>` does:
 * a CI checkout of a pull request has `origin/main` but no `main`.
 */
async function resolveBase(
  topLevel: string,
  options: ListChangedFilesOptions,
): Promise<{ ref: string; sha: string; note?: string }> {
  const explicit = options.base;
  const candidates =
    explicit === undefined
      ? DEFAULT_BASES
      : isBranchName(explicit)
        ? [explicit, `origin/${explicit}`]
        : [explicit];
  // One batch-check resolves every candidate at once; `^{commit}` peels annotated tags.
  const output = await gitText(['cat-file', '--batch-check=%(objectname) %(objecttype)'], {
    cwd: topLevel,
    input: candidates.map((ref) => `${ref}^{commit}\n`).join(''),
  });
  const answers = output.split('\n');
  for (const [index, ref] of candidates.entries()) {
    const [sha, type] = (answers[index] ?? '').split(' ');
    if (type !== 'commit' || sha === undefined) continue;
    if (explicit !== undefined && ref !== explicit) {
      return { ref, sha, note: `no local branch ${explicit}, so its remote branch ${ref}` };
    }
    return { ref, sha };
  }
  if (explicit !== undefined && options.baseKind === 'push') {
    throw new AbeError(
      'git.base',
      `the push started at ${explicit}${options.baseOrigin === undefined ? '' : ` (from ${options.baseOrigin})`}, which is not in this clone: a force-push rewrote the branch, or the clone is too shallow to hold it. abe cannot tell what this push changed.`,
      {
        hint: 'Check everything with --all, or compare with a branch that holds the earlier history, such as --base origin/main; fetch the whole history with fetch-depth: 0 (GitHub) or GIT_DEPTH: 0 (GitLab).',
      },
    );
  }
  if (explicit !== undefined) {
    const tried = candidates.length > 1 ? ` (nor ${candidates.slice(1).join(', ')})` : '';
    throw new AbeError(
      'git.base',
      `the base "${explicit}"${options.baseOrigin === undefined ? '' : ` (from ${options.baseOrigin})`} does not name a commit in this repository${tried}, so abe cannot tell what changed.`,
      {
        hint: `Fetch it (for a remote branch: \`git fetch origin ${explicit.replace(/^origin\//, '')}\`; on GitHub Actions, \`actions/checkout\` with \`fetch-depth: 0\`), or pass another with --base REF. --all selects every component instead.`,
      },
    );
  }
  throw new AbeError(
    'git.base',
    `no base branch to compare with: none of ${DEFAULT_BASES.join(', ')} exists in this repository.`,
    {
      hint: 'Pass --base REF, set `base=` in the [abe] section of builder.ini, or fetch the main branch (`git fetch origin main`; on GitHub Actions, `actions/checkout` with `fetch-depth: 0`). --all selects every component instead.',
    },
  );
}

/** A plain branch name (`main`, `release/2.x`), not a sha, a remote branch or a revision expression. */
function isBranchName(ref: string): boolean {
  return (
    !/^[0-9a-f]{7,64}$/.test(ref) &&
    !ref.startsWith('origin/') &&
    !ref.startsWith('refs/') &&
    !/[~^:@{}]/.test(ref) &&
    ref !== 'HEAD'
  );
}

async function findMergeBase(
  topLevel: string,
  baseRef: string,
  baseSha: string,
  head: string,
): Promise<string> {
  const result = await runGit(['merge-base', baseSha, head], { cwd: topLevel });
  const sha = result.stdout.toString('utf8').trim();
  if (result.code === 0 && sha !== '') return sha;
  if (result.code === 1 && result.stderr === '') throw noCommonHistory(baseRef);
  throw new AbeError(
    'git.failed',
    `\`git merge-base ${baseRef} HEAD\` failed: ${gitFailure(result)}.`,
    { hint: SHALLOW_HINT },
  );
}

type Letter = 'A' | 'D' | 'M';

function parseNameStatus(output: string): Map<string, Letter> {
  const changes = new Map<string, Letter>();
  const parts = output.split('\0');
  for (let index = 0; index + 1 < parts.length; index += 2) {
    const letter = (parts[index] as string).charAt(0);
    const path = parts[index + 1] as string;
    if (path === '') continue;
    // T (type change), U (unmerged) and X count as modifications.
    changes.set(path, letter === 'A' || letter === 'D' ? letter : 'M');
  }
  return changes;
}

/**
 * Reads `git status --porcelain -z` into changes against HEAD. `XY path`: X compares the index
 * with HEAD, Y the working tree with the index; `??` is untracked. A path can appear twice
 * (`D ` then `??` after `git rm --cached`): deleted and back is a modification.
 */
function parseStatus(output: string): { changes: Map<string, Letter>; untracked: Set<string> } {
  const changes = new Map<string, Letter>();
  const untracked = new Set<string>();
  for (const entry of output.split('\0')) {
    if (entry.length < 4) continue;
    const x = entry[0];
    const y = entry[1];
    const path = entry.slice(3);
    if (x === '?') untracked.add(path);
    const atHead = x !== 'A' && x !== '?';
    const now = x !== 'D' && y !== 'D';
    if (!atHead && !now) continue;
    const letter: Letter = atHead && now ? 'M' : now ? 'A' : 'D';
    const previous = changes.get(path);
    changes.set(path, previous !== undefined && previous !== letter ? 'M' : letter);
  }
  return { changes, untracked };
}

/** The committed range, then the working tree against HEAD: together, merge-base to now. */
function mergeChanges(
  committed: ReadonlyMap<string, Letter>,
  local: { changes: ReadonlyMap<string, Letter>; untracked: ReadonlySet<string> },
): ChangedFile[] {
  const files: ChangedFile[] = [];
  for (const path of new Set([...committed.keys(), ...local.changes.keys()])) {
    const first = committed.get(path);
    const second = local.changes.get(path);
    // Whether the file exists at the merge-base and now decides the status of the whole change.
    const atBase = first !== undefined ? first !== 'A' : second !== 'A';
    const now = second !== undefined ? second !== 'D' : first !== 'D';
    const status: ChangeStatus = atBase && now ? 'modified' : now ? 'added' : 'deleted';
    files.push({ path, status, untracked: local.untracked.has(path) });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Reads blobs by revision and path (`<sha>:<path>`) through one `git cat-file --batch`.
 * A missing object maps to `undefined`.
 *
 * @example
 * await readBlobs('/repo', ['abc123:api/users.json']); // Map { 'abc123:api/users.json' => '{…}' }
 */
export async function readBlobs(
  topLevel: string,
  specs: readonly string[],
): Promise<Map<string, string | undefined>> {
  const blobs = new Map<string, string | undefined>();
  // The batch protocol is line-based: a path with a newline cannot be asked for.
  const askable = specs.filter((spec) => !spec.includes('\n'));
  if (askable.length === 0) return blobs;
  const result = await runGit(['cat-file', '--batch'], {
    cwd: topLevel,
    input: askable.map((spec) => `${spec}\n`).join(''),
  });
  if (result.code !== 0) {
    throw new AbeError(
      'git.failed',
      `\`git cat-file --batch\` failed in ${topLevel}: ${gitFailure(result)}.`,
      {
        hint: 'Run `git fsck` to check the repository.',
      },
    );
  }
  const out = result.stdout;
  let offset = 0;
  for (const spec of askable) {
    const end = out.indexOf(0x0a, offset);
    if (end === -1) break;
    const header = out.toString('utf8', offset, end).split(' ');
    offset = end + 1;
    if (header.length === 3 && /^\d+$/.test(header[2] as string)) {
      const size = Number(header[2]);
      blobs.set(
        spec,
        header[1] === 'blob' ? out.toString('utf8', offset, offset + size) : undefined,
      );
      offset += size + 1;
    } else {
      blobs.set(spec, undefined);
    }
  }
  return blobs;
}
