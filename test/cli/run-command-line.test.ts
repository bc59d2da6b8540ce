import { describe, expect, test } from 'vitest';
import type { CliContext } from '../../src/cli/cli-context.js';
import { PROGRAM } from '../../src/cli/main.js';
import {
  type CommandDefinition,
  type ParsedOptions,
  type ProgramDefinition,
  runCommandLine,
} from '../../src/cli/run-command-line.js';
import { AbeError } from '../../src/core/abe-error.js';
import { COMMAND_NAMES, listsCommand, runCli } from '../helpers/run-cli.js';

interface Call {
  readonly command: string;
  readonly args: readonly string[];
  readonly options: ParsedOptions;
}

/** A program whose commands record what they were called with. */
function recordingProgram(lookup = false): {
  program: ProgramDefinition;
  calls: Call[];
  loads: () => number;
} {
  const calls: Call[] = [];
  let loads = 0;
  const record = (command: string) => async (args: readonly string[], options: ParsedOptions) => {
    calls.push({ command, args, options });
  };
  const ship: CommandDefinition = {
    name: 'ship',
    description: 'ship the named parcels, or every parcel that is ready when none is named',
    arguments: [{ name: 'parcels', variadic: true, description: 'parcels to ship' }],
    options: [
      { name: 'jobs', short: 'j', value: 'n', description: 'parcels to ship at once' },
      {
        name: 'format',
        short: 'f',
        value: 'format',
        description: 'output format',
        choices: ['human', 'json'],
        default: 'human',
      },
      {
        name: 'reporter',
        value: 'name',
        multiple: true,
        description: 'a reporter; repeat for several',
      },
      { name: 'dry-run', description: 'check everything, ship nothing' },
      {
        name: 'smoke',
        value: 'url',
        description: 'smoke-test this URL',
        negation: 'skip the smoke test',
      },
      { name: 'json', description: 'print JSON', conflicts: ['matrix'] },
      { name: 'matrix', description: 'print a matrix' },
    ],
    epilogue: 'Exit codes: 0 shipped, 1 a parcel failed, 2 usage error.',
    run: record('ship'),
  };
  const move: CommandDefinition = {
    name: 'move',
    description: 'move a parcel',
    arguments: [
      { name: 'from', required: true, description: 'where it is' },
      { name: 'to', required: true, description: 'where it goes' },
    ],
    run: record('move'),
  };
  const program: ProgramDefinition = {
    name: 'post',
    description: 'A post office.',
    version: () => '1.2.3',
    commands: async () => {
      loads += 1;
      return [ship, move];
    },
    // Knows only `ship` by name, as a program whose lookup table missed a command would.
    ...(lookup ? { command: async (name: string) => (name === 'ship' ? ship : undefined) } : {}),
  };
  return { program, calls, loads: () => loads };
}

interface Outcome {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
  readonly calls: readonly Call[];
  readonly loads: number;
}

async function run(argv: readonly string[], lookup = false): Promise<Outcome> {
  const { program, calls, loads } = recordingProgram(lookup);
  let stdout = '';
  let stderr = '';
  const context: CliContext = {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    cwd: process.cwd(),
    env: {},
    color: false,
    exitCode: 0,
  };
  await runCommandLine(program, argv, context);
  return { stdout, stderr, exitCode: context.exitCode, calls, loads: loads() };
}

/** The usage error `argv` is refused with. */
async function refusal(argv: readonly string[]): Promise<AbeError> {
  const error = await run(argv).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof AbeError)) throw new Error(`expected an AbeError, got ${String(error)}`);
  expect(error.code).toBe('usage');
  expect(error.message).not.toContain('\n');
  return error;
}

