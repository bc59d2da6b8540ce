import { readHeadSha } from '../affected/read-head-sha.js';
import { AbeError } from '../core/abe-error.js';
import { DOCKER_TAG_RULE, isDockerTag } from '../core/is-docker-tag.js';

export interface ImageTagOptions {
  /** `--tag`, when given. */
  readonly tag: string | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Release and tag always need the HEAD commit, whatever the tag. */
  readonly needsHead: boolean;
  /** HEAD as affected detection already read it, if it did. */
  readonly knownHead: string | null;
  /** The repository root, where HEAD is read otherwise. */
  readonly root: string;
}

/** The image tag of a run, and where it comes from. */
export interface ImageTag {
  /** The HEAD commit, when the tag or the steps needed it and there is one. */
  readonly head: string | undefined;
  readonly tag: string;
  /** `no-commit`: the tag is `dev` because there is no commit to take a sha from. */
  readonly source: 'option' | 'env' | 'head' | 'no-commit';
}

/** The tag of a build or test run outside git, or before the first commit. */
const NO_COMMIT_TAG = 'dev';

/**
 * The image tag of a run (`--tag`, else `$DOCKER_TAG`, else the short sha of HEAD, else `dev`
 * when there is no commit) and the HEAD commit, read only when the tag or the steps need it.
 * Release and tag need a commit: without one they throw `git.failed`. A tag given by `--tag` or
 * `$DOCKER_TAG` must follow Docker's tag grammar, or it throws `usage` before anything runs:
 * Makefiles paste `$(DOCKER_TAG)` into shell recipes, where `x;id;#` would run `id`.
 *
 * @example
 * const { tag } = await resolveImageTag({ tag: undefined, env: {}, needsHead: false, knownHead: null, root });
 * // tag: '1f3e2d1', or 'dev' outside git
 */
export async function resolveImageTag(options: ImageTagOptions): Promise<ImageTag> {
  checkGivenTag(options);
  const head = options.needsHead ? (options.knownHead ?? (await readHead(options))) : undefined;
  if (options.tag !== undefined) return { head, tag: options.tag, source: 'option' };
  const fromEnv = options.env.DOCKER_TAG;
  if (fromEnv) return { head, tag: fromEnv, source: 'env' };
  const sha = head ?? options.knownHead ?? (await headOrUndefined(options.root));
  return sha === undefined
    ? { head: undefined, tag: NO_COMMIT_TAG, source: 'no-commit' }
    : { head: sha, tag: sha.slice(0, 7), source: 'head' };
}

function checkGivenTag({ tag, env }: ImageTagOptions): void {
  const [given, where, fix] =
    tag !== undefined
      ? [tag, '--tag', 'Pass the tag to build, e.g. --tag 1.4.2 or --tag "$GIT_SHA".']
      : [
          env.DOCKER_TAG || undefined,
          '$DOCKER_TAG',
          'Set DOCKER_TAG to the tag to build (e.g. DOCKER_TAG=1.4.2), or unset it to tag images with the short sha of HEAD.',
        ];
  if (given === undefined || isDockerTag(given)) return;
  throw new AbeError(
    'usage',
    `${where} ${JSON.stringify(given)} is not a valid image tag: ${DOCKER_TAG_RULE}.`,
    { hint: fix },
  );
}

async function readHead(options: ImageTagOptions): Promise<string> {
  const head = await readHeadSha(options.root);
  if (head.sha !== undefined) return head.sha;
  throw new AbeError(
    'git.failed',
    `cannot read the HEAD commit in ${options.root}: ${head.stderr || 'git rev-parse failed'}.`,
    {
      hint: 'Release and tag record the commit they release: run abe inside a git repository with at least one commit.',
    },
  );
}

/** HEAD, when there is a commit; nothing outside git, before the first commit, or without git. */
async function headOrUndefined(root: string): Promise<string | undefined> {
  try {
    return (await readHeadSha(root)).sha || undefined;
  } catch {
    return undefined;
  }
}
