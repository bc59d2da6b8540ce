import { AbeError } from '../core/abe-error.js';

/** Where a provider lives: an origin (any when undefined) and a path it is mounted at. */
export interface BaseUrl {
  readonly origin: string | undefined;
  /** Mount path without a trailing slash; `''` for the root. */
  readonly path: string;
}

/**
 * Reads `opts.baseUrl`: absolute URLs (`https://api.example.com`, `http://localhost:3000/api`)
 * or paths (`/api`, any origin). No base means any origin, mounted at the root.
 *
 * @example
 * parseBaseUrls('https://api.example.com/v1') // [{ origin: 'https://api.example.com', path: '/v1' }]
 */
export function parseBaseUrls(baseUrl: string | readonly string[] | undefined): BaseUrl[] {
  if (baseUrl === undefined) return [];
  const list: readonly string[] = typeof baseUrl === 'string' ? [baseUrl] : baseUrl;
  return list.map((base) => {
    if (base.startsWith('/')) return { origin: undefined, path: trimSlash(base) };
    let url: URL;
    try {
      url = new URL(base);
    } catch (error) {
      throw new AbeError(
        'msw.input',
        `mockFromAbe: opts.baseUrl "${base}" is not an absolute URL or a path.`,
        {
          hint: 'Write the origin the provider lives at, such as "https://api.example.com" or "http://localhost:3000/api", or a path such as "/api" for any origin.',
          cause: error,
        },
      );
    }
    return { origin: url.origin, path: trimSlash(url.pathname) };
  });
}

/** The request path relative to the first base it lives under, or undefined. */
export function pathUnder(bases: readonly BaseUrl[], url: URL): string | undefined {
  const { pathname } = url;
  if (bases.length === 0) return pathname;
  for (const base of bases) {
    if (base.origin !== undefined && base.origin !== url.origin) continue;
    const local = pathBelow(base.path, pathname);
    if (local !== undefined) return local;
  }
  return undefined;
}

/**
 * `pathname` relative to the mount path `base` (no trailing slash, `''` for the root), or
 * undefined when it lies outside it. Shared with `abe mock --base-path`.
 *
 * @example
 * pathBelow('/api', '/api/users') // '/users'
 */
export function pathBelow(base: string, pathname: string): string | undefined {
  if (base === '') return pathname;
  if (pathname === base) return '/';
  if (pathname.startsWith(base) && pathname[base.length] === '/')
    return pathname.slice(base.length);
  return undefined;
}

function trimSlash(path: string): string {
  return path.endsWith('/') ? path.replace(/\/+$/, '') : path;
}
