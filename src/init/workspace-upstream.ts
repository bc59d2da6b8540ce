import { type DependencyEdge, orderComponents } from '../config/order-components.js';
import type { InitComponent } from './types.js';

export interface WorkspaceUpstream {
  /** Per component name, the components it depends on, in component order. */
  readonly upstream: ReadonlyMap<string, readonly string[]>;
  /** The names of a dependency cycle, first repeated at the end; `upstream` is then empty. */
  readonly cycle: readonly string[] | undefined;
}

/**
 * The `upstream=` lines a JavaScript monorepo already states: a component whose package.json
 * depends (of any kind: dependencies, dev, peer, optional) on another component's package
 * name is built after it, and reruns when it changes. builder.ini cannot hold a cycle, so
 * when the packages form one, no edge is kept and the cycle is returned for a note.
 *
 * @example
 * findWorkspaceUpstream([ui, web]); // web's package.json depends on ui's name
 * // { upstream: Map { 'ui' => [], 'web' => ['ui'] }, cycle: undefined }
 */
export function findWorkspaceUpstream(
  components: readonly Pick<InitComponent, 'name' | 'packageName' | 'packageLinks'>[],
): WorkspaceUpstream {
  const byPackage = new Map<string, string>();
  for (const component of components) {
    if (component.packageName !== undefined && !byPackage.has(component.packageName)) {
      byPackage.set(component.packageName, component.name);
    }
  }
  const order = new Map(components.map((component, index) => [component.name, index]));
  const upstream = new Map<string, string[]>();
  const edges: DependencyEdge[] = [];
  for (const component of components) {
    const names = [
      ...new Set(component.packageLinks.flatMap((link) => byPackage.get(link) ?? [])),
    ].filter((name) => name !== component.name);
    names.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    upstream.set(component.name, names);
    for (const name of names) {
      edges.push({ from: name, to: component.name, line: 0, key: 'upstream', section: name });
    }
  }
  const ordered = orderComponents(
    components.map((component) => component.name),
    edges,
  );
  if (ordered.ok) return { upstream, cycle: undefined };
  const cycle = ordered.cycle.map((edge) => edge.from);
  return { upstream: new Map(), cycle: [...cycle, cycle[0] ?? ''] };
}
