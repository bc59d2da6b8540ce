import type {
  ArgumentDefinition,
  CommandDefinition,
  OptionDefinition,
  ProgramDefinition,
} from './run-command-line.js';

// The familiar CLI help layout: 80 columns, two-space indent, terms padded to one column,
// descriptions wrapped beside them.
const WIDTH = 80;
const INDENT = 2;
const GAP = 2;
/** Below this many columns for a description, wrapping beside the term is not worth it. */
const MIN_WRAP = 40;
const HELP_ROW: Row = ['-h, --help', 'display help for command'];

type Row = readonly [term: string, description: string];

/**
 * The program's help: usage, description, global options and one row per command.
 *
 * @example
 * formatProgramHelp(program, commands).startsWith('Usage: abe [options] [command]\n') // true
 */
export function formatProgramHelp(
  program: ProgramDefinition,
  commands: readonly CommandDefinition<object>[],
): string {
  const options: Row[] = [['-v, --version', 'output the version number'], HELP_ROW];
  const rows: Row[] = [
    ...commands.map((command): Row => {
      const args = argumentsUsage(command.arguments ?? []);
      return [`${command.name} [options]${args}`, command.description];
    }),
    ['help [command]', 'display help for command'],
  ];
  return layout(`${program.name} [options] [command]`, program.description, [
    ['Options:', options],
    ['Commands:', rows],
  ]);
}

/**
 * One command's help: usage, description, arguments, options, then its epilogue.
 *
 * @example
 * formatCommandHelp(program, lintCommand).startsWith('Usage: abe lint [options] [patterns...]\n') // true
 */
export function formatCommandHelp(
  program: ProgramDefinition,
  command: CommandDefinition<object>,
): string {
  const args = command.arguments ?? [];
  const options = (command.options ?? []).flatMap(optionRows);
  const text = layout(
    `${program.name} ${command.name} [options]${argumentsUsage(args)}`,
    command.description,
    [
      ['Arguments:', args.map((arg): Row => [arg.name, arg.description])],
      ['Options:', [...options, HELP_ROW]],
    ],
  );
  return command.epilogue === undefined ? text : `${text}\n${command.epilogue.trim()}\n`;
}

function layout(
  usage: string,
  description: string,
  sections: readonly (readonly [string, readonly Row[]])[],
): string {
  const shown = sections.filter(([, rows]) => rows.length > 0);
  const termWidth = Math.max(...shown.flatMap(([, rows]) => rows.map(([term]) => term.length)));
  const parts = [`Usage: ${usage}`, wrap(description, WIDTH)];
  for (const [title, rows] of shown) {
    parts.push([title, ...rows.map((row) => formatRow(row, termWidth))].join('\n'));
  }
  return `${parts.join('\n\n')}\n`;
}

function formatRow([term, description]: Row, termWidth: number): string {
  const room = WIDTH - INDENT - termWidth - GAP;
  const text =
    room < MIN_WRAP
      ? description
      : wrap(description, room).replaceAll('\n', `\n${' '.repeat(INDENT + termWidth + GAP)}`);
  return `${' '.repeat(INDENT)}${term.padEnd(termWidth)}${' '.repeat(GAP)}${text}`;
}

function optionRows(option: OptionDefinition): Row[] {
  const flags = `${option.short === undefined ? '' : `-${option.short}, `}--${option.name}`;
  const extras = [
    ...(option.choices === undefined
      ? []
      : [`choices: ${option.choices.map((c) => JSON.stringify(c)).join(', ')}`]),
    ...(option.default === undefined ? [] : [`default: ${JSON.stringify(option.default)}`]),
  ];
  const rows: Row[] = [
    [
      option.value === undefined ? flags : `${flags} <${option.value}>`,
      extras.length === 0 ? option.description : `${option.description} (${extras.join(', ')})`,
    ],
  ];
  if (option.negation !== undefined) rows.push([`--no-${option.name}`, option.negation]);
  return rows;
}

function argumentsUsage(args: readonly ArgumentDefinition[]): string {
  return args
    .map((arg) => {
      const name = `${arg.name}${arg.variadic === true ? '...' : ''}`;
      return arg.required === true ? ` <${name}>` : ` [${name}]`;
    })
    .join('');
}

/** Greedy word wrap that keeps explicit line breaks. */
function wrap(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => {
      const lines: string[] = [];
      let current = '';
      for (const chunk of line.match(/\s*\S+/g) ?? []) {
        if (current !== '' && current.length + chunk.length > width) {
          lines.push(current);
          current = chunk.trimStart();
        } else {
          current += chunk;
        }
      }
      lines.push(current);
      return lines.join('\n');
    })
    .join('\n');
}