describe('runCommandLine parsing', () => {
  test('options come out camelCased, defaults filled in, positionals in order', async () => {
    const { calls } = await run(['ship', 'a', '--dry-run', 'b', '-j', '2']);
    expect(calls).toEqual([
      { command: 'ship', args: ['a', 'b'], options: { dryRun: true, jobs: '2', format: 'human' } },
    ]);
  });

  test('a value is read from -j4, -j 4, --jobs 4 and --jobs=4 alike', async () => {
    for (const argv of [['-j4'], ['-j', '4'], ['--jobs', '4'], ['--jobs=4']]) {
      const { calls } = await run(['ship', ...argv]);
      expect(calls[0]?.options.jobs).toBe('4');
    }
  });

  test('a repeatable option collects every value in order; a plain one keeps the last', async () => {
    const { calls } = await run([
      'ship',
      '--reporter',
      'junit',
      '-j',
      '1',
      '--reporter=json',
      '-j',
      '3',
    ]);
    expect(calls[0]?.options).toMatchObject({ reporter: ['junit', 'json'], jobs: '3' });
  });

  test('options not given are absent, not false', async () => {
    const { calls } = await run(['ship']);
    expect(calls[0]?.options).toEqual({ format: 'human' });
  });

  test('--no-<name> sets a negatable option to false, and the last of the pair wins', async () => {
    expect((await run(['ship', '--no-smoke'])).calls[0]?.options.smoke).toBe(false);
    expect((await run(['ship', '--smoke', 'http://x', '--no-smoke'])).calls[0]?.options.smoke).toBe(
      false,
    );
    expect((await run(['ship', '--no-smoke', '--smoke', 'http://x'])).calls[0]?.options.smoke).toBe(
      'http://x',
    );
  });

  test('everything after -- is a positional, even --help and option-like words', async () => {
    const { calls, stdout } = await run(['ship', 'a', '--', '--json', '-j', '--help']);
    expect(stdout).toBe('');
    expect(calls[0]?.args).toEqual(['a', '--json', '-j', '--help']);
    expect(calls[0]?.options).toEqual({ format: 'human' });
  });

  test('a choice is accepted from the list and refused outside it, with a suggestion', async () => {
    expect((await run(['ship', '-f', 'json'])).calls[0]?.options.format).toBe('json');
    expect((await refusal(['ship', '--format', 'jsn'])).message).toBe(
      '--format "jsn" is not one of human, json. Did you mean "json"?',
    );
  });

  test('an unknown long option is refused with the nearest option suggested', async () => {
    expect((await refusal(['ship', '--dryrun'])).message).toBe(
      'unknown option "--dryrun" for post ship. Did you mean "--dry-run"?',
    );
    expect((await refusal(['ship', '--no-smok'])).message).toContain('Did you mean "--no-smoke"?');
  });

  test('an unknown short option, alone or in a group, points at the help', async () => {
    expect((await refusal(['ship', '-x'])).message).toBe(
      'unknown option "-x" for post ship. post ship --help lists its options.',
    );
    expect((await refusal(['ship', '-zj', '2'])).message).toContain('unknown option "-z"');
  });

  test('a missing value names the option and its usage', async () => {
    expect((await refusal(['ship', '--jobs'])).message).toBe(
      'option "--jobs" needs a value: post ship --jobs <n>.',
    );
    expect((await refusal(['ship', '-j', '--dry-run'])).message).toBe(
      'option "-j" needs a value, not the option-like "--dry-run": write --jobs=--dry-run if that is the value.',
    );
  });

  test('a value given to a flag is refused', async () => {
    expect((await refusal(['ship', '--dry-run=yes'])).message).toBe(
      'option "--dry-run" of post ship takes no value: write --dry-run alone.',
    );
  });

  test('conflicting options are refused, in either order', async () => {
    for (const argv of [
      ['ship', '--json', '--matrix'],
      ['ship', '--matrix', '--json'],
    ]) {
      expect((await refusal(argv)).message).toBe(
        'option "--json" cannot be used with option "--matrix" (post ship): give one of them.',
      );
    }
  });

  test('argument counts are checked: required ones present, no extras', async () => {
    expect((await run(['move', 'here', 'there'])).calls[0]?.args).toEqual(['here', 'there']);
    expect((await refusal(['move', 'here'])).message).toBe(
      'post move needs <to>; post move --help says more.',
    );
    expect((await refusal(['move', 'a', 'b', 'c'])).message).toBe(
      'post move takes at most 2 arguments; remove "c".',
    );
  });

  test('an unknown command is refused with the nearest command, or the list of commands', async () => {
    expect((await refusal(['shp'])).message).toBe('unknown command "shp". Did you mean "ship"?');
    expect((await refusal(['zzzzzz'])).message).toBe(
      'unknown command "zzzzzz". Commands: ship, move, help.',
    );
    expect((await refusal(['--verison'])).message).toBe(
      'unknown option "--verison" for post. Did you mean "--version"?',
    );
  });
});

