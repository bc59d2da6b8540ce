import type { Example } from '../contract/types.js';
import { AbeError } from '../core/abe-error.js';
import type { Mismatch } from '../match/types.js';
import type { Endpoint } from './endpoint-index.js';

/** A request that reached a mocked endpoint but that no example of it allows. */
export interface AbeViolation {
  readonly kind: 'unmatched';
  readonly method: string;
  /** The full URL the consumer requested. */
  readonly url: string;
  /** The endpoint of the nearest example: `GET /users/[0-9]+ (contracts/users/get.json)`. */
  readonly endpoint: string;
  /** The contract file (or object name) of the nearest example. */
  readonly source: string;
  /** Label of the nearest example (fewest mismatches, then file order). */
  readonly nearest: string;
  /** What differs from the nearest example. */
  readonly mismatches: readonly Mismatch[];
  /** The whole explanation, as `assertNoViolations()` reports it. */
  readonly message: string;
}

/** An example that answered at least one request. */
export interface UsedExample {
  readonly source: string;
  readonly method: string;
  /** The endpoint's URL pattern. */
  readonly url: string;
  readonly label: string;
  /** How many requests it answered. */
  readonly count: number;
}

/** What every `mockFromAbe` handler of this module instance has seen. */
export interface AbeMocks {
  /** Requests no example allowed, since the last `assertNoViolations()` or `reset()`. */
  violations(): readonly AbeViolation[];
  /**
   * Throws an `AbeError` (code `msw.unmatched-request`) describing every violation since the
   * last call, then forgets them, so each test answers only for its own requests.
   */
  assertNoViolations(): void;
  /** The examples that answered requests, in the order first used, since the last `reset()`. */
  usedExamples(): readonly UsedExample[];
  /** Forgets violations and used examples. */
  reset(): void;
}

let violations: AbeViolation[] = [];
// Keyed by contract, method and label: the same file mocked twice (a pin through server.use)
// is one record.
const used = new Map<string, { endpoint: Endpoint; label: string; count: number }>();

/**
 * The record of every `mockFromAbe` handler: call `abeMocks.assertNoViolations()` in
 * `afterEach`, so that a request no example allows fails the test that sent it even when the
 * consumer swallowed the network error it got.
 *
 * @example
 * afterEach(() => abeMocks.assertNoViolations());
 */
export const abeMocks: AbeMocks = {
  violations: () => [...violations],
  assertNoViolations() {
    if (violations.length === 0) return;
    const found = violations;
    violations = [];
    const count = found.length === 1 ? '1 request' : `${found.length} requests`;
    const details = found.map((violation, index) => `${index + 1}) ${violation.message}`);
    throw new AbeError(
      'msw.unmatched-request',
      `abe-ts/msw: ${count} failed against the contracts:\n\n${details.join('\n\n')}`,
      {
        hint: '\nThe mock answered each with a network error. Fix the request, or add an example that allows it to the contract (and make the provider honour it).',
      },
    );
  },
  usedExamples: () =>
    [...used.values()].map(({ endpoint, label, count }) => ({
      source: endpoint.contract.source,
      method: endpoint.method,
      url: endpoint.contract.pattern.source,
      label,
      count,
    })),
  reset() {
    violations = [];
    used.clear();
  },
};

/** Internal: notes that `example` answered a request. */
export function recordUse(endpoint: Endpoint, example: Example): void {
  const key = `${endpoint.contract.source}\n${endpoint.method}\n${example.label}`;
  const entry = used.get(key);
  if (entry === undefined) used.set(key, { endpoint, label: example.label, count: 1 });
  else entry.count += 1;
}

/** Internal: notes a request no example allowed. */
export function recordViolation(violation: AbeViolation): void {
  violations.push(violation);
}

/** The test a setup file has opened: the `mockFromAbe` handlers made during it end with it. */
export interface TestScope {
  ended: boolean;
  /** The test's full name, as the runner gives it: ledger lines of its requests carry it. */
  readonly test?: string | undefined;
}

let openScope: TestScope | undefined;

/**
 * Internal, for the setup files: opens a test (their `beforeEach`, which runs before the
 * test file's own), named `test` (its full name) when the runner tells it. Handlers made from now on, in the test or in its `beforeEach`, are the
 * test's; those made in `beforeAll` or at the top of a file are not, and last.
 */
export function beginTestScope(test?: string): void {
  openScope = { ended: false, test };
}

/** Internal, for the setup files: ends the open test, and with it the handlers made in it. */
export function endTestScope(): void {
  if (openScope !== undefined) openScope.ended = true;
  openScope = undefined;
}

/**
 * Internal, for the setup files' `afterEach`: fails the test if a request broke the contracts,
 * then, whatever happens, clears the record (the examples this test used and any violation are
 * not the next test's) and ends the test's handlers.
 */
export function finishTest(): void {
  try {
    abeMocks.assertNoViolations();
  } finally {
    abeMocks.reset();
    endTestScope();
  }
}

/** Internal: the test a handler made now belongs to, if a setup file opened one. */
export function currentTestScope(): TestScope | undefined {
  return openScope;
}
