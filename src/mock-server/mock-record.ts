import type { Example } from '../contract/types.js';
import type { AbeViolation, UsedExample } from '../msw/abe-mocks.js';
import type { Endpoint } from '../msw/endpoint-index.js';

/** A request to a path and method no contract describes. */
export interface NoEndpointViolation {
  readonly kind: 'no-endpoint';
  readonly method: string;
  readonly url: string;
  readonly message: string;
}

/** A request whose `Abe-Example` header names a label the endpoint does not have. */
export interface UnknownExampleViolation {
  readonly kind: 'unknown-example';
  readonly method: string;
  readonly url: string;
  /** The label the header named. */
  readonly label: string;
  readonly endpoint: string;
  readonly source: string;
  /** The labels the endpoint has. */
  readonly labels: readonly string[];
  readonly message: string;
}

/** Every way a request to `abe mock` can break the contracts. */
export type MockViolation = AbeViolation | NoEndpointViolation | UnknownExampleViolation;

/**
 * What one `abe mock` server has seen: the requests that broke the contracts, and the examples
 * that answered. Its own record, unlike `abeMocks`, so two servers in one process never mix.
 *
 * @example
 * const record = new MockRecord();
 * record.violations().length // 0
 */
export class MockRecord {
  #violations: MockViolation[] = [];
  // Keyed by contract, method and label, as `abeMocks.usedExamples()` counts.
  readonly #used = new Map<string, { endpoint: Endpoint; label: string; count: number }>();

  violations(): readonly MockViolation[] {
    return [...this.#violations];
  }

  addViolation(violation: MockViolation): void {
    this.#violations.push(violation);
  }

  addUse(endpoint: Endpoint, example: Example): void {
    const key = `${endpoint.contract.source}\n${endpoint.method}\n${example.label}`;
    const entry = this.#used.get(key);
    if (entry === undefined) this.#used.set(key, { endpoint, label: example.label, count: 1 });
    else entry.count += 1;
  }

  /** The examples that answered, in the order first used, with how many requests each. */
  usedExamples(): readonly UsedExample[] {
    return [...this.#used.values()].map(({ endpoint, label, count }) => ({
      source: endpoint.contract.source,
      method: endpoint.method,
      url: endpoint.contract.pattern.source,
      label,
      count,
    }));
  }

  reset(): void {
    this.#violations = [];
    this.#used.clear();
  }
}
