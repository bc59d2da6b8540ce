/**
 * A compiled set of `nonStrict` dot paths. Each node is reached by one key; a node that is
 * `loose` ends a path: the key must be present, its value is not compared.
 * Arrays do not consume a path segment, so `contributors.id` reaches every element's `id`.
 */
export interface NonStrictNode {
  readonly loose: boolean;
  readonly children: ReadonlyMap<string, NonStrictNode> | undefined;
}

interface MutableNode {
  loose: boolean;
  children: Map<string, MutableNode> | undefined;
}

/**
 * Compiles dot paths into a tree walked alongside the body; `undefined` when there are none,
 * so the common case costs nothing per key.
 */
export function compileNonStrict(
  ...lists: readonly (readonly string[] | undefined)[]
): NonStrictNode | undefined {
  let root: MutableNode | undefined;
  for (const list of lists) {
    for (const path of list ?? []) {
      if (path === '') continue;
      root ??= { loose: false, children: undefined };
      let node = root;
      for (const key of path.split('.')) {
        node.children ??= new Map();
        let child = node.children.get(key);
        if (child === undefined) {
          child = { loose: false, children: undefined };
          node.children.set(key, child);
        }
        node = child;
      }
      node.loose = true;
    }
  }
  return root;
}
