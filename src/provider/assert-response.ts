import type { Contract, Example } from '../contract/types.js';
import { matchResponse } from '../match/match-response.js';
import { ExampleAssertionError } from './example-assertion-error.js';
import { singleFailureMessage } from './format-failure.js';
import type { ExampleFailure, ProviderResponse } from './types.js';

/**
 * Compares a response with an example and throws an `ExampleAssertionError` when it differs.
 * `sent` says whether `request` is what was sent, or only what the example describes.
 */
export function assertResponse(
  contract: Contract,
  example: Example,
  request: string,
  response: ProviderResponse,
  nonStrict: readonly string[] | undefined,
  sent: boolean,
): ProviderResponse {
  const failure = responseFailure(contract, example, request, response, nonStrict);
  if (failure !== undefined) {
    throw new ExampleAssertionError(singleFailureMessage(failure, sent), [failure], { response });
  }
  return response;
}

/** The failure of an example against a response, or `undefined` when it holds. */
export function responseFailure(
  contract: Contract,
  example: Example,
  request: string,
  response: ProviderResponse,
  nonStrict: readonly string[] | undefined,
): ExampleFailure | undefined {
  const mismatches = matchResponse(example, response, nonStrict === undefined ? {} : { nonStrict });
  if (mismatches.length === 0) return undefined;
  return { file: contract.source, label: example.label, request, mismatches };
}
