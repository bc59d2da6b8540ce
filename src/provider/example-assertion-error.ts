import type { ExampleFailure, ProviderResponse, VerifyReport } from './types.js';

/**
 * Thrown when a provider's response does not match its example. Named `AssertionError` so
 * test runners show it as a failed assertion, not a crash. The message names the contract
 * file and label, the request, and the mismatches as a readable diff; the same facts are on
 * the error as data.
 *
 * @example
 * try { await expectMatchesExample(app, 'users/get.json', 'OK') }
 * catch (error) { if (error instanceof ExampleAssertionError) error.failures[0]?.mismatches }
 */
export class ExampleAssertionError extends Error {
  override readonly name = 'AssertionError';
  /** Node's assertion code, which some runners and reporters key on. */
  readonly code = 'ERR_ASSERTION';
  /** Every example that failed (one for `expectMatchesExample`). */
  readonly failures: readonly ExampleFailure[];
  /** The response, when a single example failed on it. */
  readonly response: ProviderResponse | undefined;
  /** The whole report, when thrown by `verifyProvider`. */
  readonly report: VerifyReport | undefined;

  constructor(
    message: string,
    failures: readonly ExampleFailure[],
    extra: { response?: ProviderResponse; report?: VerifyReport } = {},
  ) {
    super(message);
    this.failures = failures;
    this.response = extra.response;
    this.report = extra.report;
  }
}
