import { isJsonMediaType } from '../contract/media-type.js';
import type { ActualRequest } from '../match/types.js';

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
  const text = await request.clone().text();
  if (text === '') return base;
  if (isJsonMediaType(request.headers.get('content-type') ?? undefined)) {
    try {
      return { ...base, body: JSON.parse(text) as unknown };
    } catch {
      // A JSON content type with a body that is not JSON: compare it as text, and let the
      // mismatch say so.
    }
  }
  return { ...base, body: text };
}
