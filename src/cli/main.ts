import { readFileSync } from 'node:fs';
import { AbeError } from '../abe-error.js';
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

const PROGRAM: ProgramDefinition = {
  name: 'abe',
  description:
    'Contract testing and change-aware CI for monorepos of HTTP services, from API by Example files.',
  version: readVersion,
  commands: loadCommands,
};

/** Loaded only past `--version`; each module holds definitions whose `run` loads the rest. */
async function loadCommands(): Promise<readonly CommandDefinition<object>[]> {
  const [lint, affected, builder, deploy] = await Promise.all([
    import('./lint-command.js'),
    import('./affected-command.js'),
    import('./builder-commands.js'),
    import('./deploy-command.js'),
  ]);
  return [
    lint.lintCommand,
    affected.affectedCommand,
    affected.discoverCommand,
    ...builder.builderCommands,
    builder.checkCommand,
    deploy.deployCommand,
  ];
}

function readVersion(): string {
  // Read rather than required: loading node:module for this cost a millisecond on every start.
  const file = new URL('../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}
