import { AbeError } from '../core/abe-error.js';

/** One `toMatchExample` call whose promise has not settled yet. */
export interface PendingMatcher {
  /** The test it was called in: vitest's task, or jest's current test name. */
  readonly test: unknown;
  /** Made at the call, so its stack points at the line that forgot the `await`. */
  readonly error: AbeError;
  /** Set once reported: its result, when it comes, must not fail another test. */
  reported: boolean;
}

// A matcher's promise that outlives its test was not awaited: the test ended without its
// verdict. vitest and jest run a file's tests one at a time in one module instance (vitest's
// concurrent tests are told apart by `test`).
const pending = new Set<PendingMatcher>();

/**
 * Records a matcher call until `settled`; `call` names it as the test wrote it, and the
 * error's stack starts below `matcher`, at the test's line.
 */
export function trackMatcher(
  test: unknown,
  call: string,
  matcher: (...args: never[]) => unknown,
): PendingMatcher {
  const record: PendingMatcher = {
    test,
    error: new AbeError('usage', `${call} was not awaited, so it could not fail the test.`, {
      hint: `The matcher is async: write \`await ${call}\`. Whether the example holds was not checked before the test ended.`,
    }),
    reported: false,
  };
  Error.captureStackTrace(record.error, matcher);
  pending.add(record);
  return record;
}

/** Forgets a matcher call whose promise settled. */
export function settled(record: PendingMatcher): void {
  pending.delete(record);
}

/**
 * Throws for the first matcher call of `test` (of any test, when `test` is `undefined`)
 * still pending when the test has ended: its `await` is missing. Called by the `afterEach`
 * hook the vitest and jest entries register.
 */
export function failUnawaitedMatchers(test: unknown): void {
  const unawaited = [...pending].filter(
    (record) => !record.reported && (test === undefined || record.test === test),
  );
  const first = unawaited[0];
  if (first === undefined) return;
  for (const record of unawaited) {
    record.reported = true;
    pending.delete(record);
  }
  // One error is enough to fail the test; each call's stack points at its own line.
  throw first.error;
}
