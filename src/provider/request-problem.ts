import type { Contract, Example } from '../contract/types.js';
import { AbeError } from '../core/abe-error.js';
import { AppThrewError } from './app-threw-error.js';
import { TimedOutError } from './settle-within.js';

const TIMEOUT_ADVICE =
  'A node listener must end every response and a handler must settle its promise; if the app is only slow, raise the timeout: { timeout } on the call, or configure({ timeout }).';

/**
 * Why a request got no response to compare, in words, when the target is to blame: it did not
 * answer in time, or it threw. `undefined` for any other error.
 */
export function requestProblem(error: unknown): string | undefined {
  if (error instanceof TimedOutError) return `${error.message} (the timeout). ${TIMEOUT_ADVICE}`;
  if (error instanceof AppThrewError) return error.message;
  return undefined;
}

/**
 * The error `expectMatchesExample` throws when its request got no response: an `AbeError`
 * naming the contract, the label and the request for a timeout or an app that threw (the
 * thrown value is its `cause`); any other error as it is.
 */
export function exampleRequestError(
  contract: Contract,
  example: Example,
  request: string,
  error: unknown,
): unknown {
  const problem = requestProblem(error);
  if (problem === undefined) return error;
  return new AbeError(
    'provider.target',
    `example "${example.label}" of ${contract.source}: ${request}: ${problem}`,
    { cause: error instanceof AppThrewError ? error.cause : error },
  );
}
