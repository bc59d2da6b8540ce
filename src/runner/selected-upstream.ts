import type { Component } from '../config/types.js';

/**
 * What each component of a run waits for, in build order: each selected component waits for
 * its direct upstream that the run tracks. Going through components that are not selected keeps
 * the order of a partial run: with `api → db → ui`, running `api` and `ui` still runs `ui` after
 * `api`. Such a component, not selected but standing between selected ones (`db`), is a
 * *bridge*: it gets an entry of its own, runs nothing, and finishes as soon as what it waits for
 * has (see `scheduleInBuildOrder`). Upstream with no selected component above it is left out:
 * it has nothing to wait for.
 *
 * Each list holds direct upstream only, so the whole map is as big as the part of the graph it
 * covers: a chain of 20,000 components lists 19,999 names, not the 200 million of every
 * component's every ancestor.
 *
 * The order of each list decides which failed upstream a skipped component names: it is the
 * order of a depth-first walk from the last upstream listed, which stops at selected
 * components (a selected component's own verdict already names the first failure above it).
 *
 * @example
 * selectedUpstream(config.components, new Set(['api', 'ui']));
 * // Map { 'api' => [], 'db' => ['api'], 'ui' => ['db'] }, with db a bridge
 */
export function selectedUpstream(
  components: readonly Component[],
  selected: ReadonlySet<string>,
): Map<string, string[]> {
  const downstream = new Map<string, string[]>();
  for (const component of components) {
    for (const name of component.upstream) {
      const list = downstream.get(name);
      if (list === undefined) downstream.set(name, [component.name]);
      else list.push(component.name);
    }
  }
  const below = reachableFrom(selected, (name) => downstream.get(name) ?? []);
  const byName = new Map(components.map((component) => [component.name, component]));
  const above = reachableFrom(selected, (name) => byName.get(name)?.upstream ?? []);
  const tracked = (name: string): boolean =>
    selected.has(name) || (below.has(name) && above.has(name));
  return new Map(
    components
      .filter((component) => tracked(component.name))
      .map((component) => [
        component.name,
        [...new Set(component.upstream)].reverse().filter(tracked),
      ]),
  );
}

/** Every name reached from `starts` by one or more `next` steps; each is visited once. */
function reachableFrom(
  starts: Iterable<string>,
  next: (name: string) => readonly string[],
): Set<string> {
  const reached = new Set<string>();
  const stack = [...starts];
  while (stack.length > 0) {
    for (const name of next(stack.pop() as string)) {
      if (reached.has(name)) continue;
      reached.add(name);
      stack.push(name);
    }
  }
  return reached;
}
