import type { Example } from '../contract/types.js';
import { matchRequest } from '../match/match-request.js';
import type { ActualRequest, Mismatch } from '../match/types.js';
import type { Endpoint } from './endpoint-index.js';

/** The example that answers a request, or the nearest one when no example allows it. */
export type Choice =
  | { readonly allowed: true; readonly endpoint: Endpoint; readonly example: Example }
  | {
      readonly allowed: false;
      readonly endpoint: Endpoint;
      readonly nearest: Example;
      readonly mismatches: readonly Mismatch[];
    };

/**
 * Picks the example that answers `actual` among the examples of the endpoints it reached.
 * An example answers when its request matches (`matchRequest`); among several, the most
 * specific (most query parameters, headers and body conditions) wins, then file order.
 * A pinned example answers any request some example of its endpoint allows. When no example
 * allows the request, the nearest one (fewest mismatches, then file order) is returned.
 *
 * @example
 * const choice = chooseExample(index.find('GET', '/users/1'), { method: 'GET', url: '/users/1' });
 * if (choice.allowed) choice.example.label; // 'OK'
 */
export function chooseExample(endpoints: readonly Endpoint[], actual: ActualRequest): Choice {
  let best: { endpoint: Endpoint; example: Example; specificity: number } | undefined;
  let nearest: { endpoint: Endpoint; example: Example; mismatches: Mismatch[] } | undefined;
  for (const endpoint of endpoints) {
    let endpointAllows = false;
    for (const example of endpoint.examples) {
      const mismatches = matchRequest(example, actual);
      if (mismatches.length === 0) {
        endpointAllows = true;
        const specificity = specificityOf(example);
        if (best === undefined || specificity > best.specificity) {
          best = { endpoint, example, specificity };
        }
      } else if (nearest === undefined || mismatches.length < nearest.mismatches.length) {
        nearest = { endpoint, example, mismatches };
      }
    }
    // Pinning chooses the response, never relaxes the request check.
    if (endpointAllows && endpoint.pinned !== undefined) {
      return { allowed: true, endpoint, example: endpoint.pinned };
    }
  }
  if (best !== undefined) return { allowed: true, endpoint: best.endpoint, example: best.example };
  if (nearest === undefined) {
    // Unreachable for contracts that parsed (every endpoint has an example); kept for types.
    throw new RangeError('chooseExample needs at least one endpoint with an example');
  }
  return {
    allowed: false,
    endpoint: nearest.endpoint,
    nearest: nearest.example,
    mismatches: nearest.mismatches,
  };
}

/** How many conditions an example's request sets beyond method and path. */
function specificityOf(example: Example): number {
  const { queryParams, headers, body } = example.request;
  return (
    (queryParams === undefined ? 0 : Object.keys(queryParams).length) +
    (headers === undefined ? 0 : Object.keys(headers).length) +
    (body === undefined ? 0 : 1)
  );
}
