import { standsForNoBody } from '../contract/request-body.js';
import type { ExampleRequest } from '../contract/types.js';
import { compareBody } from './compare-body.js';
import { compareHeaders } from './compare-headers.js';
import { compareQuery, parseQuery } from './compare-query.js';
import { compileRules } from './compile-rules.js';
import { isExample } from './is-example.js';
import { compileNonStrict } from './non-strict-paths.js';
import type { ActualRequest, ExpectedRequest, MatchOptions, Mismatch } from './types.js';

/**
 * Compares a request (sent by a consumer, or received by a provider) with an example and
 * returns every difference: method and path equal, example query parameters and headers
 * contained, body strictly equal except at `nonStrict` paths; the example's `request.*` rules
 * relax what they name (docs/matching.md).
 *
 * `actual.url` is a path with an optional query string (`/users/1?verbose=0`); an absolute
 * URL is accepted too, and only its path and query are compared.
 *
 * @example
 * const mismatches = matchRequest(example, { method: 'GET', url: '/users/1?verbose=0' });
 * // [] when the example's request is /users/1 with queryParams { verbose: "0" }
 */
export function matchRequest(
  expected: ExpectedRequest,
  actual: ActualRequest,
  opts: MatchOptions = {},
): Mismatch[] {
  const example = isExample(expected) ? expected : undefined;
  // A raw example as written in a file may have no request: then only what it has is compared.
  const request: Partial<ExampleRequest> =
    (example === undefined ? (expected as ExampleRequest) : example.request) ?? {};
  const out: Mismatch[] = [];

  if (
    request.method !== undefined &&
    request.method.toUpperCase() !== actual.method.toUpperCase()
  ) {
    out.push({
      path: '/method',
      kind: 'method',
      expected: request.method,
      actual: actual.method,
      message: `method is ${actual.method}, expected ${request.method.toUpperCase()}`,
    });
  }

  const [expectedPath, expectedSearch] = splitUrl(request.url ?? '');
  const [actualPath, actualSearch] = splitUrl(pathOf(actual.url));
  if (request.url !== undefined && !samePath(expectedPath, actualPath)) {
    out.push({
      path: '/url',
      kind: 'url',
      expected: expectedPath,
      actual: actualPath,
      message: `path is ${JSON.stringify(actualPath)}, expected ${JSON.stringify(expectedPath)}`,
    });
  }

  const rules = compileRules(example?.rules)?.request;
  compareQuery(expectedQuery(expectedSearch, request.queryParams), actualSearch, out, rules?.query);
  compareHeaders(request.headers, actual.headers, out, rules?.headers);
  // No body in the example, or on a GET or HEAD `"body": {}` (or null, or ""), means no body,
  // as the spec says and as the provider and msw read it: there is nothing to compare.
  const method = (request.method ?? actual.method).toUpperCase();
  if (!standsForNoBody(method, request.body)) {
    compareBody(
      request,
      actual.body,
      compileNonStrict(example?.nonStrict, opts.nonStrict),
      out,
      rules?.body,
    );
  }
  return out;
}

const ABSOLUTE_URL = /^[a-z][a-z\d+.-]*:\/\//i;

/** Keeps the path and query of an absolute URL that parses, and drops any fragment. */
function pathOf(url: string): string {
  if (ABSOLUTE_URL.test(url) && URL.canParse(url)) {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  }
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}

function splitUrl(url: string): [path: string, search: string] {
  const cut = url.indexOf('?');
  return cut === -1 ? [url, ''] : [url.slice(0, cut), url.slice(cut + 1)];
}

/** Paths are equal as written, or once percent-decoded (`/a%20b` is `/a b`). */
function samePath(expected: string, actual: string): boolean {
  return expected === actual || decode(expected) === decode(actual);
}

function decode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * The example's parameters: those written in its url (a raw example may carry a query
 * string) overridden by `queryParams`.
 */
function expectedQuery(
  search: string,
  declared: Readonly<Record<string, unknown>> | undefined,
): Map<string, string[]> {
  const query = parseQuery(search);
  if (declared === undefined) return query;
  for (const [key, value] of Object.entries(declared)) {
    if (value === undefined) continue;
    query.set(key, Array.isArray(value) ? value.map(String) : [String(value)]);
  }
  return query;
}
