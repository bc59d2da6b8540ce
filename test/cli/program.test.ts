import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { CliContext } from '../../src/cli/cli-context.js';
import { createProgram } from '../../src/cli/program.js';
import { COMMAND_NAMES, listsCommand, runCli } from '../helpers/run-cli.js';

interface Parsed {
  readonly command: string;
  readonly args: readonly unknown[];
  readonly options: Record<string, unknown>;
}

/**
 * Parses argv with abe's real command declarations, each action replaced by one that records
 * what it was given: what commander hands a command, without running it.
 */
async function parse(argv: readonly string[]): Promise<Parsed> {
  const context: CliContext = {
    stdout: { write: () => true },
    stderr: { write: () => true },
    cwd: process.cwd(),
    env: {},
    color: false,
    exitCode: 0,
  };
  const program = createProgram(context);
  const calls: Parsed[] = [];
  for (const command of program.commands) {
    command.action((...received: unknown[]) => {
      // Commander passes the arguments, then the options, then the command itself.
      const options = received.at(-2) as Record<string, unknown>;
      calls.push({ command: command.name(), args: received.slice(0, -2), options: { ...options } });
    });
  }
  await program.parseAsync([...argv], { from: 'user' });
  expect(calls).toHaveLength(1);
  return calls[0] as Parsed;
}

const VERSION = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

describe('abe parses its command line with commander', () => {
  test('options come out camelCased with defaults filled in, arguments in order', async () => {
    expect(await parse(['affected', 'api', '--committed-only', 'web', '--base', 'main'])).toEqual({
      command: 'affected',
      args: [['api', 'web']],
      options: { committedOnly: true, base: 'main' },
    });
    expect((await parse(['lint'])).options).toEqual({ format: 'human' });
    expect((await parse(['deploy'])).options).toEqual({ dir: '.' });
  });

  test('-j becomes a number from -j4, -j 4, --jobs 4 and --jobs=4 alike', async () => {
    for (const argv of [['-j4'], ['-j', '4'], ['--jobs', '4'], ['--jobs=4']]) {
      expect((await parse(['check', ...argv])).options.jobs).toBe(4);
    }
  });

  test('repeatable options collect every value in order', async () => {
    const check = await parse(['check', '--reporter', 'junit', '--reporter=json,github']);
    expect(check.options.reporter).toEqual(['junit', 'json,github']);
    const deploy = await parse(['deploy', '-t', 'v1', '--tag', 'api=v2', '--var', 'A=1']);
    expect(deploy.options).toMatchObject({ tag: ['v1', 'api=v2'], var: ['A=1'] });
  });

  test('--no-smoke sets smoke to false, and the last of the pair wins', async () => {
    expect((await parse(['deploy', '--no-smoke'])).options.smoke).toBe(false);
    expect((await parse(['deploy', '--smoke', 'http://x', '--no-smoke'])).options.smoke).toBe(
      false,
    );
    expect((await parse(['deploy', '--no-smoke', '--smoke', 'http://x'])).options.smoke).toBe(
      'http://x',
    );
  });

  test('--strict is accepted by every command that reads a config', async () => {
    for (const command of [
      'lint',
      'affected',
      'discover',
      'build',
      'test',
      'release',
      'tag',
      'check',
      'deploy',
    ]) {
      expect((await parse([command, '--strict'])).options.strict, command).toBe(true);
    }
  });

  test('everything after -- is an argument, even option-like words', async () => {
    const parsed = await parse(['lint', 'a.json', '--', '--format', '-x']);
    expect(parsed.args).toEqual([['a.json', '--format', '-x']]);
    expect(parsed.options).toEqual({ format: 'human' });
  });
});

