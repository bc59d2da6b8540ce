import { logSafeText } from '../core/log-safe-text.js';
import type { UsageDrift } from '../ledger/find-usage-drift.js';
import type { LedgerGateReport } from '../ledger/ledger-gate-report.js';
import { USAGE_FIX_COMMAND } from '../ledger/ledger-gate-report.js';

/**
 * The "Contract ledger" section of `abe check`: one line of what was checked (or why not),
 * each finding at its example's line, the drift from the usage lock with the fix.
 *
 * @example
 * human.section('Contract ledger', formatLedgerGate(report.ledger, { color: false }));
 */
export function formatLedgerGate(
  ledger: LedgerGateReport,
  options: { readonly color?: boolean } = {},
): string {
  const paint = (code: string, text: string): string =>
    options.color === true ? `\u001b[${code}m${text}\u001b[0m` : text;
  const lines = [ledger.note];
  if (ledger.problem !== undefined) lines.push(paint('31', `✖ ${logSafeText(ledger.problem)}`));
  for (const finding of ledger.findings) {
    const mark = finding.severity === 'error' ? paint('31', '✖ error') : paint('33', '⚠ warning');
    lines.push(
      `${mark} ${logSafeText(`${finding.file}:${finding.line}:${finding.column}`)}  ${logSafeText(finding.message)}`,
    );
  }
  if (ledger.drift.length > 0) {
    lines.push(paint('31', `✖ error the usage lock ${ledger.usageFile} is out of date:`));
    for (const drift of ledger.drift) {
      lines.push(`    ${driftText(drift, logSafeText)}`);
    }
    lines.push(`  Fix: ${USAGE_FIX_COMMAND}, then commit ${ledger.usageFile}.`);
  }
  if (ledger.ran && ledger.findings.length === 0 && ledger.drift.length === 0) {
    lines.push(paint('32', '✔ every example a consumer used was verified by its provider'));
  }
  return `${lines.join('\n')}\n`;
}

/** The text of a drift entry, for annotations and JUnit. */
export function driftMessage(ledger: LedgerGateReport): string {
  const what = ledger.drift.map((d) => driftText(d, (text) => text)).join('; ');
  return `the usage lock ${ledger.usageFile} is out of date: ${what}. Fix: ${USAGE_FIX_COMMAND}, then commit ${ledger.usageFile}`;
}

/** `mailer now uses example "OK" of api/get.json`, each name passed through `safe`. */
function driftText(drift: UsageDrift, safe: (text: string) => string): string {
  const change = drift.change === 'new' ? 'now uses' : 'no longer uses';
  return `${safe(drift.consumer)} ${change} example ${safe(JSON.stringify(drift.label))} of ${safe(drift.file)}`;
}
