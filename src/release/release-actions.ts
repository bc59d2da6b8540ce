import type { StepAction } from '../runner/step-action.js';

/**
 * The actions of the `release` and `tag` steps among `steps`, for the commit `head`; the other
 * steps are plain make targets and need none. Each module loads only when its step is asked for.
 *
 * @example
 * const actions = await releaseActions(['release'], head); // { release: … }
 */
export async function releaseActions(
  steps: readonly string[],
  head: string | undefined,
): Promise<Record<string, StepAction>> {
  const actions: Record<string, StepAction> = {};
  if (head === undefined) return actions;
  if (steps.includes('release')) {
    const { createReleaseAction } = await import('./release-step.js');
    actions.release = createReleaseAction({ head });
  }
  if (steps.includes('tag')) {
    const { createTagAction } = await import('./tag-step.js');
    actions.tag = createTagAction({ head });
  }
  return actions;
}
