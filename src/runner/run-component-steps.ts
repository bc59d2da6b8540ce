import type { Component } from '../config/types.js';
import { type ComponentVerdict, componentVerdict, decideStepStart } from './decide-start.js';
import type { StepResult } from './run-result.js';
import { unlistedStepNote } from './unlisted-step-note.js';

/** What running a component's steps needs from the run. */
export interface ComponentSteps {
  /** Step names, run in this order for every component. */
  readonly steps: readonly string[];
  /** The environment a component's steps run with (see `componentEnv`). */
  readonly envFor: (component: Component) => Record<string, string>;
  readonly runStep: (
    component: Component,
    step: string,
    env: Record<string, string>,
  ) => Promise<StepResult>;
  /** Keeps a result as soon as it is known, so it is reported while later steps run. */
  readonly record: (result: StepResult) => void;
  readonly isAborted: () => boolean;
}

/**
 * Runs a component's steps in order, one at a time. A step its `steps=` leaves out is skipped
 * as nothing to do; a failed step or an abort skips the steps after it (see
 * `decideStepStart`); the verdict says whether its downstream may run.
 *
 * @example
 * const verdict = await runComponentSteps(api, { steps: ['build', 'test'], envFor, runStep, record, isAborted });
 */
export async function runComponentSteps(
  component: Component,
  run: ComponentSteps,
): Promise<ComponentVerdict> {
  const env = run.envFor(component);
  const results: StepResult[] = [];
  for (const step of run.steps) {
    const unlisted = unlistedStepNote(component, step);
    const decision = decideStepStart(results, run.isAborted());
    const result =
      unlisted !== null
        ? skippedStep(component.name, step, unlisted, false)
        : decision.action === 'skip'
          ? skippedStep(component.name, step, decision.note, true)
          : await run.runStep(component, step, env);
    results.push(result);
    run.record(result);
  }
  return componentVerdict(component.name, results, run.isAborted());
}

/**
 * Records every step of a component that does not run at all (an upstream failed, or the run
 * was aborted before it started) as skipped, with `note`; a step its `steps=` leaves out keeps
 * its own note, as it would not have run either way.
 *
 * @example
 * skipComponentSteps(ui, 'upstream "api" failed', { steps, record });
 */
export function skipComponentSteps(
  component: Component,
  note: string,
  run: Pick<ComponentSteps, 'steps' | 'record'>,
): void {
  for (const step of run.steps) {
    const unlisted = unlistedStepNote(component, step);
    run.record(skippedStep(component.name, step, unlisted ?? note, unlisted === null));
  }
}

/**
 * A step that did not run: `blocked` when something before it failed or the run was aborted,
 * not when the component has no such step.
 */
function skippedStep(component: string, step: string, note: string, blocked: boolean): StepResult {
  return {
    component,
    step,
    status: 'skipped',
    durationMs: 0,
    startedAt: null,
    logFile: null,
    exitCode: null,
    signal: null,
    note,
    blocked,
    logTail: null,
  };
}
