import { resolve } from 'node:path';
import type { Diagnostic } from '../contract/types.js';
import type { DiagnosticFormat } from '../report/format-diagnostics.js';
import { type CliContext, EXIT_FAILURES } from './cli-context.js';
import type { CommandDefinition } from './run-command-line.js';

interface LintCliOptions {
  format: DiagnosticFormat;
  config?: string;
}

export const lintCommand: CommandDefinition<LintCliOptions> = {
  name: 'lint',
  description:
    'check ABE contract files: JSON syntax, duplicate keys, schema, urls, methods, statuses, bodies',
  arguments: [
    {
      name: 'patterns',
      variadic: true,
      description:
        'files, directories (every *.json below) or quoted globs; default: the contracts builder.ini declares',
    },
  ],
  options: [
    {
      name: 'format',
      short: 'f',
      value: 'format',
      description: 'output format',
      choices: ['human', 'json', 'github'],
      default: 'human',
    },
    {
      name: 'config',
      value: 'file',
      description: 'builder.ini to read the declared contracts from, without patterns',
    },
  ],
  epilogue:
    'Exit codes: 0 no problems, 1 problems found, 2 usage error (a pattern that matches no file, no builder.ini without patterns).',
  async run(patterns, options, context) {
    const { files, diagnostics } =
      patterns.length > 0
        ? await lintPatterns(patterns, context)
        : await lintDeclared(options, context);
    const format = await import('../report/format-diagnostics.js');
    const formatOptions = { fileCount: files.length, color: context.color };
    const text =
      options.format === 'json'
        ? format.formatDiagnosticsJson(diagnostics, formatOptions)
        : options.format === 'github'
          ? format.formatDiagnosticsGithub(diagnostics)
          : format.formatDiagnosticsHuman(diagnostics, formatOptions);
    context.stdout.write(text);
    if (diagnostics.some((d) => d.severity === 'error')) context.exitCode = EXIT_FAILURES;
  },
};

interface Linted {
  readonly files: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

async function lintPatterns(patterns: readonly string[], context: CliContext): Promise<Linted> {
  const { lintContracts } = await import('../contract/lint-contracts.js');
  return lintContracts(patterns, { cwd: context.cwd });
}

/** Without patterns, lint what builder.ini declares, exactly as `abe check` does. */
async function lintDeclared(options: LintCliOptions, context: CliContext): Promise<Linted> {
  const [{ findConfigFile, loadConfig }, { lintDeclaredContracts }] = await Promise.all([
    import('../config/load-config.js'),
    import('../config/lint-declared-contracts.js'),
  ]);
  const file =
    options.config === undefined
      ? await findConfigFile(context.cwd)
      : resolve(context.cwd, options.config);
  return lintDeclaredContracts(await loadConfig(file, { cwd: context.cwd }));
}
