import type { Diagnostic } from '../contract/types.js';
import type { DiagnosticFormat } from '../report/format-diagnostics.js';
import { type CliContext, EXIT_FAILURES } from './cli-context.js';
import { loadCliConfig } from './component-contracts.js';

export interface LintCliOptions {
  readonly format: DiagnosticFormat;
  readonly config?: string;
  readonly strict?: boolean;
}

/**
 * `abe lint [patterns...]`: lints the files the patterns match, or without patterns the
 * contracts builder.ini declares, and prints the diagnostics in the chosen format.
 */
export async function runLint(
  patterns: readonly string[],
  options: LintCliOptions,
  context: CliContext,
): Promise<void> {
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
}

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
  const [config, { lintDeclaredContracts }] = await Promise.all([
    loadCliConfig(options, context),
    import('../config/lint-declared-contracts.js'),
  ]);
  return lintDeclaredContracts(config);
}
