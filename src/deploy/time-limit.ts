import { AbeError } from '../core/abe-error.js';
import { parseDuration } from './parse-duration.js';

/** A time limit as the deploy uses it: milliseconds, and how messages name it. */
export interface TimeLimit {
  readonly ms: number;
  /** The duration as written, e.g. `2m`. */
  readonly text: string;
  /** Where it was set, e.g. `kubectl_timeout` or `--kubectl-timeout`. */
  readonly setting: string;
}

/**
 * The limit given by a flag (or a `deploy()` option), else by the config. The config's values
 * were checked when it was loaded; an override is checked here (`deploy.config`, exit 2).
 *
 * @example
 * timeLimit(undefined, '--kubectl-timeout', config.kubectlTimeout, 'kubectl_timeout')
 * // { ms: 120000, text: '2m', setting: 'kubectl_timeout' }
 */
export function timeLimit(
  override: string | undefined,
  flag: string,
  configured: string,
  key: string,
): TimeLimit {
  const text = override ?? configured;
  const setting = override === undefined ? key : flag;
  const ms = parseDuration(text);
  if (ms === undefined || ms <= 0) {
    throw new AbeError(
      'deploy.config',
      `${setting} "${text}" is not a duration above zero; write it with units, such as "5m", "90s" or "1h30m".`,
    );
  }
  return { ms, text, setting };
}

/**
 * Milliseconds as a Go duration, largest units first: `1m30s`, `500ms`.
 *
 * @example
 * formatDuration(90_500) // '1m30s500ms'
 */
export function formatDuration(ms: number): string {
  const units: [string, number][] = [
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ];
  let rest = Math.round(ms);
  let text = '';
  for (const [unit, size] of units) {
    if (rest >= size) {
      text += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  return rest > 0 || text === '' ? `${text}${rest}ms` : text;
}
