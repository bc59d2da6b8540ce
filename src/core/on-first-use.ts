/**
 * Node modules that `abe build|test` does not need before its first make, loaded when first
 * used. A top-level import loads a module as `abe` starts: fs/promises alone takes 2–3 ms (it
 * brings streams, readline and file watchers with it), os and timers/promises most of another
 * millisecond, all paid before any component starts. Once loaded, Node hands back the same
 * module.
 *
 * @example
 * const text = await fsPromises().readFile(file, 'utf8');
 */
export const fsPromises = (): typeof import('node:fs/promises') =>
  process.getBuiltinModule('node:fs/promises');

/** How many processes can run at once: `os.availableParallelism()`. */
export const cpuCount = (): number => process.getBuiltinModule('node:os').availableParallelism();

/** Resolves after `ms` milliseconds (`timers/promises`' `setTimeout`). */
export const sleep = (ms: number): Promise<void> =>
  process.getBuiltinModule('node:timers/promises').setTimeout(ms);
