import type { Diagnostic } from '../contract/types.js';
import { logSafeJson, logSafeLineStart, logSafeText } from '../core/log-safe-text.js';
import { escapeData, escapeProperty } from './escape-workflow-command.js';

export type DiagnosticFormat = 'human' | 'json' | 'github';

export interface FormatDiagnosticsOptions {
  /** Number of files checked, for the closing line. */
  readonly fileCount: number;
  readonly color?: boolean;
}

/**
 * Diagnostics grouped per file, with a closing count line. File names and messages (which
 * quote the contract: labels, urls) are shown with control characters escaped, so a label
 * holding a newline cannot start a line of its own (see `logSafeText`).
 */
export function formatDiagnosticsHuman(
  diagnostics: readonly Diagnostic[],
  { fileCount, color = false }: FormatDiagnosticsOptions,
): string {
  const paint = (code: string, text: string): string =>
    color ? `\u001b[${code}m${text}\u001b[0m` : text;
  const files = plural(fileCount, 'contract file');
  if (diagnostics.length === 0) return `${paint('32', '✔')} ${files} linted, no problems\n`;
  const lines: string[] = [];
  let current: string | undefined;
  for (const d of diagnostics) {
    if (d.file !== current) {
      if (current !== undefined) lines.push('');
      lines.push(paint('4', logSafeLineStart(d.file)));
      current = d.file;
    }
    const where = d.line > 0 ? `${d.line}:${d.column}` : '-';
    lines.push(
      `  ${where.padEnd(8)} ${paint(d.severity === 'error' ? '31' : '33', d.severity.padEnd(7))} ${logSafeText(d.message)}  ${paint('2', d.code)}`,
    );
  }
  const fileCountWithProblems = new Set(diagnostics.map((d) => d.file)).size;
  const errorCount = diagnostics.filter((d) => d.severity === 'error').length;
  // Warnings alone do not fail the lint, so they do not get the failure mark.
  const mark = errorCount > 0 ? paint('31', '✖') : paint('33', '!');
  lines.push(
    '',
    `${mark} ${plural(diagnostics.length, 'problem')} (${plural(errorCount, 'error')}, ${plural(diagnostics.length - errorCount, 'warning')}) in ${plural(fileCountWithProblems, 'file')} (${files} linted)`,
  );
  return `${lines.join('\n')}\n`;
}

/**
 * The stable `--format json` document (version 1):
 * `{ version, fileCount, errorCount, warningCount, diagnostics: Diagnostic[] }`.
 */
export function formatDiagnosticsJson(
  diagnostics: readonly Diagnostic[],
  { fileCount }: FormatDiagnosticsOptions,
): string {
  const errorCount = diagnostics.filter((d) => d.severity === 'error').length;
  const report = {
    version: 1,
    fileCount,
    errorCount,
    warningCount: diagnostics.length - errorCount,
    diagnostics,
  };
  return `${logSafeJson(JSON.stringify(report, null, 2))}\n`;
}

/**
 * GitHub Actions workflow commands: one annotation per diagnostic, at its file and line. The
 * file and title are escaped as properties, the message as data, so nothing in them can end
 * the command or start another.
 */
export function formatDiagnosticsGithub(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((d) => {
      const properties = [`file=${escapeProperty(d.file)}`];
      if (d.line > 0) properties.push(`line=${d.line}`, `col=${d.column}`);
      properties.push(`title=${escapeProperty(`abe lint ${d.code}`)}`);
      return `::${d.severity === 'error' ? 'error' : 'warning'} ${properties.join(',')}::${escapeData(d.message)}\n`;
    })
    .join('');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
