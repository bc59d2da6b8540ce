import type { Component } from '../config/types.js';
import { type ComponentVerdict, decideStart } from './decide-start.js';
import { createIndexQueue, type IndexQueue } from './index-queue.js';

/** What the scheduler may do next with a component, given by its index in build order. */
export type NextMove =
  | { readonly action: 'start'; readonly index: number }
  | { readonly action: 'skip'; readonly index: number; readonly note: string };

/** Which components may go, as the others finish. */
export interface WaitTracker {
  /** Components neither started nor skipped yet. */
  readonly pending: number;
  /** Records how a component ended; what waited for it alone becomes ready. */
  finish(name: string, verdict: ComponentVerdict): void;
  /**
   * The first component in build order that may go now: one to skip (its upstream failed, or
   * the run is aborted) always may, one to start only when `canStart`. It counts as gone once
   * returned. `undefined` when none may.
   */
  next(canStart: boolean, aborted: boolean): NextMove | undefined;
}

const PASSED: ComponentVerdict = { ok: true };

/**
 * Counts, for each component, the components it still waits for, so that one finishing readies
 * its waiters at once instead of every waiting component being looked at again: a run costs
 * O(components + waits), with O(log n) to keep ready components in build order. A name in
 * `waitFor` that is not one of `components` is a bridge (see `selectedUpstream`): it runs
 * nothing, and finishes once what it waits for has, passing on the first failure among them.
 * The decision itself is `decideStart`'s, made once every wait has finished.
 *
 * @example
 * const waits = trackWaits(components, selectedUpstream(config.components, wanted));
 * const move = waits.next(running.size < concurrency, isAborted());
 */
export function trackWaits(
  components: readonly Component[],
  waitFor: ReadonlyMap<string, readonly string[]>,
): WaitTracker {
  const indexOf = new Map(components.map((component, index) => [component.name, index]));
  const nodes = new Set([...indexOf.keys(), ...waitFor.keys()]);
  const { left, waiters } = countWaits(nodes, waitFor);
  const finished = new Map<string, ComponentVerdict>();
  const toStart = createIndexQueue();
  const toSkip = createIndexQueue();
  const notes = new Map<number, string>();
  const gone = new Uint8Array(components.length);
  let pending = components.length;
  let sweep = 0;

  const finish = (name: string, verdict: ComponentVerdict): void => {
    // A worklist, not recursion: a chain of 20,000 bridges would overflow the stack.
    const work: [string, ComponentVerdict][] = [[name, verdict]];
    for (let item = work.pop(); item !== undefined; item = work.pop()) {
      finished.set(item[0], item[1]);
      for (const waiter of waiters.get(item[0]) ?? []) {
        const count = (left.get(waiter) ?? 0) - 1;
        left.set(waiter, count);
        if (count === 0) ready(waiter, work);
      }
    }
  };
  const ready = (name: string, work: [string, ComponentVerdict][]): void => {
    const decision = decideStart(waitFor.get(name) ?? [], finished, false);
    const index = indexOf.get(name);
    if (index === undefined) {
      work.push([name, decision.action === 'skip' ? { ok: false, blame: decision.note } : PASSED]);
    } else if (decision.action === 'skip') {
      notes.set(index, decision.note);
      toSkip.push(index);
    } else {
      toStart.push(index);
    }
  };
  const take = (queue: IndexQueue): number | undefined => {
    while (queue.size > 0 && gone[queue.peek() as number] === 1) queue.pop();
    return queue.peek();
  };
  const go = (index: number): void => {
    gone[index] = 1;
    pending -= 1;
  };

  const initial: [string, ComponentVerdict][] = [];
  for (const name of nodes) if (left.get(name) === 0) ready(name, initial);
  for (const [name, verdict] of initial) finish(name, verdict);

  return {
    get pending() {
      return pending;
    },
    finish,
    next(canStart, aborted) {
      if (aborted) {
        while (sweep < components.length && gone[sweep] === 1) sweep += 1;
        if (sweep === components.length) return undefined;
        go(sweep);
        return { action: 'skip', index: sweep, note: 'cancelled' };
      }
      const skipAt = take(toSkip);
      const startAt = canStart ? take(toStart) : undefined;
      if (skipAt !== undefined && (startAt === undefined || skipAt < startAt)) {
        toSkip.pop();
        go(skipAt);
        return { action: 'skip', index: skipAt, note: notes.get(skipAt) ?? '' };
      }
      if (startAt === undefined) return undefined;
      toStart.pop();
      go(startAt);
      return { action: 'start', index: startAt };
    },
  };
}

/** For each component or bridge, how many distinct names it waits for, and who waits for each. */
function countWaits(
  nodes: ReadonlySet<string>,
  waitFor: ReadonlyMap<string, readonly string[]>,
): { left: Map<string, number>; waiters: Map<string, string[]> } {
  const left = new Map<string, number>();
  const waiters = new Map<string, string[]>();
  for (const name of nodes) {
    const waits = new Set(waitFor.get(name) ?? []);
    left.set(name, waits.size);
    for (const wait of waits) {
      const list = waiters.get(wait);
      if (list === undefined) waiters.set(wait, [name]);
      else list.push(name);
    }
  }
  return { left, waiters };
}
