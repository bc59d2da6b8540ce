import { dirname, resolve } from 'node:path';
import type { AffectedResult } from '../affected/types.js';
import type { BuilderConfig } from '../config/types.js';
import { AbeError } from '../core/abe-error.js';
import type { CliContext } from './cli-context.js';
import type {
  ArgumentDefinition,
  CommandDefinition,
  OptionDefinition,
} from './run-command-line.js';

interface SelectionOptions {
  base?: string;
  all?: boolean;
  committedOnly?: boolean;
  excludeDownstream?: boolean;
  config?: string;
  strict?: boolean;
}

interface AffectedOptions extends SelectionOptions {
  json?: boolean;
  matrix?: boolean;
}

const EXIT_HELP =
  'Exit codes: 0 done (whether or not anything is affected), 2 bad config, shallow clone or unknown base.';

const COMPONENTS: readonly ArgumentDefinition[] = [
  {
    name: 'components',
    variadic: true,
    description: 'select these components (and their downstream) instead',
  },
];

const SELECTION_OPTIONS: readonly OptionDefinition[] = [
  {
    name: 'base',
    value: 'ref',
    description:
      "compare with the merge-base of REF and HEAD (default: [abe] base, else the pull request's base branch in CI, else origin/main, origin/master, main, master)",
  },
  { name: 'all', description: 'select every component, without looking at git' },
  { name: 'committed-only', description: 'ignore staged, unstaged and untracked changes' },
  {
    name: 'exclude-downstream',
    description: 'do not add the downstream of selected components',
  },
  {
    name: 'config',
    value: 'file',
    description:
      'builder.ini to read (default: at the top of the git repository, else the nearest one upward)',
  },
  { name: 'strict', description: 'treat unknown keys in the config as errors' },
];

export const affectedCommand: CommandDefinition<AffectedOptions> = {
  name: 'affected',
  description:
    'list the components a change affects, and why: changed files since the merge-base with the base branch, global files, contracts whose meaning changed, downstream',
  arguments: COMPONENTS,
  options: [
    ...SELECTION_OPTIONS,
    { name: 'json', description: 'print the stable JSON document', conflicts: ['matrix'] },
    {
      name: 'matrix',
      description: 'print a GitHub Actions matrix: {"include":[{component,path}]}',
    },
  ],
  epilogue: EXIT_HELP,
  async run(components, options, context) {
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
  },
};

export const discoverCommand: CommandDefinition<SelectionOptions> = {
  name: 'discover',
  description: 'print the affected component names, one per line, in build order',
  arguments: COMPONENTS,
  options: SELECTION_OPTIONS,
  epilogue: EXIT_HELP,
  async run(components, options, context) {
    const [result, format] = await Promise.all([
      selectAffected(components, options, context),
      import('../affected/format-affected.js'),
    ]);
    context.stdout.write(format.formatAffectedNames(result));
  },
};

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
