import type { BuilderConfig } from '../config/types.js';
import { AbeError } from '../core/abe-error.js';
import { didYouMean } from '../core/did-you-mean.js';

/**
 * Checks a run request before anything starts: `-j` must be a whole number of at least 1, and
 * every name must be a component of the config (the error suggests the nearest one).
 *
 * @example
 * validateRunRequest(config, ['api', 'ui'], 4); // throws AbeError 'usage' or 'config.unknown-component'
 */
export function validateRunRequest(
  config: BuilderConfig,
  components: readonly string[],
  concurrency: number,
): void {
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new AbeError('usage', `-j must be a whole number of at least 1, not "${concurrency}".`);
  }
  const names = new Set(config.components.map((component) => component.name));
  for (const name of new Set(components)) {
    if (!names.has(name)) {
      throw new AbeError(
        'config.unknown-component',
        `"${name}" is not a component of ${config.file}.${didYouMean(name, names.keys())}`,
        { hint: `Components: ${[...names].join(', ')}.` },
      );
    }
  }
}
