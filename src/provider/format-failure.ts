import { formatMismatches } from '../match/format-mismatches.js';
import type { ExampleFailure } from './types.js';

/**
 * One failed example as text: `users/get.json#OK  GET /users/1?verbose=0`, then the
 * mismatches as a diff (or the error that stopped the example), indented.
 */
export function formatFailure(failure: ExampleFailure): string {
  // An error after the comparison (a state teardown that failed) comes with its mismatches.
  const detail =
    failure.error === undefined
      ? formatMismatches(failure.mismatches, { color: false })
      : failure.mismatches.length === 0
        ? failure.error
        : `${formatMismatches(failure.mismatches, { color: false }).trimEnd()}\n${failure.error}`;
  return `${failure.file}#${failure.label}  ${failure.request}\n${indent(detail)}`;
}

/** The message of the error thrown for one example. */
export function singleFailureMessage(failure: ExampleFailure, sent: boolean): string {
  const what = sent
    ? `the response to ${failure.request}`
    : `the response (example request: ${failure.request})`;
  return `example "${failure.label}" of ${failure.file}: ${what} does not match the example.\n${indent(
    formatMismatches(failure.mismatches, { color: false }),
  )}`;
}

/** The message of the one error `verifyProvider` throws, listing every failure. */
export function verifyFailureMessage(failures: readonly ExampleFailure[], total: number): string {
  const count = `${failures.length} of ${total} example${total === 1 ? '' : 's'}`;
  return `verifyProvider: ${count} did not match:\n\n${failures.map(formatFailure).join('\n\n')}`;
}

function indent(text: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => (line === '' ? line : `  ${line}`))
    .join('\n');
}
