import type { ExampleFailure, ExampleResult } from '../provider/types.js';

/** One example of an `abe verify` run, with where it is written in its contract file. */
export interface VerifiedExample extends ExampleResult {
  /** 1-based line and column of the example in its file, when known (for annotations). */
  readonly line?: number;
  readonly column?: number;
}

/** What `abe verify` did: the data every verify reporter formats. */
export interface VerifyRun {
  /** The provider's base URL as given (it never holds credentials: they are refused). */
  readonly baseUrl: string;
  /** ISO 8601 time the first example started. */
  readonly startedAt: string;
  readonly durationMs: number;
  /** Every example of the contracts, in file order, skipped ones included. */
  readonly examples: readonly VerifiedExample[];
}

export interface VerifyCounts {
  readonly total: number;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
}

/**
 * How many examples passed, failed and were skipped.
 *
 * @example
 * countVerified(run.examples) // { total: 12, passed: 11, failed: 1, skipped: 0 }
 */
export function countVerified(examples: readonly ExampleResult[]): VerifyCounts {
  let passed = 0;
  let failed = 0;
  for (const example of examples) {
    if (example.outcome === 'passed') passed++;
    else if (example.outcome === 'failed') failed++;
  }
  return { total: examples.length, passed, failed, skipped: examples.length - passed - failed };
}

/** The examples that failed, each with its failure, in run order. */
export function failedExamples(
  run: VerifyRun,
): (VerifiedExample & { readonly failure: ExampleFailure })[] {
  return run.examples.filter(
    (example): example is VerifiedExample & { readonly failure: ExampleFailure } =>
      example.failure !== undefined,
  );
}
