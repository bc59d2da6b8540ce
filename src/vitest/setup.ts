import { afterEach } from 'vitest';
import { abeMocks } from '../msw/abe-mocks.js';
import './index.js';

// `test.setupFiles: ['abe-ts/vitest/setup']` turns on, for every test of the project, what a
// test file would otherwise have to remember: the toMatchExample matcher and its check for a
// forgotten await (./index.js), and the consumer check below. A test file that leaves out
// `afterEach(() => abeMocks.assertNoViolations())` would pass even after sending a request no
// example allows, whenever the consumer swallows the network error the mock answered with.
//
// abe-mocks.js is the record alone: it loads no msw (its msw imports are types), so a
// provider-only project without msw installed can use this file too; with no mockFromAbe
// handler, the record stays empty and the hook does nothing.
afterEach(() => {
  // Assert first, so a violation is reported before the record is cleared; reset whatever
  // happens, so the examples this test used (and any violation) are not the next test's.
  try {
    abeMocks.assertNoViolations();
  } finally {
    abeMocks.reset();
  }
});
