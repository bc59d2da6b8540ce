import { HttpResponse } from 'msw';
import { headerValue } from '../contract/media-type.js';
import type { ExampleResponse } from '../contract/types.js';

// Statuses whose responses cannot carry a body (the Response constructor throws otherwise).
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

interface PreparedResponse {
  readonly status: number;
  readonly headers: readonly [string, string][];
  readonly body: string | null;
}

// Serialising once per example keeps a mocked request as cheap as a hand-written handler.
const prepared = new WeakMap<ExampleResponse, PreparedResponse>();

/**
 * The example's response as a fetch `Response`: its status and headers, and its body as
 * JSON (`Content-Type: application/json` unless the example sets one) or, for a string body,
 * as text (`text/plain` unless the example sets a type).
 *
 * @example
 * exampleResponse({ status: 404, body: { detail: 'Not found.' } }).status // 404
 */
export function exampleResponse(response: ExampleResponse): Response {
  let ready = prepared.get(response);
  if (ready === undefined) {
    ready = prepare(response);
    prepared.set(response, ready);
  }
  return new HttpResponse(ready.body, {
    status: ready.status,
    headers: ready.headers as [string, string][],
  });
}

function prepare(response: ExampleResponse): PreparedResponse {
  const headers = Object.entries(response.headers ?? {});
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
