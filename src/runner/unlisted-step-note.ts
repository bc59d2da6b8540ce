import type { Component, MakeStep } from '../config/types.js';

/**
 * Why a component does not run a step at all: `build` or `test` left out of its `steps=` in
 * builder.ini (`no build step (steps=test in builder.ini)`). `null` for a step it has; `steps=`
 * lists make targets only, so `release`, `tag` and any other step are never left out.
 *
 * @example
 * unlistedStepNote({ steps: ['test'] }, 'build'); // 'no build step (steps=test in builder.ini)'
 * unlistedStepNote({ steps: [] }, 'release'); // null
 */
export function unlistedStepNote(component: Pick<Component, 'steps'>, step: string): string | null {
  if (!isMakeStep(step) || component.steps.includes(step)) return null;
  const listed = component.steps.length === 0 ? 'none' : component.steps.join(' ');
  return `no ${step} step (steps=${listed} in builder.ini)`;
}

function isMakeStep(step: string): step is MakeStep {
  return step === 'build' || step === 'test';
}
