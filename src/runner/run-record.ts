import type { Component } from '../config/types.js';
import type { RunEvent } from './run-event.js';
import type { StepResult } from './run-result.js';

/** The results of a run as they come in. */
export interface RunRecord {
  /** Keeps a step's result and announces it as a `step-end` event. */
  add(result: StepResult): void;
  /** Every result kept: components in the order given (build order), each in step order. */
  inOrderOf(components: readonly Component[]): StepResult[];
}

/**
 * Keeps step results per component, and reports each as it is kept: results arrive as
 * components finish, in any order, and the report lists them in build order.
 *
 * @example
 * const record = createRunRecord((event) => progress.onEvent(event));
 * record.add(result);
 * record.inOrderOf(config.components);
 */
export function createRunRecord(emit: (event: RunEvent) => void): RunRecord {
  const byComponent = new Map<string, StepResult[]>();
  return {
    add(result) {
      const list = byComponent.get(result.component);
      if (list === undefined) byComponent.set(result.component, [result]);
      else list.push(result);
      emit({ type: 'step-end', result });
    },
    inOrderOf: (components) =>
      components.flatMap((component) => byComponent.get(component.name) ?? []),
  };
}
