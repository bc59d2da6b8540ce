// Keep-going, as rules: a failure skips the failed component's later steps and everything
// downstream of it, and nothing else; after Ctrl-C nothing new starts. Each skip carries the
// note the reports show (`"build" failed`, `upstream "api" failed`, `cancelled`).

import type { StepResult } from './run-result.js';

/** How a component ended, as its downstream sees it. */
export type ComponentVerdict =
  | { readonly ok: true }
  /** Its downstream is skipped, with `blame` as the note. */
  | { readonly ok: false; readonly blame: string };

/** Whether a component (or a step) may start now. */
export type StartDecision =
  | { readonly action: 'start' }
  | { readonly action: 'wait' }
  | { readonly action: 'skip'; readonly note: string };

const START = { action: 'start' } as const;
const WAIT = { action: 'wait' } as const;
const CANCELLED = { action: 'skip', note: 'cancelled' } as const;

/**
 * Whether a component may start, given the components it waits for (see `selectedUpstream`)
 * and those finished so far. It waits until every one of them has finished, even when one has
 * already failed, so that the note names the first that failed in `upstream` order, whichever
 * failed first in time. After an abort it is skipped at once.
 *
 * @example
 * decideStart(['api'], new Map([['api', { ok: false, blame: 'upstream "api" failed' }]]), false);
 * // { action: 'skip', note: 'upstream "api" failed' }
 */
export function decideStart(
  upstream: readonly string[],
  finished: ReadonlyMap<string, ComponentVerdict>,
  aborted: boolean,
): StartDecision {
  if (aborted) return CANCELLED;
  if (upstream.some((name) => !finished.has(name))) return WAIT;
  for (const name of upstream) {
    const verdict = finished.get(name);
    if (verdict?.ok === false) return { action: 'skip', note: verdict.blame };
  }
  return START;
}

/**
 * Whether the next step of a component may start, given the results of its earlier steps: not
 * after one of them failed (the note names the first that did), nor after an abort.
 *
 * @example
 * decideStepStart([buildFailed], false); // { action: 'skip', note: '"build" failed' }
 */
export function decideStepStart(
  earlier: readonly StepResult[],
  aborted: boolean,
): Exclude<StartDecision, { action: 'wait' }> {
  const failed = earlier.find((result) => result.status === 'failed');
  if (failed !== undefined) return { action: 'skip', note: `"${failed.step}" failed` };
  if (aborted) return CANCELLED;
  return START;
}

/**
 * How a component that ran ended for its downstream. A step that failed blames this component;
 * an abort that left a step not passed is `cancelled`, so its downstream is not blamed on it.
 *
 * @example
 * componentVerdict('api', results, false); // { ok: false, blame: 'upstream "api" failed' }
 */
export function componentVerdict(
  component: string,
  results: readonly StepResult[],
  aborted: boolean,
): ComponentVerdict {
  if (aborted && results.some((result) => result.status !== 'passed')) {
    return { ok: false, blame: 'cancelled' };
  }
  if (results.some((result) => result.status === 'failed')) {
    return { ok: false, blame: `upstream "${component}" failed` };
  }
  return { ok: true };
}
