import type { Contract } from './types.js';

/**
 * Whether a value is a loaded `Contract` (from `loadContract`, `parseContract` or
 * `contractFromObject`) rather than a parsed ABE document or anything else.
 *
 * @example
 * isContract(await loadContract('users/get.json')); // true
 * isContract(JSON.parse(text)); // false: a document, to pass through contractFromObject
 */
export function isContract(value: unknown): value is Contract {
  if (value === null || typeof value !== 'object') return false;
  const candidate = value as Partial<Contract>;
  return (
    typeof candidate.locate === 'function' &&
    Array.isArray(candidate.examples) &&
    typeof candidate.pattern?.test === 'function'
  );
}

/**
 * The name messages give a parsed document, which has no file name: its place in the list and
 * its endpoint, `<contract #2: GET /users/[0-9]+>`.
 *
 * @example
 * documentSource({ method: 'GET', url: '/users' }, 0); // '<contract #0: GET /users>'
 */
export function documentSource(document: object, index: number): string {
  const { method, url } = document as { method?: unknown; url?: unknown };
  const endpoint = [method, url].filter((part) => typeof part === 'string').join(' ');
  return endpoint === '' ? `<contract #${index}>` : `<contract #${index}: ${endpoint}>`;
}
