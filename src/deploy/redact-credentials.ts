// `scheme://userinfo@`: the userinfo runs to the last `@` before the path, query, fragment or the
// end of the word, which is where a URL parser ends it too (`https://u:p@ss@host` has the
// password `p@ss`), so no part of a password is left behind.
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#\\]*@/gi;

/**
 * Masks the `user:password@` part of every URL in a text (`https://***@host/`): deploy output
 * and the record are kept and shared, so a credential must not reach them, whether it came from
 * the config, a flag or kubectl's own messages.
 *
 * @example
 * redactCredentials('Get "https://admin:hunter2@k8s.example.com/api": EOF')
 * // 'Get "https://***@k8s.example.com/api": EOF'
 */
export function redactCredentials(text: string): string {
  return text.replace(USERINFO, '$1***@');
}

/**
 * The same data with {@link redactCredentials} applied to every string in it (plain objects and
 * arrays, any depth): for reports and records assembled from many sources.
 *
 * @example
 * redactCredentialsIn({ failure: 'GET https://a:b@host/ failed' }) // { failure: 'GET https://***@host/ failed' }
 */
export function redactCredentialsIn<T>(value: T): T {
  if (typeof value === 'string') return redactCredentials(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => redactCredentialsIn(item)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, redactCredentialsIn(item)]),
    ) as T;
  }
  return value;
}
