import { relative } from 'node:path';
import { formatDuration } from '../runner/format-duration.js';
import { countSteps, failureReasons } from '../runner/run-result.js';
import { escapeData, escapeProperty } from './escape-workflow-command.js';
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

/**
 * Markdown for `$GITHUB_STEP_SUMMARY`: a verdict line, why each component was selected, a
 * table of results, and the log tail of each failure in a collapsed block.
 *
 * @example
 * await appendFile(env.GITHUB_STEP_SUMMARY, formatGithubStepSummary(report));
 */
export function formatGithubStepSummary(report: RunReport): string {
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
  if (report.run.steps.length === 0) {
    out.push('No component was affected.', '');
    return `${out.join('\n')}\n`;
  }
  out.push(
    '| Component | Step | Result | Time | Selected because |',
    '| --- | --- | --- | --- | --- |',
  );
  const reasons = new Map(
    report.affected.components.map((c) => [c.name, c.reasons.map((r) => r.detail).join('; ')]),
  );
  for (const step of report.run.steps) {
    const result =
      step.status === 'passed'
        ? '✅ passed'
        : step.status === 'failed'
          ? `❌ failed${step.exitCode === null ? '' : ` (exit ${step.exitCode})`}`
          : `⏭️ skipped${step.note === null ? '' : `: ${step.note}`}`;
    out.push(
      `| ${cell(step.component)} | ${cell(step.step)} | ${cell(result)} | ${step.startedAt === null ? '' : formatDuration(step.durationMs)} | ${cell(reasons.get(step.component) ?? '')} |`,
    );
  }
  out.push('');
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
  return `${out.join('\n')}\n`;
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function html(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** A code fence longer than any backtick run inside the text. */
function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const marks = '`'.repeat(longest + 1);
  return `${marks}text\n${text}\n${marks}`;
}
