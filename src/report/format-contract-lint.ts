import type { ContractLintReport } from '../config/lint-declared-contracts.js';
import type { BuilderConfig } from '../config/types.js';
import { logSafeLineStart, logSafeText } from '../core/log-safe-text.js';

/**
 * The "Contracts" section of `abe check`: which components declare contracts, every
 * diagnostic at its file, line and column, and a closing count. Names, files and messages
 * are shown with control characters escaped (`logSafeText`).
 *
 * @example
 * formatContractLint(lint, config, { color: false });
 * // 'Declared by api.\n✔ 3 contract files linted, no problems\n'
 */
export function formatContractLint(
  lint: ContractLintReport,
  config: Pick<BuilderConfig, 'components'>,
  { color }: { readonly color: boolean },
): string {
  const paint = (code: string, text: string): string =>
    color ? `\u001b[${code}m${text}\u001b[0m` : text;
  const declaring = config.components.filter((component) => component.contracts.length > 0);
  if (declaring.length === 0) {
    return 'No component declares contracts (add contracts=<glob> to a component in builder.ini).\n';
  }
  const lines = [
    `Declared by ${declaring.map((component) => logSafeText(component.name)).join(', ')}.`,
  ];
  for (const d of lint.diagnostics) {
    const severity = paint(d.severity === 'error' ? '31' : '33', d.severity);
    lines.push(
      `  ${logSafeLineStart(d.file)}:${d.line}:${d.column}  ${severity}  ${logSafeText(d.message)}  ${paint('2', d.code)}`,
    );
  }
  const files = `${lint.files.length} contract file${lint.files.length === 1 ? '' : 's'} linted`;
  lines.push(
    lint.diagnostics.length === 0
      ? `${paint('32', '✔')} ${files}, no problems`
      : `${lint.errorCount > 0 ? paint('31', '✖') : paint('33', '!')} ${files}: ${lint.errorCount} error${lint.errorCount === 1 ? '' : 's'}, ${lint.warningCount} warning${lint.warningCount === 1 ? '' : 's'}`,
  );
  return `${lines.join('\n')}\n`;
}
