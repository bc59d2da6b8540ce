import { relative } from 'node:path';
import { logSafeText } from '../core/log-safe-text.js';
import { formatDuration } from '../runner/format-duration.js';
import { countSteps, failureReasons, type StepResult } from '../runner/run-result.js';
import { escapeData, escapeProperty } from './escape-workflow-command.js';
import { driftMessage } from './format-ledger-gate.js';
import { LIST_EVERY_STEP_UP_TO, listedSteps } from './format-summary.js';
import { type RunReport, reportPassed } from './run-report.js';

const TAIL_LINES = 20;

/**
 * GitHub Actions workflow commands: one `::error` annotation per failed step, titled with the
 * component and step, whose message holds the reason and the end of the log.
 *
 * @example
 * context.stdout.write(formatGithubAnnotations(report));
 */
export function formatGithubAnnotations(report: RunReport): string {
  return stepAnnotations(report) + ledgerAnnotations(report);
}

/**
 * The ledger gate's findings, each at its example's line (`::error file=…,line=…,col=…::`), and
 * drift from the usage lock at the lock file.
 */
function ledgerAnnotations(report: RunReport): string {
  const ledger = report.ledger;
  if (ledger === undefined) return '';
  const out = ledger.findings.map((finding) => {
    const level = finding.severity === 'error' ? 'error' : 'warning';
    return `::${level} file=${escapeProperty(finding.file)},line=${finding.line},col=${finding.column}::${escapeData(finding.message)}\n`;
  });
  if (ledger.drift.length > 0) {
    out.push(
      `::error file=${escapeProperty(ledger.usageFile)},title=${escapeProperty(`abe ${report.command}: usage lock drift`)}::${escapeData(driftMessage(ledger))}\n`,
    );
  }
  if (ledger.problem !== undefined) {
    out.push(
      `::error title=${escapeProperty(`abe ${report.command}: contract ledger`)}::${escapeData(ledger.problem)}\n`,
    );
  }
  return out.join('');
}

function stepAnnotations(report: RunReport): string {
  return report.run.steps
    .filter((step) => step.status === 'failed')
    .map((step) => {
      const why = failureReasons(step);
      const tail = (step.logTail ?? '').split('\n').slice(-TAIL_LINES).join('\n');
      const message = `${step.component} ${step.step} failed${why.length > 0 ? ` (${why.join(', ')})` : ''}${tail === '' ? '' : `\n${tail}`}`;
      return `::error title=${escapeProperty(`abe ${report.command}: ${step.component} ${step.step} failed`)}::${escapeData(message)}\n`;
    })
    .join('');
}

export interface FormatGithubStepSummaryOptions {
  /** One table of every step in run order, however big the run (`--verbose`). Default false. */
  readonly verbose?: boolean;
}

/**
 * Markdown for `$GITHUB_STEP_SUMMARY`: a verdict line, why each component was selected, a
 * table of results, and the log tail of each failure in a collapsed block. A run of more than
 * {@link LIST_EVERY_STEP_UP_TO} steps tables its failed and skipped steps, and its passed ones
 * in a collapsed block at the end, unless `verbose`.
 *
 * @example
 * await appendFile(env.GITHUB_STEP_SUMMARY, formatGithubStepSummary(report));
 */
export function formatGithubStepSummary(
  report: RunReport,
  options: FormatGithubStepSummaryOptions = {},
): string {
  const counts = countSteps(report.run.steps);
  const icon = report.run.aborted ? '⛔' : reportPassed(report) ? '✅' : '❌';
  const out = [
    `### ${icon} abe ${report.command}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped in ${formatDuration(report.run.durationMs)}`,
    '',
  ];
  if (report.lint !== undefined) {
    out.push(
      `Contracts: ${report.lint.files.length} file${report.lint.files.length === 1 ? '' : 's'} linted, ${report.lint.errorCount} error${report.lint.errorCount === 1 ? '' : 's'}, ${report.lint.warningCount} warning${report.lint.warningCount === 1 ? '' : 's'}.`,
      '',
    );
  }
  if (report.ledger !== undefined) {
    const { errors, warnings } = report.ledger;
    out.push(
      `Contract ledger: ${report.ledger.note}${report.ledger.ran ? ` ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}.` : ''}`,
      '',
    );
  }
  if (report.run.steps.length === 0) {
    out.push('No component was affected.', '');
    return `${out.join('\n')}\n`;
  }
  const reasons = new Map(
    report.affected.components.map((c) => [c.name, c.reasons.map((r) => r.detail).join('; ')]),
  );
  const table = (steps: readonly StepResult[]): string[] => [
    '| Component | Step | Result | Time | Selected because |',
    '| --- | --- | --- | --- | --- |',
    ...steps.map((step) => tableRow(step, reasons.get(step.component) ?? '')),
    '',
  ];
  const { listed, passedLeftOut } = listedSteps(report.run.steps, options);
  if (listed.length > 0) out.push(...table(listed));
  for (const step of report.run.steps.filter((s) => s.status === 'failed')) {
    const log = step.logFile === null ? '' : ` (${relative(report.root, step.logFile)})`;
    out.push(
      `<details><summary>${html(`${step.component} ${step.step}`)} log tail${html(log)}</summary>`,
      '',
      fence(step.logTail ?? ''),
      '',
      '</details>',
      '',
    );
  }
  if (passedLeftOut > 0) {
    // The page is the run's record, so the passed steps stay, folded away after the ones to read.
    out.push(
      `<details><summary>${passedLeftOut} passed step${passedLeftOut === 1 ? '' : 's'}</summary>`,
      '',
      ...table(report.run.steps.filter((step) => step.status === 'passed')),
      '</details>',
      '',
    );
  }
  return `${out.join('\n')}\n`;
}

function tableRow(step: StepResult, selectedBecause: string): string {
  const result =
    step.status === 'passed'
      ? '✅ passed'
      : step.status === 'failed'
        ? `❌ failed${failureReasons(step).length === 0 ? '' : ` (${failureReasons(step).join(', ')})`}`
        : `⏭️ skipped${step.note === null ? '' : `: ${step.note}`}`;
  return `| ${cell(step.component)} | ${cell(step.step)} | ${cell(result)} | ${step.startedAt === null ? '' : formatDuration(step.durationMs)} | ${cell(selectedBecause)} |`;
}

/** A table cell: a line break (CR as much as LF) or a `|` would end the row or the cell early. */
function cell(text: string): string {
  return logSafeText(text).replaceAll('|', '\\|');
}

/** Text made safe inside the step summary's HTML (`<details>`, `<code>`). */
export function html(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** A code fence longer than any backtick run inside the text. */
function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const marks = '`'.repeat(longest + 1);
  return `${marks}text\n${text}\n${marks}`;
}
