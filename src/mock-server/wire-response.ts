import type { ExampleResponse } from '../contract/types.js';
import { preparedResponse } from '../msw/prepared-response.js';

/** An example's response as node:http writes it, made once per example. */
export interface WireResponse {
  readonly status: number;
  /** Names and values in one flat list, as `writeHead` takes them; `content-length` included. */
  readonly headers: readonly string[];
  readonly body: Buffer | null;
  /** The header names, for `Access-Control-Expose-Headers` under `--cors`. */
  readonly exposed: string;
}

// The same bytes the msw handlers answer with (`preparedResponse`), encoded once: a served
// request then costs a map probe, the match and one write.
const cache = new WeakMap<ExampleResponse, WireResponse>();

/**
 * The example's response ready for `res.writeHead(status, headers); res.end(body)`.
 *
 * @example
 * const wire = wireResponse(example.response);
 * res.writeHead(wire.status, wire.headers as string[]).end(wire.body);
 */
export function wireResponse(response: ExampleResponse): WireResponse {
  let wire = cache.get(response);
  if (wire === undefined) {
    const ready = preparedResponse(response);
    const body = ready.body === null ? null : Buffer.from(ready.body, 'utf8');
    const headers: string[] = [];
    for (const [name, value] of ready.headers) {
      // The length is the server's to say: an example's own one may not fit the bytes sent.
      if (name.toLowerCase() === 'content-length') continue;
      headers.push(name, value);
    }
    if (body !== null) headers.push('content-length', String(body.length));
    const exposed = ready.headers.map(([name]) => name).join(', ');
    wire = { status: ready.status, headers, body, exposed };
    cache.set(response, wire);
  }
  return wire;
}
