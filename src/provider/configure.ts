import { resolve } from 'node:path';

export interface ProviderConfig {
  /** Directory relative contract paths are resolved against; `undefined` resets to the working directory. */
  readonly root?: string | undefined;
}

let configuredRoot: string | undefined;

/**
 * Sets, once for the process (a test setup file), the directory relative contract paths are
 * resolved against, like abe-python's `samples_root`. A relative root is taken from the
 * working directory at the time of the call. `opts.root` on a single call still wins.
 *
 * @example
 * configure({ root: new URL('../contracts', import.meta.url).pathname });
 * await expectMatchesExample(app, 'users/get.json', 'OK');
 */
export function configure(config: ProviderConfig): void {
  configuredRoot = config.root === undefined ? undefined : resolve(config.root);
}

/** The directory a relative contract path is resolved against for a call given `root`. */
export function contractRoot(root: string | undefined): string {
  return resolve(root ?? configuredRoot ?? process.cwd());
}
