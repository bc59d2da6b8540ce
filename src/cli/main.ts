import { readFileSync } from 'node:fs';
import { AbeError } from '../core/abe-error.js';
import { type CliContext, type CliIo, EXIT_FAILURES, EXIT_USAGE } from './cli-context.js';
import {
  type CommandDefinition,
  type ProgramDefinition,
  runCommandLine,
} from './run-command-line.js';

// Codes that mean the user or the environment must change something, not that checks failed.
const USAGE_CODES = new Set([
  'usage',
  'lint.no-match',
  'config.read',
  'config.invalid',
  'config.unknown-component',
  'config.cycle',
  'config.path',
  'git.shallow',
  'git.base',
  'git.failed',
  'deploy.config',
  'deploy.render',
  'deploy.kubectl-missing',
]);

/**
 * Runs the `abe` command line and returns its exit code: 0 success, 1 failures found,
 * 2 usage or environment errors. Never calls `process.exit`.
 *
 * @example
 * const code = await main(['lint', 'contracts/'], { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env });
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const context: CliContext = {
    ...io,
    color: io.stdout.isTTY === true && io.env.NO_COLOR === undefined,
    exitCode: 0,
  };
  try {
    await runCommandLine(PROGRAM, argv, context);
    return context.exitCode;
  } catch (error) {
    if (error instanceof AbeError) {
      io.stderr.write(`abe: ${error.message}\n`);
      return USAGE_CODES.has(error.code) ? EXIT_USAGE : EXIT_FAILURES;
    }
    io.stderr.write(
      `abe: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\nPlease report this with the command you ran.\n`,
    );
    return EXIT_FAILURES;
  }
}

export const PROGRAM: ProgramDefinition = {
  name: 'abe',
  description:
    'Contract testing and change-aware CI for monorepos of HTTP services, from API by Example files.',
  version: readVersion,
  commands: loadCommands,
  command: loadCommand,
};

type CommandModule = () => Promise<readonly CommandDefinition<object>[]>;

// Each module holds definitions whose `run` loads the rest.
const lintModule: CommandModule = async () => [(await import('./lint-command.js')).lintCommand];
const affectedModule: CommandModule = async () => {
  const { affectedCommand, discoverCommand } = await import('./affected-command.js');
  return [affectedCommand, discoverCommand];
};
const builderModule: CommandModule = async () => {
  const { builderCommands, checkCommand } = await import('./builder-commands.js');
  return [...builderCommands, checkCommand];
};
const deployModule: CommandModule = async () => [
  (await import('./deploy-command.js')).deployCommand,
];

/**
 * Which module defines each command, in the order help lists them, so running one command loads
 * one module: loading all four cost 3 ms before `abe test` could start its first make. A test
 * checks this against the modules.
 */
const MODULE_OF_COMMAND: ReadonlyMap<string, CommandModule> = new Map([
  ['lint', lintModule],
  ['affected', affectedModule],
  ['discover', affectedModule],
  ['build', builderModule],
  ['test', builderModule],
  ['release', builderModule],
  ['tag', builderModule],
  ['check', builderModule],
  ['deploy', deployModule],
]);

/** Loaded only past `--version`. */
async function loadCommands(): Promise<readonly CommandDefinition<object>[]> {
  const modules = [...new Set(MODULE_OF_COMMAND.values())];
  return (await Promise.all(modules.map((load) => load()))).flat();
}

async function loadCommand(name: string): Promise<CommandDefinition<object> | undefined> {
  const commands = await MODULE_OF_COMMAND.get(name)?.();
  return commands?.find((command) => command.name === name);
}

function readVersion(): string {
  // Read rather than required: loading node:module for this cost a millisecond on every start.
  const file = new URL('../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}
