import { logSafeText } from '../core/log-safe-text.js';
import type { Coverage, ExampleRef } from '../ledger/build-coverage.js';

export interface FormatCoverageOptions {
  /** Lines the ledger reader left out: a process died while writing one. */
  readonly partialLines?: number;
  /** Colours for a terminal. */
  readonly color?: boolean;
}

/**
 * `abe coverage`'s text: a table per contract (each example's line, provider status and
 * consumers), then the three lists that matter, then the totals.
 *
 * @example
 * context.stdout.write(formatCoverage(coverage));
 */
export function formatCoverage(coverage: Coverage, options: FormatCoverageOptions = {}): string {
  const bold = (text: string): string =>
    options.color === true ? `\u001b[1m${text}\u001b[22m` : text;
  const out: string[] = [];
  for (const contract of coverage.contracts) {
    out.push(bold(`${safe(contract.file)}  (${contract.owner}, ${safe(contract.endpoint)})`));
    const rows = contract.examples.map((example) => [
      `"${safe(example.label)}"`,
      `${example.line}`,
      example.provider,
      example.consumers.length === 0 ? '-' : example.consumers.join(', '),
      example.staleLines === 0 ? '' : `${example.staleLines} stale`,
    ]);
    out.push(...table([['example', 'line', 'provider', 'used by', ''], ...rows]));
    if (contract.unknownLabelLines > 0) {
      out.push(`  ${contract.unknownLabelLines} line(s) name a label the file no longer has`);
    }
    out.push('');
  }
  const list = (title: string, refs: readonly ExampleRef[], tail: (r: ExampleRef) => string) => {
    out.push(bold(`${title} (${refs.length})`));
    for (const ref of refs) {
      out.push(`  ${safe(ref.file)}:${ref.line}:${ref.column}  "${safe(ref.label)}"${tail(ref)}`);
    }
    if (refs.length === 0) out.push('  none');
    out.push('');
  };
  list('Used but not verified', coverage.usedNotVerified, (r) => {
    return `  used by ${r.consumers.join(', ')}; provider ${r.provider}`;
  });
  list('Verified but never used', coverage.verifiedNotUsed, () => '');
  list('Neither verified nor used', coverage.neither, (r) => `  provider ${r.provider}`);
  if (coverage.undeclared.length > 0) {
    out.push(
      bold(`Lines about contracts builder.ini does not declare (${coverage.undeclared.length})`),
    );
    for (const item of coverage.undeclared) {
      out.push(`  ${safe(item.file)}  ${item.lines} line(s) from ${item.components.join(', ')}`);
    }
    out.push('');
  }
  const t = coverage.totals;
  const partial = options.partialLines ?? 0;
  out.push(
    `${t.contracts} contract(s), ${t.examples} example(s): ${t.verified} verified, ${t.failed} failed, ${t.notRun} not run; ${t.used} used by a consumer. ${t.lines} ledger line(s)${t.staleLines === 0 ? '' : `, ${t.staleLines} about older versions`}${partial === 0 ? '' : `, ${partial} partial (left out)`}.`,
  );
  return `${out.join('\n')}\n`;
}

function table(rows: readonly (readonly string[])[]): string[] {
  const widths = (rows[0] ?? []).map((_, column) =>
    Math.max(...rows.map((row) => (row[column] ?? '').length)),
  );
  return rows.map((row) =>
    `  ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ')}`.trimEnd(),
  );
}

function safe(text: string): string {
  return logSafeText(text);
}
