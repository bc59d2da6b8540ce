import { HttpResponse } from 'msw';
import type { ExampleResponse } from '../contract/types.js';
import { preparedResponse } from './prepared-response.js';

/**
 * The example's response as a fetch `Response`: its status and headers, and its body as
 * JSON (`Content-Type: application/json` unless the example sets one) or, for a string body,
 * as text (`text/plain` unless the example sets a type).
 *
 * @example
 * exampleResponse({ status: 404, body: { detail: 'Not found.' } }).status // 404
 */
export function exampleResponse(response: ExampleResponse): Response {
  const ready = preparedResponse(response);
  return new HttpResponse(ready.body, {
    status: ready.status,
    headers: ready.headers as [string, string][],
  });
}
