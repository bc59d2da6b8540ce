import { isJsonMediaType } from '../contract/media-type.js';

/**
 * A request body as the matching engine compares it: JSON for a JSON media type, else the
 * text; `undefined` when the body is empty. Shared by the msw handlers and `abe mock`, so both
 * read a request alike; it loads no msw.
 *
 * @example
 * decodeRequestBody('{"name":"Ada"}', 'application/json') // { name: 'Ada' }
 */
export function decodeRequestBody(text: string, contentType: string | undefined): unknown {
  if (text === '') return undefined;
  if (isJsonMediaType(contentType)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // A JSON content type with a body that is not JSON: compare it as text, and let the
      // mismatch say so.
    }
  }
  return text;
}
