/** Methods whose requests carry no body: fetch refuses one, and servers ignore it. */
export const NO_BODY_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD']);

/**
 * Whether an example request's body means "no body" for its method. ABE files often write
 * `"body": {}` (or `null`, or `""`) on a GET: the provider sends no body for it, and the
 * consumer's mock accepts a request without one. Both sides ask this one function.
 *
 * @example
 * standsForNoBody('GET', {}); // true
 * standsForNoBody('POST', {}); // false: an empty JSON object is sent
 */
export function standsForNoBody(method: string, body: unknown): boolean {
  if (body === undefined) return true;
  if (!NO_BODY_METHODS.has(method)) return false;
  if (body === '' || body === null) return true;
  return typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0;
}
