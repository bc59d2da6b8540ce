import { fileURLToPath } from 'node:url';
import { ExampleAssertionError } from '../../src/provider/index.js';

/** The provider contract fixtures. */
export const ROOT = fileURLToPath(new URL('../../fixtures/provider/', import.meta.url));
export const USERS = 'users/get-user.json';

/** The assertion error a check threw; fails the test when it threw nothing or something else. */
export async function assertionError(check: Promise<unknown>): Promise<ExampleAssertionError> {
  const error = await check.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof ExampleAssertionError)) {
    throw new Error(`expected an ExampleAssertionError, got ${String(error)}`);
  }
  return error;
}

/** `[path, kind]` of every mismatch of the single failure an error carries. */
export function mismatchKinds(error: ExampleAssertionError): [string, string][] {
  return (error.failures[0]?.mismatches ?? []).map((mismatch) => [mismatch.path, mismatch.kind]);
}
