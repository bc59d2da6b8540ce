import { CommanderError } from 'commander';
import { AbeError } from '../core/abe-error.js';
import { type CliContext, type CliIo, EXIT_FAILURES, EXIT_OK, EXIT_USAGE } from './cli-context.js';
import { createProgram } from './program.js';
import { useColor } from './use-color.js';

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
  'ledger.missing',
  'ledger.write',
  'usage-lock.invalid',
  'usage-lock.missing',
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
    color: useColor(io.stdout, io.env),
    exitCode: EXIT_OK,
  };
  try {
    await createProgram(context).parseAsync([...argv], { from: 'user' });
    return context.exitCode;
  } catch (error) {
    // Commander has printed its message or the help already. Its exit code is 0 when help or
    // the version was asked for, and 1 for every usage error, which abe reports as 2.
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
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
