import { resolve } from 'node:path';
import { AbeError } from '../core/abe-error.js';

export interface ProviderConfig {
  /** Directory relative contract paths are resolved against; `undefined` resets to the working directory. */
  readonly root?: string | undefined;
  /**
   * Milliseconds to wait for each response before its example fails; `undefined` resets to
   * the default, 10 000. `Infinity` waits for ever.
   */
  readonly timeout?: number | undefined;
}

/**
 * How long a request may take by default. Long enough for an app's first request (lazy
 * routes, a cold connection pool) or a deployed service over a slow network; short enough
 * that a listener which never answers fails its example rather than the whole run.
 */
export const DEFAULT_TIMEOUT = 10_000;

let configuredRoot: string | undefined;
let configuredTimeout: number | undefined;

/**
 * Sets, once for the process (a test setup file), the directory relative contract paths are
 * resolved against, like abe-python's `samples_root`, and the time each request may take. A
 * relative root is taken from the working directory at the time of the call. Only the keys
 * given change; `opts.root` and `opts.timeout` on a single call still win.
 *
 * @example
 * configure({ root: new URL('../contracts', import.meta.url).pathname, timeout: 5_000 });
 * await expectMatchesExample(app, 'users/get.json', 'OK');
 */
export function configure(config: ProviderConfig): void {
  if ('root' in config) {
    configuredRoot = config.root === undefined ? undefined : resolve(config.root);
  }
  if ('timeout' in config) {
    configuredTimeout =
      config.timeout === undefined ? undefined : checkTimeout(config.timeout, 'configure');
  }
}

/** The directory a relative contract path is resolved against for a call given `root`. */
export function contractRoot(root: string | undefined): string {
  return resolve(root ?? configuredRoot ?? process.cwd());
}

/** The milliseconds a request may take for a call given `timeout`. */
export function requestTimeout(timeout: number | undefined): number {
  if (timeout !== undefined) return checkTimeout(timeout, 'timeout');
  return configuredTimeout ?? DEFAULT_TIMEOUT;
}

function checkTimeout(timeout: unknown, where: string): number {
  if (typeof timeout === 'number' && timeout > 0) return timeout;
  throw new AbeError(
    'usage',
    `${where}: the timeout ${typeof timeout === 'string' ? JSON.stringify(timeout) : String(timeout)} is not a number of milliseconds above 0.`,
    { hint: 'Give milliseconds, e.g. { timeout: 5_000 }; Infinity waits for ever.' },
  );
}