describe('abe refuses bad usage with exit code 2 and commander messages', () => {
  test.each([
    [['lnt'], "error: unknown command 'lnt'\n(Did you mean lint?)\n"],
    [['lint', '--fromat', 'json'], "error: unknown option '--fromat'\n(Did you mean --format?)\n"],
    [['check', '-x'], "error: unknown option '-x'\n"],
    [['--verison'], "error: unknown option '--verison'\n(Did you mean --version?)\n"],
    [['check', '-j'], "error: option '-j, --jobs <n>' argument missing\n"],
    [
      ['check', '-j', '0'],
      `error: option '-j, --jobs <n>' argument '0' is invalid. -j needs a whole number of components to run at once, e.g. -j 4; without -j, abe runs as many as there are CPUs`,
    ],
    [
      ['lint', '--format', 'xml'],
      "error: option '-f, --format <format>' argument 'xml' is invalid. Allowed choices are human, json, github.\n",
    ],
    [
      ['affected', '--json', '--matrix'],
      "error: option '--json' cannot be used with option '--matrix'\n",
    ],
    [
      ['affected', '--matrix', '--json'],
      "error: option '--json' cannot be used with option '--matrix'\n",
    ],
    [
      ['deploy', 'production'],
      "error: too many arguments for 'deploy'. Expected 0 arguments but got 1.\n",
    ],
    [['affected', '--strict=yes'], "error: unknown option '--strict=yes'\n"],
  ])('abe %j', async (argv, message) => {
    const run = await runCli(argv);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.startsWith(message)).toBe(true);
  });
});

describe('abe help and version', () => {
  test('--version and -v print the package version, exit 0', async () => {
    for (const flag of ['--version', '-v']) {
      expect(await runCli([flag])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
    }
  });

  test('--help lists every command with its summary, in order, on stdout', async () => {
    const run = await runCli(['--help']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^Usage: abe \[options\] \[command\]\n/);
    expect(COMMAND_NAMES.filter((name) => !listsCommand(run.stdout, name))).toEqual([]);
    const listed = [...run.stdout.matchAll(/^ {2}([a-z]+) \[options\]/gm)].map((m) => m[1]);
    expect(listed).toEqual(COMMAND_NAMES);
    expect(run.stdout).toContain('  check [options] [components...]     the CI one-stop');
  });

  test('abe without a command prints the program help on stderr and exits 2', async () => {
    const bare = await runCli([]);
    expect(bare.code).toBe(2);
    expect(bare.stdout).toBe('');
    expect(bare.stderr).toBe((await runCli(['--help'])).stdout);
  });

  test('a command help shows its options, then its exit codes; abe help <command> is the same', async () => {
    const flag = await runCli(['check', '--help']);
    expect(flag).toMatchObject({ code: 0, stderr: '' });
    expect(flag.stdout).toMatch(/^Usage: abe check \[options\] \[components\.\.\.\]\n/);
    expect(flag.stdout).toContain('  -j, --jobs <n>            components to run at once');
    expect(flag.stdout).toContain('\nExit codes: 0 every step passed');
    expect(await runCli(['help', 'check'])).toEqual(flag);
  });

  test('-h beside a bad option still shows the help, and runs nothing', async () => {
    const run = await runCli(['deploy', '--nope', '-h']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: abe deploy \[options\]\n/);
    expect(run.stdout).toContain('  --no-smoke');
  });

  test('every command help ends with examples and the environment variables it reads', async () => {
    for (const name of COMMAND_NAMES) {
      const help = (await runCli([name, '--help'])).stdout;
      expect(help, name).toMatch(/\nExamples:\n {2}abe /);
      expect(help, name).toMatch(/\nEnvironment[^\n]*:\n/);
      expect(help, name).toContain('NO_COLOR');
    }
    expect((await runCli(['check', '--help'])).stdout).toContain('GITHUB_TOKEN');
    expect((await runCli(['deploy', '--help'])).stdout).toContain('KUBECTL');
  });

  test('help text stays within 80 columns', async () => {
    for (const argv of [['--help'], ...COMMAND_NAMES.map((name) => [name, '--help'])]) {
      const long = (await runCli(argv)).stdout.split('\n').filter((line) => line.length > 80);
      expect(long, argv.join(' ')).toEqual([]);
    }
  });
});
