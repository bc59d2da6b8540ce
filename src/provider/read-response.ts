import { AbeError } from '../core/abe-error.js';
import { decodeBody, firstHeader } from './decode-body.js';
import type { ProviderResponse } from './types.js';

/**
 * True for what `assertMatchesExample` accepts as a response rather than a target: an object
 * with a numeric `status` (a fetch `Response`, a supertest response, `{ status, headers, body }`)
 * or a Fastify `inject` response (`statusCode` and `payload`).
 */
export function isResponseLike(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  const shape = value as Record<string, unknown>;
  return (
    typeof shape.status === 'number' || (typeof shape.statusCode === 'number' && 'payload' in shape)
  );
}

/**
 * A response the test already has, as the provider checks see it: a fetch `Response` (its
 * body is read), a supertest/superagent response, a Fastify `inject` response, or
 * `{ status, headers?, body? }` (a string body under a JSON content type is parsed).
 */
export async function readResponse(value: unknown): Promise<ProviderResponse> {
  if (!isResponseLike(value)) {
    throw new AbeError(
      'usage',
      `expected a response, got ${value === null ? 'null' : typeof value}.`,
      {
        hint: 'Pass a fetch Response, a supertest response, a Fastify inject response, or { status, headers, body }.',
      },
    );
  }
  const shape = value as Record<string, unknown>;
  if (isFetchResponse(shape)) {
    const response = value as Response;
    const headers = new Map<string, string | string[]>();
    response.headers.forEach((headerValue, name) => {
      headers.set(name, headerValue);
    });
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) headers.set('set-cookie', cookies);
    // A body already read (bodyUsed) cannot be read again: compare it as absent.
    const text = response.bodyUsed ? '' : await response.text();
    return finish(response.status, Object.fromEntries(headers), { text });
  }
  if (typeof shape.statusCode === 'number' && typeof shape.status !== 'number') {
    return finish(shape.statusCode, headersOf(shape.headers), {
      text: String(shape.payload ?? ''),
    });
  }
  const headers = headersOf(shape.headers);
  // superagent: `text` holds the raw body for text and JSON types, `body` the parsed form.
  if (typeof shape.text === 'string' && 'body' in shape && 'header' in shape) {
    return finish(shape.status as number, headers, { text: shape.text });
  }
  if (shape.body instanceof Uint8Array) {
    return finish(shape.status as number, headers, {
      text: Buffer.from(shape.body).toString('utf8'),
    });
  }
  return finish(shape.status as number, headers, { body: shape.body });
}

function isFetchResponse(shape: Record<string, unknown>): boolean {
  const headers = shape.headers as { get?: unknown } | undefined;
  return typeof shape.text === 'function' && typeof headers?.get === 'function';
}

function headersOf(value: unknown): Map<string, string | readonly string[]> {
  const headers = new Map<string, string | readonly string[]>();
  if (value === null || typeof value !== 'object') return headers;
  for (const [name, headerValue] of Object.entries(value)) {
    if (typeof headerValue === 'string' || Array.isArray(headerValue))
      headers.set(name.toLowerCase(), headerValue);
    else if (typeof headerValue === 'number') headers.set(name.toLowerCase(), String(headerValue));
  }
  return headers;
}

function finish(
  status: number,
  headers: Map<string, string | readonly string[]> | Record<string, string | readonly string[]>,
  content: { text: string } | { body: unknown },
): ProviderResponse {
  const map = headers instanceof Map ? headers : new Map(Object.entries(headers));
  const contentType = firstHeader(map.get('content-type'));
  const body =
    'text' in content
      ? decodeBody(content.text, contentType)
      : typeof content.body === 'string'
        ? decodeBody(content.body, contentType)
        : content.body;
  return { status, headers: Object.fromEntries(map), body };
}
