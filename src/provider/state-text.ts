import type { JsonObject } from '../contract/types.js';

/**
 * A provider state as messages show it: its name quoted, then its params when it has any, so
 * two examples of one state with different params can be told apart.
 *
 * @example
 * stateText('user exists', { id: 1 }) // '"user exists" {"id":1}'
 * stateText('user 1 exists', {}) // '"user 1 exists"'
 */
export function stateText(state: string, params: JsonObject): string {
  const name = JSON.stringify(state);
  return Object.keys(params).length === 0 ? name : `${name} ${JSON.stringify(params)}`;
}
