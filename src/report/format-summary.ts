import { relative } from 'node:path';
import { logSafeLineStart, logSafeText } from '../core/log-safe-text.js';
import { formatDuration } from '../runner/format-duration.js';
import { countSteps, failureReasons, type StepResult } from '../runner/run-result.js';
import { type RunReport, reportPassed } from './run-report.js';

export interface FormatSummaryOptions {
  /** ANSI colours. Default false. */
  readonly color?: boolean;
  /** List every step, even in a run too big to list passed ones (`--verbose`). Default false. */
  readonly verbose?: boolean;
}

/**
 * Runs of more steps than this list only their failed and skipped steps, and count the passed
 * ones: 20 rows, with the header, gap and totals line, still fit a 24-line terminal, so below it
 * nothing is hidden, and above it the rows that need reading would scroll out of sight.
 */
export const LIST_EVERY_STEP_UP_TO = 20;

/** The steps a report lists, and how many passed steps it leaves out. */
export interface ListedSteps {
  readonly listed: readonly StepResult[];
  readonly passedLeftOut: number;
}

/**
 * Which steps a summary lists: all of them up to {@link LIST_EVERY_STEP_UP_TO}, or in verbose
 * mode; beyond it, the failed and skipped ones (in run order), the passed ones only counted.
 *
 * @example
 * const { listed, passedLeftOut } = listedSteps(report.run.steps, { verbose: false });
 */
export function listedSteps(
  steps: readonly StepResult[],
  options: { readonly verbose?: boolean } = {},
): ListedSteps {
  if (options.verbose === true || steps.length <= LIST_EVERY_STEP_UP_TO) {
    return { listed: steps, passedLeftOut: 0 };
  }
  const listed = steps.filter((step) => step.status !== 'passed');
  return { listed, passedLeftOut: steps.length - listed.length };
}

/**
 * The default reporter: a table of component × step with result, time and why (exit code,
 * skip reason, log file of failures), then a count line. A run of more than
 * {@link LIST_EVERY_STEP_UP_TO} steps lists its failed and skipped steps and counts the passed
 * ones on one line, unless `verbose`.
 *
 * @example
 * context.stdout.write(formatSummary(report, { color: context.color }));
 */
export function formatSummary(report: RunReport, options: FormatSummaryOptions = {}): string {
  const paint = (code: string, text: string): string =>
    options.color === true ? `\u001b[${code}m${text}\u001b[0m` : text;
  const { steps } = report.run;
  const { listed, passedLeftOut } = listedSteps(steps, options);
  // Names and notes may quote what abe did not write: shown escaped, they stay on their row.
  const rows = listed.map((step) => [
    logSafeLineStart(step.component),
    logSafeText(step.step),
    step.status,
    step.startedAt === null ? '' : formatDuration(step.durationMs),
    logSafeText(detail(step, report.root)),
  ]);
  const header = ['component', 'step', 'result', 'time', ''];
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[], status?: string): string =>
    cells
      .map((cell, column) => {
        const padded = column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0);
        if (column === 2 && status !== undefined) return paint(STATUS_COLOR[status] ?? '0', padded);
        return padded;
      })
      .join('  ')
      .trimEnd();
  const counts = countSteps(steps);
  const parts = [
    `${counts.passed} passed`,
    ...(counts.failed > 0 ? [paint('31', `${counts.failed} failed`)] : []),
    ...(counts.skipped > 0 ? [`${counts.skipped} skipped`] : []),
  ];
  const verdict = report.run.aborted
    ? paint('31', '✖ cancelled')
    : reportPassed(report)
      ? paint('32', '✔')
      : paint('31', '✖');
  const out: string[] = [];
  if (steps.length === 0) {
    out.push('No component to run.');
  } else if (rows.length > 0) {
    out.push(paint('2', line(header)));
    for (const [index, row] of rows.entries()) out.push(line(row, listed[index]?.status));
  }
  if (passedLeftOut > 0) {
    const what = `${passedLeftOut} passed step${passedLeftOut === 1 ? '' : 's'}`;
    out.push(
      paint(
        '2',
        `${rows.length > 0 ? `… and ${what}` : `${what}, not listed`} (--verbose lists them)`,
      ),
    );
  }
  out.push(
    '',
    `${verdict} ${counts.total} step${counts.total === 1 ? '' : 's'}: ${parts.join(', ')} in ${formatDuration(report.run.durationMs)}`,
  );
  return `${out.join('\n')}\n`;
}

const STATUS_COLOR: Readonly<Record<string, string>> = {
  passed: '32',
  failed: '31',
  skipped: '33',
};

function detail(step: StepResult, root: string): string {
  if (step.status === 'skipped') return step.note ?? '';
  const parts: string[] = [];
  if (step.status === 'failed') {
    parts.push(...failureReasons(step));
    if (step.logFile !== null) parts.push(`log ${relative(root, step.logFile)}`);
  } else if (step.note !== null) {
    parts.push(step.note);
  }
  return parts.join(', ');
}
