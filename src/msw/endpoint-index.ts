import { standsForNoBody } from '../contract/request-body.js';
import type { Contract, Example } from '../contract/types.js';

/** One method of one contract: the unit a request is dispatched to. */
export interface Endpoint {
  readonly contract: Contract;
  readonly method: string;
  /** For messages: `GET /users/[0-9]+ (contracts/users/get.json)`. */
  readonly name: string;
  /** The example pinned by `opts.examples` / `opts.example`, if any. */
  readonly pinned: Example | undefined;
  /** Position among all endpoints, so results keep the order contracts were given in. */
  readonly order: number;
  /** The contract's examples for this method, in file order, as a consumer can send them. */
  readonly examples: readonly Example[];
}

interface MethodBucket {
  /** Endpoints whose pattern is a literal path, by that path. */
  readonly literal: Map<string, Endpoint[]>;
  /** Endpoints with a pattern, by their static prefix (always ending in `/`). */
  readonly prefixed: Map<string, Endpoint[]>;
}

/**
 * Endpoints indexed by method, then by literal path or static path prefix, so that a lookup
 * costs one map probe per segment of the request path, whatever the number of contracts.
 */
export class EndpointIndex {
  readonly #buckets = new Map<string, MethodBucket>();
  #size = 0;

  get size(): number {
    return this.#size;
  }

  /** Adds one endpoint per method used by the contract's examples. */
  addContract(contract: Contract, pins: ReadonlyMap<Contract, Example>): void {
    const pin = pins.get(contract);
    const methods = new Set(contract.examples.map((example) => example.request.method));
    for (const method of methods) {
      const endpoint: Endpoint = {
        contract,
        method,
        name: `${method} ${contract.pattern.source} (${contract.source})`,
        pinned: pin?.request.method === method ? pin : undefined,
        order: this.#size,
        examples: contract.examples
          .filter((example) => example.request.method === method)
          .map(asSent),
      };
      this.#size += 1;
      let bucket = this.#buckets.get(method);
      if (bucket === undefined) {
        bucket = { literal: new Map(), prefixed: new Map() };
        this.#buckets.set(method, bucket);
      }
      const { pattern } = contract;
      const map = pattern.literal ? bucket.literal : bucket.prefixed;
      const key = pattern.literal ? pattern.source : pattern.staticPrefix;
      const list = map.get(key);
      if (list === undefined) map.set(key, [endpoint]);
      else list.push(endpoint);
    }
  }

  /** Endpoints whose method and URL pattern match, in the order they were added. */
  find(method: string, path: string): Endpoint[] {
    const bucket = this.#buckets.get(method);
    if (bucket === undefined) return [];
    const found: Endpoint[] = [...(bucket.literal.get(path) ?? [])];
    // Probe every prefix of the path that ends with a slash: "/", "/users/", "/users/1/"…
    for (let slash = path.indexOf('/'); slash !== -1; slash = path.indexOf('/', slash + 1)) {
      const candidates = bucket.prefixed.get(path.slice(0, slash + 1));
      if (candidates === undefined) continue;
      for (const endpoint of candidates) {
        if (endpoint.contract.pattern.test(path)) found.push(endpoint);
      }
    }
    return found.sort((a, b) => a.order - b.order);
  }
}

/**
 * The example as a consumer can send it: fetch cannot send a body with GET or HEAD, so a body
 * that stands for none there (`{}`, `null`, `""`) is dropped, as the provider side drops it.
 */
function asSent(example: Example): Example {
  const { method, body } = example.request;
  if (body === undefined || !standsForNoBody(method, body)) return example;
  const { body: _dropped, ...request } = example.request;
  return { ...example, request };
}
