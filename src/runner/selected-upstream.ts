import type { Component } from '../config/types.js';

/**
 * For each selected component, in build order, the selected components it waits for: those it
 * depends on directly, or through components that are not selected. Going through the ones not
 * selected keeps the order of a partial run: with `api → db → ui`, running `api` and `ui` still
 * runs `ui` after `api`.
 *
 * The order of each list decides which failed upstream a skipped component names, so it is the
 * order of a depth-first walk from the last upstream listed.
 *
 * @example
 * selectedUpstream(config.components, new Set(['api', 'ui'])); // Map { 'api' => [], 'ui' => ['api'] }
 */
export function selectedUpstream(
  components: readonly Component[],
  selected: ReadonlySet<string>,
): Map<string, string[]> {
  const byName = new Map(components.map((component) => [component.name, component]));
  return new Map(
    components
      .filter((component) => selected.has(component.name))
      .map((component) => [component.name, ancestorsIn(component, byName, selected)]),
  );
}

/** Selected components `component` depends on, directly or through components not selected. */
function ancestorsIn(
  component: Component,
  byName: ReadonlyMap<string, Component>,
  selected: ReadonlySet<string>,
): string[] {
  const seen = new Set<string>();
  const stack = [...component.upstream];
  while (stack.length > 0) {
    const name = stack.pop() as string;
    if (seen.has(name)) continue;
    seen.add(name);
    stack.push(...(byName.get(name)?.upstream ?? []));
  }
  return [...seen].filter((name) => selected.has(name));
}
