// How deep JSON may nest. `JSON.parse` reads any depth, but every function that walks a value
// by recursion (comparing bodies, `JSON.stringify` of a mocked response, the canonical form of
// a contract) overflows the stack somewhere past 3,000 levels, and a browser's stack can be
// smaller. Contracts are refused past this depth, and the matcher stops comparing there, so
// a deep body is a diagnostic or a mismatch rather than a RangeError.

/** Containers (objects, arrays) nested deeper than this are refused; the document is level 1. */
export const MAX_JSON_DEPTH = 1000;

/**
 * The keys (or indexes) leading to the first object or array nested deeper than `limit`, or
 * `undefined` when there is none. Walks without recursion, so any depth is safe.
 *
 * @example
 * pathBeyondDepth({ a: [[1]] }, 2) // ['a', '0']
 */
export function pathBeyondDepth(
  value: unknown,
  limit: number = MAX_JSON_DEPTH,
): string[] | undefined {
  interface Visit {
    readonly value: unknown;
    readonly depth: number;
    readonly key: string;
    readonly parent: Visit | undefined;
  }
  const pending: Visit[] = [{ value, depth: 1, key: '', parent: undefined }];
  for (let visit = pending.pop(); visit !== undefined; visit = pending.pop()) {
    const current = visit.value;
    if (current === null || typeof current !== 'object') continue;
    if (visit.depth > limit) {
      const path: string[] = [];
      for (let at: Visit | undefined = visit; at?.parent !== undefined; at = at.parent) {
        path.push(at.key);
      }
      return path.reverse();
    }
    const keys = Object.keys(current);
    // Pushed in reverse, so the first key is visited first: the path found is the first one.
    for (let index = keys.length - 1; index >= 0; index -= 1) {
      const key = keys[index] as string;
      pending.push({
        value: (current as Record<string, unknown>)[key],
        depth: visit.depth + 1,
        key,
        parent: visit,
      });
    }
  }
  return undefined;
}

/**
 * The offset, in a JSON text, of the first `{` or `[` nested deeper than `limit`; -1 when none.
 *
 * @example
 * offsetBeyondDepth('{"a": [[1]]}', 2) // 7
 */
export function offsetBeyondDepth(text: string, limit: number = MAX_JSON_DEPTH): number {
  let depth = 0;
  for (let index = 0; index < text.length; index += 1) {
    switch (text.charCodeAt(index)) {
      case 0x22 /* " */:
        // Skip the string, escapes included.
        for (index += 1; index < text.length; index += 1) {
          const code = text.charCodeAt(index);
          if (code === 0x5c /* \ */) index += 1;
          else if (code === 0x22) break;
        }
        break;
      case 0x7b /* { */:
      case 0x5b /* [ */:
        depth += 1;
        if (depth > limit) return index;
        break;
      case 0x7d /* } */:
      case 0x5d /* ] */:
        depth -= 1;
        break;
    }
  }
  return -1;
}