describe('runCommandLine finding the command', () => {
  test('a command the program looks up by name runs without loading the list of commands', async () => {
    const outcome = await run(['ship', 'a'], true);
    expect(outcome.loads).toBe(0);
    expect(outcome.calls.map((call) => call.command)).toEqual(['ship']);
  });

  test('a name the lookup does not know is found in the full list, or refused with a suggestion', async () => {
    const found = await run(['move', 'here', 'there'], true);
    expect(found.loads).toBe(1);
    expect(found.calls).toEqual([{ command: 'move', args: ['here', 'there'], options: {} }]);
    await expect(run(['mov'], true)).rejects.toThrow('unknown command "mov". Did you mean "move"?');
  });

  test("abe's own lookup finds every command it lists, the same definition, and nothing else", async () => {
    const commands = await PROGRAM.commands();
    expect(commands.map((command) => command.name)).toEqual(COMMAND_NAMES);
    for (const command of commands) expect(await PROGRAM.command?.(command.name)).toBe(command);
    expect(await PROGRAM.command?.('help')).toBeUndefined();
    expect(await PROGRAM.command?.('toString')).toBeUndefined();
  });
});

describe('runCommandLine help and version', () => {
  test('--version prints the version and never loads the commands', async () => {
    for (const flag of ['--version', '-v']) {
      const outcome = await run([flag]);
      expect(outcome).toMatchObject({ stdout: '1.2.3\n', stderr: '', exitCode: 0, loads: 0 });
    }
  });

  test('a command help lists usage, arguments and options in aligned columns, then the epilogue', async () => {
    const outcome = await run(['ship', '--help']);
    expect(outcome).toMatchObject({ stderr: '', exitCode: 0, calls: [] });
    expect(outcome.stdout).toBe(
      `Usage: post ship [options] [parcels...]

ship the named parcels, or every parcel that is ready when none is named

Arguments:
  parcels                parcels to ship

Options:
  -j, --jobs <n>         parcels to ship at once
  -f, --format <format>  output format (choices: "human", "json", default:
                         "human")
  --reporter <name>      a reporter; repeat for several
  --dry-run              check everything, ship nothing
  --smoke <url>          smoke-test this URL
  --no-smoke             skip the smoke test
  --json                 print JSON
  --matrix               print a matrix
  -h, --help             display help for command

Exit codes: 0 shipped, 1 a parcel failed, 2 usage error.
`,
    );
  });

  test('-h anywhere before -- asks for help, even beside bad options', async () => {
    for (const argv of [
      ['ship', '-h'],
      ['ship', '--nope', '--help'],
      ['help', 'ship'],
    ]) {
      const outcome = await run(argv);
      expect(outcome.stdout).toMatch(/^Usage: post ship \[options\] \[parcels\.\.\.\]\n/);
      expect(outcome.calls).toEqual([]);
    }
  });

  test('program help goes to stdout for --help, and to stderr with exit code 2 without a command', async () => {
    const asked = await run(['--help']);
    expect(asked).toMatchObject({ stderr: '', exitCode: 0 });
    expect(asked.stdout).toBe(
      `Usage: post [options] [command]

A post office.

Options:
  -v, --version                output the version number
  -h, --help                   display help for command

Commands:
  ship [options] [parcels...]  ship the named parcels, or every parcel that is
                               ready when none is named
  move [options] <from> <to>   move a parcel
  help [command]               display help for command
`,
    );
    const bare = await run([]);
    expect(bare).toMatchObject({ stdout: '', stderr: asked.stdout, exitCode: 2 });
  });
});

describe('abe on the new command line', () => {
  test('usage errors exit 2 with one line on stderr and nothing on stdout', async () => {
    for (const [argv, text] of [
      [['lnt'], 'abe: unknown command "lnt". Did you mean "lint"?\n'],
      [
        ['lint', '--fromat', 'json'],
        'abe: unknown option "--fromat" for abe lint. Did you mean "--format"?\n',
      ],
      [['check', '-j'], 'abe: option "-j" needs a value: abe check --jobs <n>.\n'],
      [['deploy', 'production'], 'abe: abe deploy takes no arguments; remove "production".\n'],
    ] as const) {
      expect(await runCli(argv)).toEqual({ code: 2, stdout: '', stderr: text });
    }
  });

  test('help for a command goes to stdout with exit code 0, also as abe help <command>', async () => {
    const flag = await runCli(['check', '--help']);
    expect(flag).toMatchObject({ code: 0, stderr: '' });
    expect(flag.stdout).toContain('  -j, --jobs <n>            components to run at once');
    expect(flag.stdout).toContain('\nExit codes: 0 every step passed');
    expect(await runCli(['help', 'check'])).toEqual(flag);
  });

  test('abe without a command prints the program help on stderr and exits 2', async () => {
    const run = await runCli([]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^Usage: abe \[options\] \[command\]\n/);
    expect(COMMAND_NAMES.filter((name) => !listsCommand(run.stderr, name))).toEqual([]);
  });
});
