import type { Component } from '../config/types.js';
import type { ComponentVerdict } from './decide-start.js';
import { trackWaits } from './track-waits.js';

export interface BuildOrderSchedule {
  /** In build order: every component comes after the components it depends on. */
  readonly components: readonly Component[];
  /**
   * For each component, the names of those it waits for (see `selectedUpstream`). A name with
   * an entry here that is not one of `components` is a bridge: it runs nothing, and finishes as
   * soon as everything it waits for has.
   */
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
 * at most `concurrency` at once, first in build order first, and skips those whose upstream
 * failed or that the abort caught before they started. Resolves when every component has
 * finished or been skipped. When a component's run throws, it stops the others and waits for
 * them before rethrowing, so nothing is left running.
 *
 * A finished component readies only what waited for it (see `trackWaits`), so scheduling a
 * chain of 20,000 components costs milliseconds, not the minutes of looking at every waiting
 * component each time one finished.
 *
 * @example
 * await scheduleInBuildOrder({ components, waitFor, concurrency: 4, isAborted, run, skip, stop });
 */
export async function scheduleInBuildOrder(schedule: BuildOrderSchedule): Promise<void> {
  const { components } = schedule;
  const waits = trackWaits(components, schedule.waitFor);
  const running = new Set<Promise<void>>();
  const failures: unknown[] = [];
  let wake = (): void => {};
  const start = (component: Component): void => {
    const task: Promise<void> = schedule
      .run(component)
      .then((verdict) => waits.finish(component.name, verdict))
      .catch((error: unknown) => {
        failures.push(error);
      })
      .finally(() => {
        running.delete(task);
        wake();
      });
    running.add(task);
  };
  try {
    for (;;) {
      if (failures.length > 0) throw failures[0];
      const move = waits.next(running.size < schedule.concurrency, schedule.isAborted());
      if (move !== undefined) {
        const component = components[move.index] as Component;
        if (move.action === 'start') {
          start(component);
        } else {
          schedule.skip(component, move.note);
          waits.finish(component.name, { ok: false, blame: move.note });
        }
        continue;
      }
      if (running.size === 0) {
        if (waits.pending > 0) throw new Error('runComponents: dependencies can never be met');
        return;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } catch (error) {
    schedule.stop();
    await Promise.allSettled(running);
    throw error;
  }
}
