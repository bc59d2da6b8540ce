import { AbeError } from '../core/abe-error.js';
import { runnerTestName } from '../ledger/runner-test-name.js';
import { beginTestScope, finishTest } from '../msw/abe-mocks.js';
import './index.js';

// `setupFilesAfterEnv: ['abe-ts/jest/setup']` turns on, for every test of the project, what a
// test file would otherwise have to remember: the toMatchExample matcher and its check for a
// forgotten await (./index.js), the consumer check below, and the end of each test's pins. A test file that leaves out
// `afterEach(() => abeMocks.assertNoViolations())` would pass even after sending a request no
// example allows, whenever the consumer swallows the network error the mock answered with.
//
// abe-mocks.js is the record alone: it loads no msw (its msw imports are types), so a
// provider-only project without msw installed can use this file too; with no mockFromAbe
// handler, the record stays empty and the hook does nothing.

interface JestGlobals {
  beforeEach?: (hook: () => void) => void;
  afterEach?: (hook: () => void) => void;
}

const { beforeEach, afterEach } = globalThis as JestGlobals;
if (typeof beforeEach !== 'function' || typeof afterEach !== 'function') {
  // Registering nothing would leave the project believing the checks are on.
  throw new AbeError(
    'usage',
    "abe-ts/jest/setup registers its hooks on jest's global afterEach and expect, and this test has none (is `injectGlobals: false` set?).",
    {
      hint: "Register them yourself instead: import { afterEach, expect } from '@jest/globals'; import { assertMatchersAwaited, toMatchExample } from 'abe-ts/jest'; import { abeMocks } from 'abe-ts/msw'; expect.extend({ toMatchExample }); afterEach(assertMatchersAwaited); afterEach(() => abeMocks.assertNoViolations());",
    },
  );
}

// A test's pins (mockFromAbe handlers made in it or in its beforeEach, added with server.use)
// stop answering when it ends, as if the server's handlers were reset. Registered before the
// test file's hooks, this runs before its beforeEach.
// The scope carries the test's full name (jest sets it before the hooks run), which ledger
// lines of its mocked requests record.
beforeEach(() => beginTestScope(runnerTestName()));

// No parameter: jest hands a hook that declares one a `done` callback and waits for it.
afterEach(() => finishTest());
