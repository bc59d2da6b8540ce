import type { Command } from 'commander';
import type { CliContext } from './cli-context.js';
import type { BuilderCliOptions, BuilderCommand } from './run-builder-command.js';

const EXIT_HELP =
  '\nExit codes: 0 every step passed, 1 a step failed (or a contract has lint errors), 2 bad flags, config or git state, 130/143 stopped by Ctrl-C / SIGTERM.';

const DESCRIPTIONS: Readonly<Record<Exclude<BuilderCommand, 'check'>, string>> = {
  build: 'run `make build` in the affected components, in dependency order',
  test: 'run `make test` in the affected components, in dependency order',
  release:
    'release the affected components: docker tag + push (release-process=docker) or `make release` (custom)',
  tag: 'create an annotated git tag <component>-<version> for each component released at HEAD',
};

/** Registers `abe build`, `abe test`, `abe release` and `abe tag`. */
export function registerBuilderCommands(program: Command, context: CliContext): void {
  for (const [name, description] of Object.entries(DESCRIPTIONS)) {
    addRunOptions(program.command(name).description(description), context, name as BuilderCommand);
  }
}

/** Registers `abe check`: lint the declared contracts, then build and test what a change affects. */
export function registerCheck(program: Command, context: CliContext): void {
  addRunOptions(
    program
      .command('check')
      .description(
        'the CI one-stop: lint every contract builder.ini declares, find the affected components, `make build` then `make test` them in dependency order, report',
      ),
    context,
    'check',
  );
}

function addRunOptions(command: Command, context: CliContext, name: BuilderCommand): void {
  command
    .argument(
      '[components...]',
      'run these components (and their downstream) instead of the affected ones',
    )
    .option('--all', 'run every component')
    .option(
      '--base <ref>',
      'compare with the merge-base of REF and HEAD (default: [abe] base, else origin/main, origin/master)',
    )
    .option('--committed-only', 'ignore staged, unstaged and untracked changes')
    .option('--exclude-downstream', 'do not add the downstream of selected components')
    .option('-j, --jobs <n>', 'components to run at once (default: the number of CPUs)')
    .option(
      '--reporter <name[=file]>',
      'summary (default), json, junit or github; repeat or comma-separate for several, =FILE writes to a file',
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    )
    .option('--config <file>', 'builder.ini to read (default: found from the working directory)')
    .option(
      '--tag <tag>',
      'image tag, passed as DOCKER_TAG (default: $DOCKER_TAG, else the short sha)',
    )
    .addHelpText('after', EXIT_HELP)
    .action(async (components: string[], options: BuilderCliOptions) => {
      const { runBuilderCommand } = await import('./run-builder-command.js');
      context.exitCode = await runBuilderCommand(name, components, options, context);
    });
}
