import { afterEach, beforeEach } from 'vitest';
import { runnerTestName } from '../ledger/runner-test-name.js';
import { beginTestScope, finishTest } from '../msw/abe-mocks.js';
import './index.js';

// `test.setupFiles: ['abe-ts/vitest/setup']` turns on, for every test of the project, what a
// test file would otherwise have to remember: the toMatchExample matcher and its check for a
// forgotten await (./index.js), the consumer check below, and the end of each test's pins. A test file that leaves out
// `afterEach(() => abeMocks.assertNoViolations())` would pass even after sending a request no
// example allows, whenever the consumer swallows the network error the mock answered with.
//
// abe-mocks.js is the record alone: it loads no msw (its msw imports are types), so a
// provider-only project without msw installed can use this file too; with no mockFromAbe
// handler, the record stays empty and the hook does nothing.
// A test's pins (mockFromAbe handlers made in it or in its beforeEach, added with server.use)
// stop answering when it ends, as if the server's handlers were reset. Registered before the
// test file's hooks, this runs before its beforeEach.
// The scope carries the test's full name, which ledger lines of its mocked requests record.
beforeEach((context) => {
  const { fullTestName } = context.task as { fullTestName?: string };
  beginTestScope(fullTestName ?? runnerTestName());
});

afterEach(() => finishTest());
