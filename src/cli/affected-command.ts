import { dirname, resolve } from 'node:path';
import type { AffectedResult } from '../affected/types.js';
import type { CliContext } from './cli-context.js';
import { warnUnknownKeys } from './warn-unknown-keys.js';

export interface SelectionOptions {
  readonly base?: string;
  readonly all?: boolean;
  readonly committedOnly?: boolean;
  readonly excludeDownstream?: boolean;
  readonly config?: string;
  readonly strict?: boolean;
}

export interface AffectedOptions extends SelectionOptions {
  readonly json?: boolean;
  readonly matrix?: boolean;
}

/** `abe affected`: the affected components and why, as text, JSON or a GitHub Actions matrix. */
export async function runAffected(
  components: readonly string[],
  options: AffectedOptions,
  context: CliContext,
): Promise<void> {
  const [result, format] = await Promise.all([
    selectAffected(components, options, context),
    import('../affected/format-affected.js'),
  ]);
  context.stdout.write(
    options.json
      ? format.formatAffectedJson(result)
      : options.matrix
        ? format.formatAffectedMatrix(result)
        : format.formatAffectedHuman(result, { color: context.color }),
  );
}

/** `abe discover`: the affected component names, one per line, in build order. */
export async function runDiscover(
  components: readonly string[],
  options: SelectionOptions,
  context: CliContext,
): Promise<void> {
  const [result, format] = await Promise.all([
    selectAffected(components, options, context),
    import('../affected/format-affected.js'),
  ]);
  context.stdout.write(format.formatAffectedNames(result));
}

async function selectAffected(
  components: readonly string[],
  options: SelectionOptions,
  context: CliContext,
): Promise<AffectedResult> {
  const [{ findConfigFile, loadConfig }, { findAffected }] = await Promise.all([
    import('../config/load-config.js'),
    import('../affected/find-affected.js'),
  ]);
  const file = resolve(context.cwd, options.config ?? (await findConfigFile(context.cwd)));
  // Handing over the promise lets git walk the working tree while the config is read.
  const config = loadConfig(file, { cwd: context.cwd, strict: options.strict === true }).then(
    (loaded) => {
      warnUnknownKeys(loaded, context);
      return loaded;
    },
  );
  return findAffected(config, {
    cwd: dirname(file),
    env: context.env,
    ...(options.base === undefined ? {} : { base: options.base }),
    all: options.all === true,
    committedOnly: options.committedOnly === true,
    components,
    excludeDownstream: options.excludeDownstream === true,
  });
}
