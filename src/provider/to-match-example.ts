import { runnerTestName } from '../ledger/runner-test-name.js';
import { checkResponse } from './assert-matches-example.js';
import { ExampleAssertionError } from './example-assertion-error.js';
import { sendExample } from './expect-matches-example.js';
import { isResponseLike } from './read-response.js';
import type { ContractInput, ExampleLabel, MatchExampleOptions, Target } from './types.js';
import { settled, trackMatcher } from './unawaited-matchers.js';

/** What vitest and jest pass to a matcher as `this`. */
export interface MatcherContext {
  readonly isNot: boolean;
  /** vitest: the running test. */
  readonly task?: unknown;
  /** jest (and vitest): the running test's full name. */
  readonly currentTestName?: string;
}

export interface MatcherResult {
  pass: boolean;
  message: () => string;
}

/**
 * The `toMatchExample` matcher, one implementation for vitest and jest: register it with
 * `expect.extend({ toMatchExample })`. `received` is a response (asserted) or a target (the
 * example's request is sent to it). Bad input (an unknown label, a contract that cannot be
 * read) throws rather than failing, so it is not inverted by `.not`. A call still pending
 * when its test ends was not awaited: the `afterEach` hook of `abe-ts/vitest` and
 * `abe-ts/jest` fails the test for it.
 *
 * @example
 * expect.extend({ toMatchExample });
 * await expect(app).toMatchExample('users/get.json', 'OK');
 */
export function toMatchExample(
  this: MatcherContext,
  received: unknown,
  contract: ContractInput,
  label: ExampleLabel,
  options: MatchExampleOptions = {},
): Promise<MatcherResult> {
  const { isNot } = this;
  const record = trackMatcher(
    this.task ?? this.currentTestName,
    callText(isNot, contract, label),
    toMatchExample,
  );
  // Once reported as not awaited, the verdict has no test left to fail: a neutral result keeps
  // it from surfacing in another test as an unhandled rejection.
  const neutral = (): MatcherResult => ({ pass: !isNot, message: () => '' });
  const test = this.currentTestName || runnerTestName();
  return matchExample(received, contract, label, options, test).then(
    (result) => {
      settled(record);
      return record.reported ? neutral() : result;
    },
    (error: unknown) => {
      settled(record);
      if (record.reported) return neutral();
      throw error;
    },
  );
}

async function matchExample(
  received: unknown,
  contract: ContractInput,
  label: ExampleLabel,
  options: MatchExampleOptions,
  test: string | undefined,
): Promise<MatcherResult> {
  // One ledger line per call, as `toMatchExample` (`.not` included: the line says whether
  // the example held, which is what a provider verification proves).
  try {
    if (isResponseLike(received)) {
      await checkResponse(received, contract, label, options, 'toMatchExample', test);
    } else {
      await sendExample(received as Target, contract, label, options, 'toMatchExample', test);
    }
  } catch (error) {
    if (error instanceof ExampleAssertionError)
      return { pass: false, message: () => error.message };
    throw error;
  }
  return {
    pass: true,
    message: () =>
      `expected the response not to match example "${String(label)}" of ${contractName(contract)}, but it does.`,
  };
}

/** `expect(…).not.toMatchExample("users.json", "OK")`: the call as the test wrote it. */
function callText(isNot: boolean, contract: ContractInput, label: ExampleLabel): string {
  return `expect(…).${isNot ? 'not.' : ''}toMatchExample(${JSON.stringify(contractName(contract))}, ${JSON.stringify(label)})`;
}

function contractName(contract: ContractInput): string {
  if (typeof contract === 'string') return contract;
  const source = (contract as { source?: unknown }).source;
  return typeof source === 'string' ? source : '<contract>';
}
