import type { Contract } from '../contract/types.js';
import { assertMatchesExample } from './assert-matches-example.js';
import { ExampleAssertionError } from './example-assertion-error.js';
import { expectMatchesExample } from './expect-matches-example.js';
import { isResponseLike } from './read-response.js';
import type { MatchExampleOptions, Target } from './types.js';

/** What vitest and jest pass to a matcher as `this`; only `isNot` is used. */
export interface MatcherContext {
  readonly isNot: boolean;
}

export interface MatcherResult {
  pass: boolean;
  message: () => string;
}

/**
 * The `toMatchExample` matcher, one implementation for vitest and jest: register it with
 * `expect.extend({ toMatchExample })`. `received` is a response (asserted) or a target (the
 * example's request is sent to it). Bad input (an unknown label, a contract that cannot be
 * read) throws rather than failing, so it is not inverted by `.not`.
 *
 * @example
 * expect.extend({ toMatchExample });
 * await expect(app).toMatchExample('users/get.json', 'OK');
 */
export async function toMatchExample(
  this: MatcherContext,
  received: unknown,
  contract: string | Contract,
  label: string,
  options: MatchExampleOptions = {},
): Promise<MatcherResult> {
  const name = typeof contract === 'string' ? contract : contract.source;
  try {
    if (isResponseLike(received)) await assertMatchesExample(received, contract, label, options);
    else await expectMatchesExample(received as Target, contract, label, options);
  } catch (error) {
    if (error instanceof ExampleAssertionError)
      return { pass: false, message: () => error.message };
    throw error;
  }
  return {
    pass: true,
    message: () => `expected the response not to match example "${label}" of ${name}, but it does.`,
  };
}
