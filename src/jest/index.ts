import type {} from 'expect';
import { toMatchExample } from '../provider/to-match-example.js';
import type { ContractInput, ExampleLabel, MatchExampleOptions } from '../provider/types.js';
import { failUnawaitedMatchers } from '../provider/unawaited-matchers.js';

interface JestGlobals {
  expect?: {
    extend?: (matchers: Record<string, typeof toMatchExample>) => void;
    getState?: () => { currentTestName?: string };
  };
  afterEach?: (hook: () => void) => void;
}

// Jest puts `expect` and `afterEach` on the test's global object, also for ESM test files.
// With `injectGlobals: false` there are none: register both by hand then (docs/provider.md).
const globals = globalThis as JestGlobals;
const globalExpect = globals.expect;
if (typeof globalExpect?.extend === 'function') {
  globalExpect.extend({ toMatchExample });
  // A test that ends with a toMatchExample call still pending forgot its `await`; without
  // this hook it would pass whatever the example says.
  globals.afterEach?.(() => {
    failUnawaitedMatchers(globalExpect.getState?.().currentTestName);
  });
}

/**
 * Fails the test that just ended if a `toMatchExample` call in it is still pending (its
 * `await` is missing). `abe-ts/jest` registers it on jest's global `afterEach`; with
 * `injectGlobals: false`, register it yourself.
 *
 * @example
 * import { afterEach, expect } from '@jest/globals';
 * import { assertMatchersAwaited, toMatchExample } from 'abe-ts/jest';
 * expect.extend({ toMatchExample });
 * afterEach(assertMatchersAwaited);
 */
export function assertMatchersAwaited(): void {
  // No parameter: jest hands a hook that declares one a `done` callback and waits for it.
  failUnawaitedMatchers(undefined);
}

declare global {
  namespace jest {
    // biome-ignore lint/complexity/noBannedTypes: the type parameters must repeat @types/jest's declaration to merge with it.
    interface Matchers<R, T = {}> {
      /**
       * On a target (an app, a handler, a base URL): sends the example's request and asserts
       * the response. On a response: asserts it. Always `await` it: a call still pending
       * when the test ends fails the test.
       */
      toMatchExample(
        contract: ContractInput,
        label: ExampleLabel,
        options?: MatchExampleOptions,
      ): Promise<R>;
    }
  }
}

declare module 'expect' {
  interface Matchers<R extends void | Promise<void>, T = unknown> {
    /**
     * On a target (an app, a handler, a base URL): sends the example's request and asserts
     * the response. On a response: asserts it. Always `await` it: a call still pending when
     * the test ends fails the test.
     */
    toMatchExample(
      contract: ContractInput,
      label: ExampleLabel,
      options?: MatchExampleOptions,
    ): Promise<R>;
  }
}

export type { MatcherContext, MatcherResult } from '../provider/to-match-example.js';
export { toMatchExample };
