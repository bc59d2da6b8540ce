import { AbeError } from '../core/abe-error.js';

/**
 * The error a deploy stopped by its abort signal (Ctrl-C, SIGTERM) ends with: nothing is rolled
 * back or recorded then, since the operator is in charge.
 *
 * @example
 * if (signal.aborted) throw interrupted('the smoke test against https://ployst.example.com');
 */
export function interrupted(what: string): AbeError {
  // `deploy.kubectl` is the code kubectl calls stopped this way have always had.
  return new AbeError('deploy.kubectl', `stopped: ${what} was interrupted.`);
}
