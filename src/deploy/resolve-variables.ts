import { AbeError } from '../core/abe-error.js';
import { didYouMean } from '../core/did-you-mean.js';
import type { DeployConfig, VariableValue } from './deploy-config.js';

/**
 * The config's variables with `--var NAME=VALUE` overrides applied. Only declared variables may
 * be set, and a value takes the declared type (so `--var REPLICAS=5` stays a number).
 *
 * @example
 * resolveVariables(config, new Map([['REPLICAS', '5']])).get('REPLICAS') // 5
 */
export function resolveVariables(
  config: DeployConfig,
  overrides: ReadonlyMap<string, string> | undefined,
): Map<string, VariableValue> {
  const variables = new Map(config.variables);
  for (const [name, text] of overrides ?? []) {
    const declared = config.variables.get(name);
    if (declared === undefined) {
      throw new AbeError(
        'deploy.config',
        `--var ${name}=… sets "${name}", which is not declared under "variables" in ${config.shownFile}.${didYouMean(name, config.variables.keys()) || ' Declare it there first.'}`,
      );
    }
    // A value keeps the declared type, so `--var REPLICAS=5` stays a number.
    if (typeof declared === 'number') {
      const value = Number(text);
      if (text.trim() === '' || !Number.isFinite(value)) {
        throw new AbeError(
          'deploy.config',
          `--var ${name}=${text}: "${name}" is declared as a number, and "${text}" is not one.`,
        );
      }
      variables.set(name, value);
    } else if (typeof declared === 'boolean') {
      if (text !== 'true' && text !== 'false') {
        throw new AbeError(
          'deploy.config',
          `--var ${name}=${text}: "${name}" is declared as true/false, and "${text}" is neither.`,
        );
      }
      variables.set(name, text === 'true');
    } else {
      variables.set(name, text);
    }
  }
  return variables;
}
