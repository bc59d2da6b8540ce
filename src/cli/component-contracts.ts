import { posix, relative, resolve } from 'node:path';
import type { BuilderConfig } from '../config/types.js';
import { AbeError } from '../core/abe-error.js';
import { didYouMean } from '../core/did-you-mean.js';
import type { CliContext } from './cli-context.js';
import { warnUnknownKeys } from './warn-unknown-keys.js';

/** The flags every command that reads builder.ini takes. */
export interface ConfigFlags {
  /** builder.ini to read; default: found upward from the working directory. */
  readonly config?: string;
  /** Unknown keys are errors instead of warnings. */
  readonly strict?: boolean;
}

/**
 * Finds and loads builder.ini as the command line asks (`--config`, `--strict`), warning about
 * unknown keys on stderr.
 *
 * @example
 * const config = await loadCliConfig({ strict: true }, context);
 */
export async function loadCliConfig(
  flags: ConfigFlags,
  context: CliContext,
): Promise<BuilderConfig> {
  const { findConfigFile, loadConfig } = await import('../config/load-config.js');
  const file =
    flags.config === undefined
      ? await findConfigFile(context.cwd)
      : resolve(context.cwd, flags.config);
  const config = await loadConfig(file, { cwd: context.cwd, strict: flags.strict === true });
  warnUnknownKeys(config, context);
  return config;
}

/**
 * The contract globs builder.ini declares for each named component (`--component NAME`),
 * relative to the working directory. An unknown name, or a component that declares no
 * contracts, is an error: a command asked to serve or verify it would otherwise do nothing.
 *
 * @example
 * await componentContracts(['api'], {}, context) // ['api/contracts/**\/*.json']
 */
export async function componentContracts(
  names: readonly string[],
  flags: ConfigFlags,
  context: CliContext,
): Promise<string[]> {
  if (names.length === 0) return [];
  const config = await loadCliConfig(flags, context);
  const known = config.components.map((component) => component.name);
  return names.flatMap((name) => {
    const component = config.components.find((candidate) => candidate.name === name);
    if (component === undefined) {
      throw new AbeError(
        'config.unknown-component',
        `--component ${name}: ${config.file} has no component "${name}".${didYouMean(name, known)}`,
        { hint: `Components: ${known.join(', ')}.` },
      );
    }
    if (component.contracts.length === 0) {
      throw new AbeError(
        'config.invalid',
        `--component ${name}: the component declares no contracts in ${config.file}.`,
        { hint: 'Add contracts=<glob> to its section (relative to its path), or name the files.' },
      );
    }
    const dir = relative(context.cwd, resolve(config.root, component.path)).replaceAll('\\', '/');
    return component.contracts.map((glob) => posix.join(dir === '' ? '.' : dir, glob));
  });
}
