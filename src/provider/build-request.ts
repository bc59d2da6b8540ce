import { headerValue, isJsonMediaType } from '../contract/media-type.js';
import { NO_BODY_METHODS, standsForNoBody } from '../contract/request-body.js';
import type { Contract, Example } from '../contract/types.js';
import { AbeError } from '../core/abe-error.js';

/** The HTTP request an example describes, ready for any target. */
export interface BuiltRequest {
  /** Upper-case method. */
  readonly method: string;
  /** Path and query string, e.g. `/users/1?verbose=0&tag=a&tag=b`. */
  readonly url: string;
  /** Header names as the example writes them, plus `content-type` when a body needs one. */
  readonly headers: Record<string, string>;
  /** The body as sent (JSON text for a JSON body); absent when there is none. */
  readonly body?: string;
}

// Path parts that only a pattern has: `:id`, `{id}`, a `[0-9]+` class.
const PATTERN_PART = /(?:^|\/):[A-Za-z_]|\{[A-Za-z_][A-Za-z0-9_]*\}|\[[^\]]*\]/;

/**
 * Builds the request of an example: method, path with its query string (repeated keys
 * repeated), headers, and the body with a content type (JSON unless the example says
 * otherwise; a string body is sent as text). Throws an `AbeError` (`contract.request`) that
 * says how to fix the example when no request can be built from it.
 */
export function buildRequest(contract: Contract, example: Example): BuiltRequest {
  const { request } = example;
  const fail = (why: string, fix: string): never => {
    throw new AbeError(
      'contract.request',
      `cannot build the request of example "${example.label}": ${why}`,
      { file: contract.source, hint: fix },
    );
  };

  if (PATTERN_PART.test(request.url)) {
    fail(
      `its url "${request.url}" is a pattern, not a path a request can be sent to.`,
      `Give the example a concrete "request": { "url": … } that matches "${contract.url}", e.g. with real ids.`,
    );
  }

  let url = request.url;
  if (request.queryParams !== undefined) {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(request.queryParams)) {
      if (typeof value === 'string') query.append(key, value);
      else for (const item of value) query.append(key, item);
    }
    const text = query.toString();
    if (text !== '') url += `?${text}`;
  }

  // Object.fromEntries, not assignment: a header named "__proto__" stays a header.
  const headers: Record<string, string> = Object.fromEntries(Object.entries(request.headers ?? {}));
  const body = request.body;
  if (standsForNoBody(request.method, body)) {
    return { method: request.method, url, headers };
  }
  if (NO_BODY_METHODS.has(request.method)) {
    fail(
      `a ${request.method} request cannot carry a body, and this one has ${JSON.stringify(body).slice(0, 60)}.`,
      'Remove "body" from the request, or use a method that takes a body (POST, PUT, PATCH).',
    );
  }

  const contentType = headerValue(request.headers, 'content-type');
  if (typeof body === 'string') {
    // A JSON content type with a string body means the string is the JSON text (the loader checks it parses).
    if (contentType === undefined) headers['content-type'] = 'text/plain; charset=utf-8';
    return { method: request.method, url, headers, body };
  }
  if (contentType === undefined) {
    headers['content-type'] = 'application/json';
  } else if (!isJsonMediaType(contentType)) {
    fail(
      `its body is a JSON value but its Content-Type is "${contentType}", so abe cannot tell how to encode it.`,
      'Write the body as the exact text to send (a JSON string), or use a JSON Content-Type.',
    );
  }
  return { method: request.method, url, headers, body: JSON.stringify(body) };
}

/** `GET /users/1?verbose=0`: how a request is named in messages and reports. */
export function requestLine(request: { readonly method: string; readonly url: string }): string {
  return `${request.method} ${request.url}`;
}
