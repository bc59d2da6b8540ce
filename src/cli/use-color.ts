import type { OutputStream } from '../core/output-stream.js';

/**
 * Whether text written to `stream` gets colours: `FORCE_COLOR` set to anything but `0` or
 * `false` turns them on even off a terminal (and `FORCE_COLOR=0` off), as in Node.js itself;
 * otherwise a non-empty `NO_COLOR` turns them off (the no-color.org convention: an empty value
 * does not count); otherwise a terminal gets them.
 *
 * @example
 * useColor(process.stdout, process.env); // true on a terminal without NO_COLOR
 */
export function useColor(
  stream: OutputStream,
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true;
}
