import type { Contract } from '../contract/types.js';
import { recordInLedger } from '../ledger/record-in-ledger.js';
import { runnerTestName } from '../ledger/runner-test-name.js';
import { assertResponse } from './assert-response.js';
import { buildRequest, requestLine } from './build-request.js';
import { findExample } from './find-example.js';
import { readResponse } from './read-response.js';
import { resolveContract } from './resolve-contract.js';
import type {
  ContractInput,
  ExampleLabel,
  MatchExampleOptions,
  ProviderResponse,
} from './types.js';

/**
 * Asserts that a response the test already has matches an example: a supertest response, a
 * fetch `Response` (its body is read), a Fastify `inject` response, or `{ status, headers,
 * body }`. Returns the response as the checks saw it; throws an `AssertionError` otherwise.
 * `timeout` and `signal` do not apply: nothing is sent.
 *
 * @example
 * const response = await request(app).get('/users/1').query({ verbose: '0' });
 * await assertMatchesExample(response, 'contracts/users/get.json', 'OK');
 */
export function assertMatchesExample(
  response: unknown,
  contract: ContractInput,
  label: ExampleLabel,
  options: MatchExampleOptions = {},
): Promise<ProviderResponse> {
  return checkResponse(
    response,
    contract,
    label,
    options,
    'assertMatchesExample',
    runnerTestName(),
  );
}

/**
 * Internal: `assertMatchesExample`, recorded in the ledger as `tool` (the matcher records as
 * `toMatchExample`), for the test named `test`.
 */
export async function checkResponse(
  response: unknown,
  contract: ContractInput,
  label: ExampleLabel,
  options: MatchExampleOptions,
  tool: 'assertMatchesExample' | 'toMatchExample',
  test: string | undefined,
): Promise<ProviderResponse> {
  const actual = await readResponse(response);
  const loaded = await resolveContract(contract, options.root);
  const example = findExample(loaded, label);
  let outcome: 'passed' | 'failed' = 'failed';
  try {
    const checked = assertResponse(
      loaded,
      example,
      exampleRequestLine(loaded, example),
      actual,
      options.nonStrict,
      false,
    );
    outcome = 'passed';
    return checked;
  } finally {
    recordInLedger({ side: 'provider', tool, contract: loaded, example, outcome, test });
  }
}

function exampleRequestLine(contract: Contract, example: ReturnType<typeof findExample>): string {
  try {
    return requestLine(buildRequest(contract, example));
  } catch {
    // The response is already there: an example whose request cannot be sent still names it.
    return `${example.request.method} ${example.request.url}`;
  }
}
