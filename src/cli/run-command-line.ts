import { parseArgs } from 'node:util';
import { AbeError } from '../core/abe-error.js';
import { didYouMean } from '../core/did-you-mean.js';
import { type CliContext, EXIT_USAGE } from './cli-context.js';

/** One `--name` option of a command. */
export interface OptionDefinition {
  /** The long name without dashes, e.g. `committed-only`; the value goes to `committedOnly`. */
  readonly name: string;
  /** A one-letter alias, e.g. `j` for `-j`. */
  readonly short?: string;
  /** The value's name in help (`--base <ref>`); without it the option is a boolean flag. */
  readonly value?: string;
  readonly description: string;
  /** The only values accepted; anything else is a usage error. */
  readonly choices?: readonly string[];
  /** The value when the option is not given. */
  readonly default?: string;
  /** Repeatable: every value is collected, in order, into an array. */
  readonly multiple?: boolean;
  /** Also accept `--no-<name>`, which sets the option to `false`; this is its help text. */
  readonly negation?: string;
  /** Long names of options that cannot be given together with this one. */
  readonly conflicts?: readonly string[];
}

/** A positional argument; only the last one may be variadic. */
export interface ArgumentDefinition {
  readonly name: string;
  readonly description: string;
  readonly required?: boolean;
  readonly variadic?: boolean;
}

/** What a command's `run` receives: camelCased option names to their values. */
export type ParsedOptions = Readonly<Record<string, string | boolean | readonly string[]>>;

/**
 * A command, declared as data so help can be printed without loading its implementation:
 * `run` imports what it needs when it is called.
 */
export interface CommandDefinition<Options extends object = ParsedOptions> {
  readonly name: string;
  readonly description: string;
  readonly arguments?: readonly ArgumentDefinition[];
  readonly options?: readonly OptionDefinition[];
  /** Printed after the generated help, e.g. the exit codes. */
  readonly epilogue?: string;
  // Method syntax on purpose: its parameters are bivariant, so a command typed with its own
  // option shape (which must match `options` above) fits in a list of commands.
  run(args: readonly string[], options: Options, context: CliContext): Promise<void>;
}

export interface ProgramDefinition {
  readonly name: string;
  readonly description: string;
  readonly version: () => string;
  /** Called only when a command or help is asked for, so `--version` loads no command module. */
  readonly commands: () => Promise<readonly CommandDefinition<object>[]>;
  /**
   * Loads only what defines the command `name`; `undefined` when nothing does, and then
   * `commands` is loaded to say so. Without it, every command is loaded to find one.
   */
  readonly command?: (name: string) => Promise<CommandDefinition<object> | undefined>;
}

const HELP_FLAGS: ReadonlySet<string> = new Set(['-h', '--help']);
const VERSION_FLAGS: ReadonlySet<string> = new Set(['-v', '--version']);

/**
 * Runs `argv` against a program's commands: prints the version or help, or parses the
 * command's arguments and options (strictly) and calls its `run`. Bad usage throws an
 * `AbeError` with code `usage` whose one-line message names the flag; with no command at
 * all the program's help goes to stderr and `context.exitCode` becomes 2.
 *
 * @example
 * await runCommandLine(program, ['lint', '--format', 'json', 'contracts/'], context);
 */
export async function runCommandLine(
  program: ProgramDefinition,
  argv: readonly string[],
  context: CliContext,
): Promise<void> {
  const [first, ...rest] = argv;
  if (first !== undefined && VERSION_FLAGS.has(first)) {
    context.stdout.write(`${program.version()}\n`);
    return;
  }
  if (first === undefined || HELP_FLAGS.has(first) || first === 'help') {
    const commands = await program.commands();
    const named = first === 'help' ? rest[0] : undefined;
    const help = await import('./format-help.js');
    if (named !== undefined) {
      context.stdout.write(help.formatCommandHelp(program, findCommand(commands, named)));
    } else if (first === undefined) {
      context.stderr.write(help.formatProgramHelp(program, commands));
      context.exitCode = EXIT_USAGE;
    } else {
      context.stdout.write(help.formatProgramHelp(program, commands));
    }
    return;
  }
  if (first.startsWith('-')) {
    throw new AbeError(
      'usage',
      `unknown option "${first}" for ${program.name}.${suggestion(first, ['--version', '--help'], `Give a command first, e.g. ${program.name} <command> ${first}; ${program.name} --help lists the commands.`)}`,
    );
  }
  const command = (await program.command?.(first)) ?? findCommand(await program.commands(), first);
  const untilTerminator = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (untilTerminator.some((arg) => HELP_FLAGS.has(arg))) {
    const { formatCommandHelp } = await import('./format-help.js');
    context.stdout.write(formatCommandHelp(program, command));
    return;
  }
  const { args, options } = parseCommandArgs(`${program.name} ${command.name}`, command, rest);
  await command.run(args, options, context);
}

function findCommand<C extends CommandDefinition<object>>(commands: readonly C[], name: string): C {
  const command = commands.find((c) => c.name === name);
  if (command !== undefined) return command;
  const names = [...commands.map((c) => c.name), 'help'];
  throw new AbeError(
    'usage',
    `unknown command "${name}".${suggestion(name, names, `Commands: ${names.join(', ')}.`)}`,
  );
}

/** ` Did you mean "x"?`, else the fallback advice. */
function suggestion(word: string, candidates: readonly string[], fallback: string): string {
  return didYouMean(word, candidates) || ` ${fallback}`;
}

