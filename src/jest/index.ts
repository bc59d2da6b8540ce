import type {} from 'expect';
import type { Contract } from '../contract/types.js';
import { toMatchExample } from '../provider/to-match-example.js';
import type { MatchExampleOptions } from '../provider/types.js';

interface Extendable {
  extend(matchers: Record<string, typeof toMatchExample>): void;
}

// Jest puts `expect` on the test's global object, also for ESM test files. With
// `injectGlobals: false` there is none: register `toMatchExample` by hand then.
const globalExpect = (globalThis as { expect?: Partial<Extendable> }).expect;
if (typeof globalExpect?.extend === 'function') globalExpect.extend({ toMatchExample });

declare global {
  namespace jest {
    // biome-ignore lint/complexity/noBannedTypes: the type parameters must repeat @types/jest's declaration to merge with it.
    interface Matchers<R, T = {}> {
      /**
       * On a target (an app, a handler, a base URL): sends the example's request and asserts
       * the response. On a response: asserts it. Always `await` it.
       */
      toMatchExample(
        contract: string | Contract,
        label: string,
        options?: MatchExampleOptions,
      ): Promise<R>;
    }
  }
}

declare module 'expect' {
  interface Matchers<R extends void | Promise<void>, T = unknown> {
    /**
     * On a target (an app, a handler, a base URL): sends the example's request and asserts
     * the response. On a response: asserts it. Always `await` it.
     */
    toMatchExample(
      contract: string | Contract,
      label: string,
      options?: MatchExampleOptions,
    ): Promise<R>;
  }
}

export type { MatcherContext, MatcherResult } from '../provider/to-match-example.js';
export { toMatchExample };
