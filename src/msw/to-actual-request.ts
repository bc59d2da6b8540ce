import type { ActualRequest } from '../match/types.js';
import { decodeRequestBody } from './decode-request-body.js';

/**
 * Reads an intercepted fetch `Request` into the shape the matching engine compares:
 * `path` (already stripped of the base URL) plus the query string, headers with lower-case
 * names, and the body decoded (JSON for a JSON media type, else text; absent when empty).
 */
export async function toActualRequest(
  request: Request,
  path: string,
  search: string,
): Promise<ActualRequest> {
  // Object.fromEntries defines own properties: a header named "__proto__" stays a header.
  const headers = Object.fromEntries(request.headers);
  const base = { method: request.method, url: path + search, headers };
  if (request.body === null) return base;
  const body = decodeRequestBody(
    await request.clone().text(),
    request.headers.get('content-type') ?? undefined,
  );
  return body === undefined ? base : { ...base, body };
}
