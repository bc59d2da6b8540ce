import { AbeError } from '../core/abe-error.js';
import type { MockContracts, MockInput } from '../mock-server/mock-contracts.js';
import type { MockViolation } from '../mock-server/mock-record.js';
import { isAdminPath } from '../mock-server/reserved-prefix.js';
import type { MockServer } from '../mock-server/start-mock-server.js';
import type { ContractWatch } from '../mock-server/watch-contracts.js';
import { type CliContext, EXIT_FAILURES, EXIT_OK, EXIT_USAGE } from './cli-context.js';
import { componentContracts } from './component-contracts.js';
import { runWrappedCommand } from './run-wrapped-command.js';

export interface MockCliOptions {
  readonly component?: readonly string[];
  readonly config?: string;
  readonly port?: string;
  readonly host: string;
  readonly basePath?: string;
  readonly watch?: boolean;
  readonly cors?: boolean;
  readonly strict?: boolean;
}

const DEFAULT_PORT = 4010;

/**
 * `abe mock [contracts...] [-- command args...]`: serves the contracts until Ctrl-C / SIGTERM,
 * or runs the command against them; exit 0 when nothing broke the contracts (and the command
 * passed), 1 when something did (or the command failed), 2 for abe's own problems.
 */
export async function runMock(
  patterns: readonly string[],
  wrapped: readonly string[],
  options: MockCliOptions,
  context: CliContext,
): Promise<void> {
  let running: Running;
  try {
    running = await start(patterns, wrapped, options, context);
  } catch (error) {
    if (!(error instanceof AbeError)) throw error;
    // A contract that does not load is abe's problem here, not a failed check: exit 2.
    context.stderr.write(`abe: ${error.message}\n`);
    context.exitCode = EXIT_USAGE;
    return;
  }
  if (wrapped.length === 0) await serveUntilStopped(running, context);
  else await runAgainstMock(running, wrapped, context);
}

interface Running {
  readonly contracts: MockContracts;
  readonly server: MockServer;
  readonly watch: ContractWatch | undefined;
  /** The mock's URL with the base path, no trailing slash. */
  readonly url: string;
  /** Where abe's own lines go: stdout when serving, stderr around a command's output. */
  readonly say: (line: string) => void;
}

async function start(
  patterns: readonly string[],
  wrapped: readonly string[],
  options: MockCliOptions,
  context: CliContext,
): Promise<Running> {
  const port = parsePort(options.port, wrapped.length > 0);
  const basePath = parseBasePath(options.basePath);
  const inputs = await mockInputs(patterns, options, context);
  const [{ MockContracts }, { startMockServer }] = await Promise.all([
    import('../mock-server/mock-contracts.js'),
    import('../mock-server/start-mock-server.js'),
  ]);
  const contracts = MockContracts.load(inputs);
  const server = await startMockServer({
    contracts,
    host: options.host,
    port,
    basePath,
    cors: options.cors === true,
    onViolation: (violation) => context.stderr.write(`abe mock: ${violation.message}\n`),
  });
  const say =
    wrapped.length === 0
      ? (line: string) => context.stdout.write(`${line}\n`)
      : (line: string) => context.stderr.write(`${line}\n`);
  let watch: ContractWatch | undefined;
  if (options.watch === true) {
    try {
      const { watchContracts } = await import('../mock-server/watch-contracts.js');
      watch = await watchContracts(contracts, inputs, {
        onReload: () => reportReload(contracts, context, say),
      });
    } catch (error) {
      await server.close();
      throw error;
    }
  }
  const url = `${server.origin}${basePath}`;
  const { snapshot } = contracts;
  const count = snapshot.index.size;
  // One write: a reader that sees the first line (a script waiting for the URL) has the list too.
  say(
    [
      `abe mock: ${count} endpoint${count === 1 ? '' : 's'} from ${snapshot.contracts.length} contract${snapshot.contracts.length === 1 ? '' : 's'} at ${url}`,
      ...snapshot.endpoints.map((endpoint) => `  ${endpoint.name}`),
    ].join('\n'),
  );
  return { contracts, server, watch, url, say };
}

async function serveUntilStopped(running: Running, context: CliContext): Promise<void> {
  await new Promise<void>((stopped) => {
    if (context.signal === undefined) return;
    if (context.signal.aborted) stopped();
    else context.signal.addEventListener('abort', () => stopped(), { once: true });
  });
  const violations = await stop(running);
  if (violations.length > 0) {
    context.stderr.write(violationReport(violations));
    context.exitCode = EXIT_FAILURES;
  }
}

