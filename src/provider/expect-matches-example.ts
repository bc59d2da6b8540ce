import type { Contract } from '../contract/types.js';
import { assertResponse } from './assert-response.js';
import { buildRequest, requestLine } from './build-request.js';
import { findExample } from './find-example.js';
import { openTarget } from './open-target.js';
import { resolveContract } from './resolve-contract.js';
import type { MatchExampleOptions, ProviderResponse, Target } from './types.js';

/**
 * Sends the request of one example to `target` and asserts that the response matches it.
 * Returns the response (`{ status, headers, body }`, header names lower case) for further
 * checks; throws an `AssertionError` naming the file, the label, the request and every
 * mismatch when it does not match.
 *
 * @example
 * test('GET /users/1 answers as the contract says', async () => {
 *   await expectMatchesExample(app, 'contracts/users/get.json', 'OK');
 * });
 */
export async function expectMatchesExample(
  target: Target,
  contract: string | Contract,
  label: string,
  options: MatchExampleOptions = {},
): Promise<ProviderResponse> {
  const open = await openTarget(target, false);
  try {
    const loaded = await resolveContract(contract, options.root);
    const example = findExample(loaded, label);
    const built = buildRequest(loaded, example);
    const response = await open.send(built);
    return assertResponse(loaded, example, requestLine(built), response, options.nonStrict, true);
  } finally {
    await open.close();
  }
}
