import { readHeadSha } from '../affected/read-head-sha.js';
import { AbeError } from '../core/abe-error.js';

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

/**
 * The image tag of a run (`--tag`, else `$DOCKER_TAG`, else the short sha of HEAD) and the HEAD
 * commit, read only when the tag or the steps need it.
 *
 * @example
 * const { tag } = await resolveImageTag({ tag: undefined, env: {}, needsHead: false, knownHead: null, root });
 * // tag: '1f3e2d1'
 */
export async function resolveImageTag(
  options: ImageTagOptions,
): Promise<{ head: string | undefined; tag: string }> {
  const fromEnv = options.env.DOCKER_TAG;
  const head =
    options.needsHead || (options.tag === undefined && !fromEnv)
      ? (options.knownHead ?? (await readHead(options)))
      : undefined;
  return { head, tag: options.tag ?? (fromEnv || head?.slice(0, 7) || '') };
}

async function readHead(options: ImageTagOptions): Promise<string> {
  const head = await readHeadSha(options.root);
  if (head.sha !== undefined) return head.sha;
  throw new AbeError(
    'git.failed',
    `cannot read the HEAD commit in ${options.root}: ${head.stderr || 'git rev-parse failed'}.`,
    {
      hint:
        options.tag === undefined
          ? 'Run abe inside a git repository with at least one commit, or give the image tag with --tag.'
          : 'Run abe inside a git repository with at least one commit.',
    },
  );
}
