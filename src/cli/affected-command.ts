import { dirname, resolve } from 'node:path';
import type { AffectedResult } from '../affected/types.js';
import type { BuilderConfig } from '../config/types.js';
import { AbeError } from '../core/abe-error.js';
import type { CliContext } from './cli-context.js';

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
  const [{ findConfigFile, loadConfig }, { findAffected }, { displayPath }] = await Promise.all([
    import('../config/load-config.js'),
    import('../affected/find-affected.js'),
    import('../core/display-path.js'),
  ]);
  const file = resolve(context.cwd, options.config ?? (await findConfigFile(context.cwd)));
  // Handing over the promise lets git walk the working tree while the config is read.
  const config = loadConfig(file, { cwd: context.cwd }).then((loaded) => {
    if (options.strict) checkStrict(loaded, displayPath(loaded.file, context.cwd));
    return loaded;
  });
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

function checkStrict(config: BuilderConfig, file: string): void {
  const unknown = config.unknownKeys ?? [];
  if (unknown.length === 0) return;
  const lines = unknown.map(
    (key) =>
      `  ${file}:${key.line}: unknown key "${key.key}" in [${key.section}].${key.suggestion === undefined ? '' : ` Did you mean "${key.suggestion}"?`}`,
  );
  throw new AbeError(
    'config.invalid',
    `${unknown.length === 1 ? 'an unknown key' : `${unknown.length} unknown keys`} in ${file} (--strict):\n${lines.join('\n')}`,
    {
      hint: 'Fix or remove them. Component keys: path, downstream, upstream, release-process, contracts, consumes; [abe] keys: base, global-files, registry.',
    },
  );
}
