import { headerValue } from '../contract/media-type.js';
import type { ExampleResponse } from '../contract/types.js';

// Statuses whose responses cannot carry a body (the Response constructor throws otherwise, and
// HTTP forbids one).
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** An example's response as it goes on the wire: status, headers and the serialised body. */
export interface PreparedResponse {
  readonly status: number;
  /** The example's headers, plus a `content-type` when the example sets none and has a body. */
  readonly headers: readonly (readonly [string, string])[];
  /** JSON text for a JSON body, the text itself for a string body, null for none. */
  readonly body: string | null;
}

// Serialising once per example keeps a mocked request as cheap as a hand-written handler. The
// msw handlers and `abe mock` share this module, so both answer with the same bytes; it loads
// no msw, so `abe mock` runs where msw is not installed.
const prepared = new WeakMap<ExampleResponse, PreparedResponse>();

/**
 * The example's response ready to send, made once per example: its status and headers, and its
 * body as JSON (`Content-Type: application/json` unless the example sets one) or, for a string
 * body, as text (`text/plain` unless the example sets a type).
 *
 * @example
 * preparedResponse({ status: 200, body: { id: 1 } }).body // '{"id":1}'
 */
export function preparedResponse(response: ExampleResponse): PreparedResponse {
  let ready = prepared.get(response);
  if (ready === undefined) {
    ready = prepare(response);
    prepared.set(response, ready);
  }
  return ready;
}

function prepare(response: ExampleResponse): PreparedResponse {
  const headers: [string, string][] = Object.entries(response.headers ?? {});
  const { status, body } = response;
  if (body === undefined || NULL_BODY_STATUSES.has(status)) return { status, headers, body: null };
  const declaredType = headerValue(response.headers, 'content-type');
  if (typeof body === 'string') {
    if (declaredType === undefined) headers.push(['content-type', 'text/plain; charset=utf-8']);
    return { status, headers, body };
  }
  if (declaredType === undefined) headers.push(['content-type', 'application/json']);
  return { status, headers, body: JSON.stringify(body) };
}
