import { type Command, Option } from 'commander';
import { type CliContext, EXIT_FAILURES } from './cli-context.js';
import type { DiagnosticFormat } from './format-diagnostics.js';

export function registerLint(program: Command, context: CliContext): void {
  program
    .command('lint')
    .description(
      'check ABE contract files: JSON syntax, duplicate keys, schema, urls, methods, statuses, bodies',
    )
    .argument('<patterns...>', 'files, directories (every *.json below) or quoted globs')
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['human', 'json', 'github'])
        .default('human'),
    )
    .addHelpText(
      'after',
      '\nExit codes: 0 no problems, 1 problems found, 2 usage error (such as a pattern that matches no file).',
    )
    .action(async (patterns: string[], options: { format: DiagnosticFormat }) => {
      const [{ lintContracts }, format] = await Promise.all([
        import('../contract/lint-contracts.js'),
        import('./format-diagnostics.js'),
      ]);
      const { files, diagnostics } = await lintContracts(patterns, { cwd: context.cwd });
      const formatOptions = { fileCount: files.length, color: context.color };
      const text =
        options.format === 'json'
          ? format.formatDiagnosticsJson(diagnostics, formatOptions)
          : options.format === 'github'
            ? format.formatDiagnosticsGithub(diagnostics)
            : format.formatDiagnosticsHuman(diagnostics, formatOptions);
      context.stdout.write(text);
      if (diagnostics.some((d) => d.severity === 'error')) context.exitCode = EXIT_FAILURES;
    });
}
