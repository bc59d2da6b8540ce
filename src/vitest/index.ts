import { afterEach, expect } from 'vitest';
import { toMatchExample } from '../provider/to-match-example.js';
import type { ContractInput, ExampleLabel, MatchExampleOptions } from '../provider/types.js';
import { failUnawaitedMatchers } from '../provider/unawaited-matchers.js';

// Importing this entry (in a test file or a `setupFiles` module) registers the matcher, and a
// hook that fails a test which ended with a toMatchExample call still pending: its `await` is
// missing, and without the hook the test would pass whatever the example says.
expect.extend({ toMatchExample });
afterEach((context) => {
  failUnawaitedMatchers(context.task);
});

declare module 'vitest' {
  // biome-ignore lint/suspicious/noExplicitAny: the type parameter must repeat vitest's own declaration to merge with it.
  interface Matchers<T = any> {
    /**
     * On a target (an app, a handler, a base URL): sends the example's request and asserts the
     * response. On a response: asserts it. Always `await` it: a call still pending when the
     * test ends fails the test.
     *
     * @example
     * await expect(app).toMatchExample('users/get.json', 'OK');
     */
    toMatchExample(
      contract: ContractInput,
      label: ExampleLabel,
      options?: MatchExampleOptions,
    ): Promise<void>;
  }
}

export type { MatcherContext, MatcherResult } from '../provider/to-match-example.js';
export { toMatchExample };
