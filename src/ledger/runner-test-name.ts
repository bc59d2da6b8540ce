/** The matcher state vitest and jest both keep on the global object, under this symbol. */
const MATCHERS_STATE = Symbol.for('$$jest-matchers-object');

interface MatchersObject {
  readonly state?: { readonly currentTestName?: unknown };
}

/**
 * The full name of the test running now, as vitest and jest keep it for `expect.getState()`
 * (`"users API > GET /users/1 answers"` under vitest, `"users API GET /users/1 answers"` under
 * jest), read from the global object so the provider needs neither runner; `undefined`
 * outside a test runner. Both set it when a test starts and leave it until the next one, so a
 * call from an `afterAll` hook carries the name of the file's last test.
 *
 * @example
 * runnerTestName() // 'users API > GET /users/1 answers' inside a vitest test
 */
export function runnerTestName(): string | undefined {
  const matchers = (globalThis as Record<symbol, unknown>)[MATCHERS_STATE] as
    | MatchersObject
    | undefined;
  const name = matchers?.state?.currentTestName;
  return typeof name === 'string' && name !== '' ? name : undefined;
}
