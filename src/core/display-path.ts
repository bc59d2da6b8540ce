import { isAbsolute, relative } from 'node:path';

/**
 * A path as messages show it: relative to `cwd` when it lies inside it, else absolute, so
 * a file outside the working directory never reads as a chain of `../`.
 *
 * @example
 * displayPath('/repo/services/api/builder.ini', '/repo'); // 'services/api/builder.ini'
 * displayPath('/elsewhere/builder.ini', '/repo'); // '/elsewhere/builder.ini'
 */
export function displayPath(absolute: string, cwd: string): string {
  const fromCwd = relative(cwd, absolute);
  return fromCwd !== '' && !fromCwd.startsWith('..') && !isAbsolute(fromCwd) ? fromCwd : absolute;
}
