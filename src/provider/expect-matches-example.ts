import { recordInLedger } from '../ledger/record-in-ledger.js';
import { runnerTestName } from '../ledger/runner-test-name.js';
import { assertResponse } from './assert-response.js';
import { buildRequest, requestLine } from './build-request.js';
import { requestTimeout } from './configure.js';
import { findExample } from './find-example.js';
import { openTarget } from './open-target.js';
import { exampleRequestError } from './request-problem.js';
import { resolveContract } from './resolve-contract.js';
import { settleWithin } from './settle-within.js';
import type {
  ContractInput,
  ExampleLabel,
  MatchExampleOptions,
  ProviderResponse,
  Target,
} from './types.js';

/**
 * Sends the request of one example to `target` and asserts that the response matches it.
 * Returns the response (`{ status, headers, body }`, header names lower case) for further
 * checks; throws an `AssertionError` naming the file, the label, the request and every
 * mismatch when it does not match. A target that does not answer within `timeout` ms, or
 * throws, is an `AbeError` (`provider.target`) naming the same.
 *
 * @example
 * test('GET /users/1 answers as the contract says', async () => {
 *   await expectMatchesExample(app, 'contracts/users/get.json', 'OK');
 * });
 */
export function expectMatchesExample(
  target: Target,
  contract: ContractInput,
  label: ExampleLabel,
  options: MatchExampleOptions = {},
): Promise<ProviderResponse> {
  return sendExample(target, contract, label, options, 'expectMatchesExample', runnerTestName());
}

/**
 * Internal: `expectMatchesExample`, recorded in the ledger as `tool` (the matcher records as
 * `toMatchExample`), for the test named `test`. Once the example is found, every outcome is a
 * line: a target that cannot be reached is a failed verification.
 */
export async function sendExample(
  target: Target,
  contract: ContractInput,
  label: ExampleLabel,
  options: MatchExampleOptions,
  tool: 'expectMatchesExample' | 'toMatchExample',
  test: string | undefined,
): Promise<ProviderResponse> {
  const timeout = requestTimeout(options.timeout);
  const loaded = await resolveContract(contract, options.root);
  const example = findExample(loaded, label);
  let outcome: 'passed' | 'failed' = 'failed';
  try {
    const built = buildRequest(loaded, example);
    const request = requestLine(built);
    options.signal?.throwIfAborted();
    const open = await openTarget(target);
    let response: ProviderResponse;
    try {
      response = await settleWithin((signal) => open.send(built, signal), timeout, options.signal);
    } catch (error) {
      throw exampleRequestError(loaded, example, request, error);
    } finally {
      await open.close();
    }
    const checked = assertResponse(loaded, example, request, response, options.nonStrict, true);
    outcome = 'passed';
    return checked;
  } finally {
    recordInLedger({ side: 'provider', tool, contract: loaded, example, outcome, test });
  }
}
