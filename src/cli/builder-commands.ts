import type { BuilderCliOptions, BuilderCommand } from './run-builder-command.js';
import type { CommandDefinition } from './run-command-line.js';

const EXIT_HELP =
  'Exit codes: 0 every step passed, 1 a step failed (or a contract has lint errors), 2 bad flags, config or git state, 130/143 stopped by Ctrl-C / SIGTERM.';

const DESCRIPTIONS: Readonly<Record<Exclude<BuilderCommand, 'check'>, string>> = {
  build: 'run `make build` in the affected components, in dependency order',
  test: 'run `make test` in the affected components, in dependency order',
  release:
    'release the affected components: docker tag + push (release-process=docker) or `make release` (custom)',
  tag: 'create an annotated git tag <component>-<version> for each component released at HEAD',
};

/** `abe build`, `abe test`, `abe release` and `abe tag`. */
export const builderCommands: readonly CommandDefinition<BuilderCliOptions>[] = Object.entries(
  DESCRIPTIONS,
).map(([name, description]) => runCommand(name as BuilderCommand, description));

/** `abe check`: lint the declared contracts, then build and test what a change affects. */
export const checkCommand: CommandDefinition<BuilderCliOptions> = runCommand(
  'check',
  'the CI one-stop: lint every contract builder.ini declares, find the affected components, `make build` then `make test` them in dependency order, report',
);

function runCommand(
  name: BuilderCommand,
  description: string,
): CommandDefinition<BuilderCliOptions> {
  return {
    name,
    description,
    arguments: [
      {
        name: 'components',
        variadic: true,
        description: 'run these components (and their downstream) instead of the affected ones',
      },
    ],
    options: [
      { name: 'all', description: 'run every component' },
      {
        name: 'base',
        value: 'ref',
        description:
          "compare with the merge-base of REF and HEAD (default: [abe] base, else the pull request's base branch in CI, else origin/main, origin/master, main, master)",
      },
      { name: 'committed-only', description: 'ignore staged, unstaged and untracked changes' },
      {
        name: 'exclude-downstream',
        description: 'do not add the downstream of selected components',
      },
      {
        name: 'jobs',
        short: 'j',
        value: 'n',
        description: 'components to run at once (default: the number of CPUs)',
      },
      {
        name: 'reporter',
        value: 'name[=file]',
        multiple: true,
        description:
          'summary (default), json, junit or github; repeat or comma-separate for several, =FILE writes to a file',
      },
      {
        name: 'config',
        value: 'file',
        description: 'builder.ini to read (default: found from the working directory)',
      },
      {
        name: 'tag',
        value: 'tag',
        description: 'image tag, passed as DOCKER_TAG (default: $DOCKER_TAG, else the short sha)',
      },
    ],
    epilogue: EXIT_HELP,
    async run(components, options, context) {
      const { runBuilderCommand } = await import('./run-builder-command.js');
      context.exitCode = await runBuilderCommand(name, components, options, context);
    },
  };
}
