import TinyQueue from 'tinyqueue';

/** A dependency edge: `to` is built after `from` (`from` lists `to` downstream, or `to` lists `from` upstream). */
export interface DependencyEdge {
  readonly from: string;
  readonly to: string;
  /** Where the edge was written, for error messages. */
  readonly line: number;
  readonly key: 'downstream' | 'upstream';
  /** The section the key sits in. */
  readonly section: string;
}

export type OrderResult =
  | { readonly ok: true; readonly order: readonly string[] }
  | { readonly ok: false; readonly cycle: readonly DependencyEdge[] };

/**
 * Orders names so that every one comes after its upstreams; among names that are free at the
 * same time, file order wins, so the output is stable. When the edges hold a cycle, returns
 * one cycle as the edges that form it, in order. Every edge joins two of `names`.
 *
 * @example
 * orderComponents(['w', 'y', 'z'], [{ from: 'y', to: 'w', line: 2, key: 'downstream', section: 'y' }]);
 * // { ok: true, order: ['y', 'w', 'z'] }
 */
export function orderComponents(
  names: readonly string[],
  edges: readonly DependencyEdge[],
): OrderResult {
  const position = new Map(names.map((name, index) => [name, index]));
  const outgoing = new Map<string, DependencyEdge[]>(names.map((name) => [name, []]));
  const pending = new Map<string, number>(names.map((name) => [name, 0]));
  for (const edge of edges) {
    (outgoing.get(edge.from) as DependencyEdge[]).push(edge);
    pending.set(edge.to, (pending.get(edge.to) ?? 0) + 1);
  }

  // A priority queue of ready names keyed by file position keeps this O(E + N log N).
  const ready = new TinyQueue<number>();
  for (const name of names) if (pending.get(name) === 0) ready.push(position.get(name) as number);
  const order: string[] = [];
  for (let next = ready.pop(); next !== undefined; next = ready.pop()) {
    const name = names[next] as string;
    order.push(name);
    for (const edge of outgoing.get(name) as DependencyEdge[]) {
      const left = (pending.get(edge.to) as number) - 1;
      pending.set(edge.to, left);
      if (left === 0) ready.push(position.get(edge.to) as number);
    }
  }
  if (order.length === names.length) return { ok: true, order };
  return { ok: false, cycle: findCycle(names, outgoing, pending) };
}

function findCycle(
  names: readonly string[],
  outgoing: ReadonlyMap<string, readonly DependencyEdge[]>,
  pending: ReadonlyMap<string, number>,
): DependencyEdge[] {
  // Every name left with pending upstreams has an upstream that is also left, so walking
  // backwards from one of them must repeat a name: that loop is a cycle.
  const incoming = new Map<string, DependencyEdge>();
  for (const edges of outgoing.values()) {
    for (const edge of edges) {
      if ((pending.get(edge.from) ?? 0) > 0 && !incoming.has(edge.to)) incoming.set(edge.to, edge);
    }
  }
  const start = names.find((name) => (pending.get(name) ?? 0) > 0) as string;
  const seen = new Map<string, number>();
  const walk: DependencyEdge[] = [];
  let current = start;
  while (!seen.has(current)) {
    seen.set(current, walk.length);
    const edge = incoming.get(current) as DependencyEdge;
    walk.push(edge);
    current = edge.from;
  }
  // walk[i] enters the i-th visited name; the loop starts where `current` was first seen.
  return walk.slice(seen.get(current) as number).reverse();
}
