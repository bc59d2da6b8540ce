import { expect } from 'vitest';
import type { Contract } from '../contract/types.js';
import { toMatchExample } from '../provider/to-match-example.js';
import type { MatchExampleOptions } from '../provider/types.js';

// Importing this entry (in a test file or a `setupFiles` module) registers the matcher.
expect.extend({ toMatchExample });

declare module 'vitest' {
  // biome-ignore lint/suspicious/noExplicitAny: the type parameter must repeat vitest's own declaration to merge with it.
  interface Matchers<T = any> {
    /**
     * On a target (an app, a handler, a base URL): sends the example's request and asserts the
     * response. On a response: asserts it. Always `await` it.
     *
     * @example
     * await expect(app).toMatchExample('users/get.json', 'OK');
     */
    toMatchExample(
      contract: string | Contract,
      label: string,
      options?: MatchExampleOptions,
    ): Promise<void>;
  }
}

export type { MatcherContext, MatcherResult } from '../provider/to-match-example.js';
export { toMatchExample };
