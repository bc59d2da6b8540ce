import type { Component } from '../config/types.js';
import { type ComponentVerdict, decideStart } from './decide-start.js';

export interface BuildOrderSchedule {
  /** In build order: every component comes after the components it depends on. */
  readonly components: readonly Component[];
  /** For each component, the names of those it waits for (see `selectedUpstream`). */
  readonly waitFor: ReadonlyMap<string, readonly string[]>;
  /** Components running at once, at most. */
  readonly concurrency: number;
  readonly isAborted: () => boolean;
  /** Runs a component; the verdict decides whether its downstream runs. */
  readonly run: (component: Component) => Promise<ComponentVerdict>;
  /** Records a component that will not run, with the note its steps get. */
  readonly skip: (component: Component, note: string) => void;
  /** Stops whatever runs, when scheduling itself fails (a log file that cannot be written…). */
  readonly stop: () => void;
}

/**
 * Starts each component once every component it waits for has finished (see `decideStart`),
 * at most `concurrency` at once, and skips those whose upstream failed or that the abort
 * caught before they started. Resolves when every component has finished or been skipped.
 * When a component's run throws, it stops the others and waits for them before rethrowing, so
 * nothing is left running.
 *
 * @example
 * await scheduleInBuildOrder({ components, waitFor, concurrency: 4, isAborted, run, skip, stop });
 */
export async function scheduleInBuildOrder(schedule: BuildOrderSchedule): Promise<void> {
  const pending = [...schedule.components];
  const running = new Set<Promise<void>>();
  const finished = new Map<string, ComponentVerdict>();
  const start = (component: Component): void => {
    const task: Promise<void> = schedule
      .run(component)
      .then((verdict) => {
        finished.set(component.name, verdict);
      })
      .finally(() => running.delete(task));
    running.add(task);
  };
  try {
    while (pending.length > 0 || running.size > 0) {
      for (let index = 0; index < pending.length; index += 1) {
        const component = pending[index] as Component;
        const upstream = schedule.waitFor.get(component.name) ?? [];
        const decision = decideStart(upstream, finished, schedule.isAborted());
        if (decision.action === 'skip') {
          schedule.skip(component, decision.note);
          finished.set(component.name, { ok: false, blame: decision.note });
        } else if (decision.action === 'start' && running.size < schedule.concurrency) {
          start(component);
        } else {
          continue;
        }
        pending.splice(index, 1);
        // A skip may unblock components earlier in the list: start over.
        index = -1;
      }
      if (running.size === 0) {
        if (pending.length > 0) throw new Error('runComponents: dependencies can never be met');
        break;
      }
      await Promise.race(running);
    }
  } catch (error) {
    schedule.stop();
    await Promise.allSettled(running);
    throw error;
  }
}