async function runAgainstMock(
  running: Running,
  wrapped: readonly string[],
  context: CliContext,
): Promise<void> {
  const [file, ...args] = wrapped as [string, ...string[]];
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(context.env))
    if (value !== undefined) env[name] = value;
  env.ABE_MOCK_URL = running.url;
  const result = await runWrappedCommand(file, args, {
    cwd: context.cwd,
    env,
    signal: context.signal,
  });
  const violations = await stop(running);
  if (violations.length > 0) context.stderr.write(violationReport(violations));
  if (result.error !== null) {
    context.stderr.write(`abe: ${cannotStart(file, result.error)}\n`);
    context.exitCode = EXIT_USAGE;
    return;
  }
  const failures: string[] = [];
  if (result.exitCode !== 0) {
    failures.push(
      result.signal === null
        ? `the command exited with ${result.exitCode}`
        : `the command was ended by ${result.signal}`,
    );
  }
  if (violations.length > 0) failures.push(`${requests(violations.length)} broke the contracts`);
  if (failures.length === 0) {
    context.stderr.write('abe mock: the command passed, and no request broke the contracts.\n');
    context.exitCode = EXIT_OK;
    return;
  }
  context.stderr.write(`abe mock: failed: ${failures.join('; ')}.\n`);
  context.exitCode = EXIT_FAILURES;
}

async function stop(running: Running): Promise<readonly MockViolation[]> {
  await running.watch?.close();
  await running.server.close();
  return running.server.record.violations();
}

/** The contract inputs: the patterns given, and the contracts of each `--component`. */
async function mockInputs(
  patterns: readonly string[],
  options: MockCliOptions,
  context: CliContext,
): Promise<MockInput[]> {
  const declared = await componentContracts(options.component ?? [], options, context);
  const inputs = [...patterns, ...declared].map((pattern) => ({ pattern, cwd: context.cwd }));
  if (inputs.length === 0) {
    throw new AbeError('usage', 'abe mock needs contracts to serve, and was given none.', {
      hint: 'Pass contract files, directories or quoted globs (abe mock api/contracts), or --component NAME for the contracts builder.ini declares for that component.',
    });
  }
  return inputs;
}

function parsePort(value: string | undefined, wrapping: boolean): number {
  if (value === undefined) return wrapping ? 0 : DEFAULT_PORT;
  if (!/^[0-9]{1,5}$/.test(value) || Number(value) > 65535) {
    throw new AbeError('usage', `--port "${value}" is not a port number.`, {
      hint: 'Give a whole number from 1 to 65535, or 0 for a free port.',
    });
  }
  return Number(value);
}

function parseBasePath(value: string | undefined): string {
  if (value === undefined) return '';
  const path = value.replace(/\/+$/, '');
  if (!value.startsWith('/') || /[?#\s%]/.test(value) || isAdminPath(path)) {
    throw new AbeError('usage', `--base-path "${value}" is not a path the mock can serve under.`, {
      hint: 'Give a path that starts with a slash, without query, fragment, spaces or percent signs, and outside /__abe, such as --base-path /api.',
    });
  }
  return path;
}

function reportReload(
  contracts: MockContracts,
  context: CliContext,
  say: (line: string) => void,
): void {
  const { snapshot, problems } = contracts;
  say(
    `abe mock: reloaded: ${snapshot.index.size} endpoints from ${snapshot.contracts.length} contracts${problems.length === 0 ? '' : `, ${problems.length} file${problems.length === 1 ? '' : 's'} kept at their last good version`}`,
  );
  for (const problem of problems) context.stderr.write(`abe mock: ${problem.message}\n`);
}

function violationReport(violations: readonly MockViolation[]): string {
  const details = violations.map((violation, index) => `${index + 1}) ${violation.message}`);
  return `abe mock: ${requests(violations.length)} broke the contracts:\n\n${details.join('\n\n')}\n`;
}

function requests(count: number): string {
  return count === 1 ? '1 request' : `${count} requests`;
}

function cannotStart(file: string, error: NodeJS.ErrnoException): string {
  if (error.code === 'ENOENT') {
    return `cannot run "${file}": no such command (not on PATH, nor a file). Check the command after --, or give its path.`;
  }
  return `cannot run "${file}": ${error.message}.`;
}
