import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import { AbeError } from '../abe-error.js';
import { registerAffected } from './affected-command.js';
import { registerBuilderCommands, registerCheck } from './builder-commands.js';
import { type CliContext, type CliIo, EXIT_FAILURES, EXIT_USAGE } from './cli-context.js';
import { registerDeploy } from './deploy-command.js';
import { registerLint } from './lint-command.js';

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
  const program = new Command('abe')
    .description(
      'Contract testing and change-aware CI for monorepos of HTTP services, from API by Example files.',
    )
    .version(readVersion(), '-v, --version')
    .exitOverride()
    .showSuggestionAfterError()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    });
  registerLint(program, context);
  registerAffected(program, context);
  registerBuilderCommands(program, context);
  registerCheck(program, context);
  registerDeploy(program, context);

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return context.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
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

function readVersion(): string {
  return (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
}
