import type { IncomingHttpHeaders } from 'node:http';

// A small function rather than the `cors` package: the package takes Expose-Headers as fixed
// configuration, while here they are each example's own header names (and change under
// --watch), and it sends no Allow-Origin at all to a request without Origin, where `*` is
// wanted. What is left is a few header lines.

const ALLOWED_METHODS = 'GET, HEAD, PUT, PATCH, POST, DELETE, OPTIONS';
// Ten minutes: long enough to spare a browser most preflights, short enough that a restarted
// mock with other settings is seen soon (Chromium caps it at two hours anyway).
const MAX_AGE = '600';

/**
 * The headers `--cors` adds to an answer: Allow-Origin echoing the request's Origin (with
 * credentials allowed) or `*` without one, and Expose-Headers naming `exposed`.
 *
 * @example
 * corsHeaders({ origin: 'http://localhost:5173' }, 'content-type, etag')
 */
export function corsHeaders(request: IncomingHttpHeaders, exposed: string): string[] {
  const { origin } = request;
  const headers =
    origin === undefined
      ? ['access-control-allow-origin', '*']
      : [
          'access-control-allow-origin',
          origin,
          'access-control-allow-credentials',
          'true',
          'vary',
          'Origin',
        ];
  if (exposed !== '') headers.push('access-control-expose-headers', exposed);
  return headers;
}

/**
 * The answer to a CORS preflight (`OPTIONS` with `Access-Control-Request-Method`): every
 * method, the headers the browser asked for, and a Max-Age.
 *
 * @example
 * preflightHeaders({ origin: 'http://localhost:5173', 'access-control-request-method': 'PUT' })
 */
export function preflightHeaders(request: IncomingHttpHeaders): string[] {
  const headers = corsHeaders(request, '');
  const method = request['access-control-request-method'];
  const methods =
    typeof method === 'string' && !ALLOWED_METHODS.includes(method.toUpperCase())
      ? `${ALLOWED_METHODS}, ${method}`
      : ALLOWED_METHODS;
  headers.push('access-control-allow-methods', methods, 'access-control-max-age', MAX_AGE);
  const asked = request['access-control-request-headers'];
  if (asked !== undefined && asked !== '') {
    headers.push('access-control-allow-headers', asked);
  }
  headers.push('vary', 'Access-Control-Request-Headers', 'content-length', '0');
  return headers;
}