function parseCommandArgs(
  title: string,
  command: CommandDefinition<object>,
  args: readonly string[],
): { args: string[]; options: ParsedOptions } {
  const definitions = command.options ?? [];
  const config = parseConfig(definitions);
  let tokens: ParsedToken[];
  try {
    tokens = parseArgs({
      args: [...args],
      options: config,
      strict: true,
      allowPositionals: true,
      tokens: true,
    }).tokens;
  } catch (error) {
    throw explainParseError(title, definitions, config, args, error);
  }

  const byName = new Map(definitions.map((d) => [d.name, d]));
  const values = new Map<string, string | boolean | string[]>();
  const given = new Set<string>();
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const definition = byName.get(token.name);
    if (definition === undefined) {
      // Only `help` and `no-<name>` reach here: parseArgs rejected every other name.
      const negated = token.name.startsWith('no-')
        ? byName.get(token.name.slice('no-'.length))
        : undefined;
      if (negated === undefined) continue;
      given.add(negated.name);
      values.set(negated.name, false);
      continue;
    }
    given.add(definition.name);
    if (token.value === undefined) {
      values.set(definition.name, true);
      continue;
    }
    if (definition.choices !== undefined && !definition.choices.includes(token.value)) {
      throw new AbeError(
        'usage',
        `${token.rawName} "${token.value}" is not one of ${definition.choices.join(', ')}.${didYouMean(token.value, definition.choices)}`,
      );
    }
    const previous = values.get(definition.name);
    values.set(
      definition.name,
      definition.multiple === true
        ? [...(Array.isArray(previous) ? previous : []), token.value]
        : token.value,
    );
  }

  for (const definition of definitions) {
    for (const other of definition.conflicts ?? []) {
      if (given.has(definition.name) && given.has(other)) {
        throw new AbeError(
          'usage',
          `option "--${definition.name}" cannot be used with option "--${other}" (${title}): give one of them.`,
        );
      }
    }
    if (!values.has(definition.name) && definition.default !== undefined) {
      values.set(definition.name, definition.default);
    }
  }
  checkArgumentCount(title, command.arguments ?? [], positionals);
  return {
    args: positionals,
    options: Object.fromEntries([...values].map(([name, value]) => [camelCase(name), value])),
  };
}

type ParseConfig = Record<string, { type: 'string' | 'boolean'; short?: string }>;
type ParsedToken = NonNullable<ReturnType<typeof parseArgs>['tokens']>[number];

function parseConfig(definitions: readonly OptionDefinition[]): ParseConfig {
  const config: [string, ParseConfig[string]][] = [['help', { type: 'boolean', short: 'h' }]];
  for (const definition of definitions) {
    config.push([
      definition.name,
      {
        type: definition.value === undefined ? 'boolean' : 'string',
        ...(definition.short === undefined ? {} : { short: definition.short }),
      },
    ]);
    if (definition.negation !== undefined) {
      config.push([`no-${definition.name}`, { type: 'boolean' }]);
    }
  }
  return Object.fromEntries(config);
}

/**
 * parseArgs says what is wrong but not in our words and without a suggestion, so the
 * arguments are parsed again leniently to find the token it refused.
 */
function explainParseError(
  title: string,
  definitions: readonly OptionDefinition[],
  config: ParseConfig,
  args: readonly string[],
  error: unknown,
): unknown {
  if (!(error instanceof TypeError && 'code' in error)) return error;
  const { tokens } = parseArgs({
    args: [...args],
    options: config,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const type = config[token.name]?.type;
    if (type === undefined) {
      const longNames = Object.keys(config).map((name) => `--${name}`);
      const fix = token.rawName.startsWith('--')
        ? suggestion(token.rawName, longNames, `${title} --help lists its options.`)
        : ` ${title} --help lists its options.`;
      return new AbeError('usage', `unknown option "${token.rawName}" for ${title}.${fix}`);
    }
    const definition = definitions.find((d) => d.name === token.name);
    const usage = `--${token.name}${definition?.value === undefined ? '' : ` <${definition.value}>`}`;
    if (type === 'string' && token.value === undefined) {
      return new AbeError('usage', `option "${token.rawName}" needs a value: ${title} ${usage}.`);
    }
    if (type === 'string' && !token.inlineValue && token.value?.startsWith('-') === true) {
      return new AbeError(
        'usage',
        `option "${token.rawName}" needs a value, not the option-like "${token.value}": write --${token.name}=${token.value} if that is the value.`,
      );
    }
    if (type === 'boolean' && token.value !== undefined) {
      return new AbeError(
        'usage',
        `option "${token.rawName}" of ${title} takes no value: write ${token.rawName} alone.`,
      );
    }
  }
  return new AbeError('usage', `${title}: ${(error as Error).message.split('\n')[0]}`);
}

function checkArgumentCount(
  title: string,
  definitions: readonly ArgumentDefinition[],
  positionals: readonly string[],
): void {
  const required = definitions.filter((d) => d.required === true);
  if (positionals.length < required.length) {
    const missing = required.slice(positionals.length).map((d) => `<${d.name}>`);
    throw new AbeError('usage', `${title} needs ${missing.join(' ')}; ${title} --help says more.`);
  }
  if (definitions.at(-1)?.variadic === true || positionals.length <= definitions.length) return;
  const extra = positionals.slice(definitions.length).map((arg) => `"${arg}"`);
  const takes =
    definitions.length === 0
      ? 'takes no arguments'
      : `takes at most ${definitions.length} argument${definitions.length === 1 ? '' : 's'}`;
  throw new AbeError('usage', `${title} ${takes}; remove ${extra.join(' ')}.`);
}

function camelCase(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}
