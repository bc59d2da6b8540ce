import { formatFailure } from '../provider/format-failure.js';
import { formatDuration } from '../runner/format-duration.js';
import { escapeData, escapeProperty } from './escape-workflow-command.js';
import { html } from './format-github-report.js';
import { countVerified, failedExamples, type VerifyRun } from './verify-run.js';

/**
 * GitHub Actions workflow commands: one `::error` annotation per failed example, at the
 * example's line and column in its contract file, whose message is the failure as the summary
 * prints it.
 *
 * @example
 * context.stdout.write(formatVerifyGithubAnnotations(run));
 */
export function formatVerifyGithubAnnotations(run: VerifyRun): string {
  return failedExamples(run)
    .map((example) => {
      const where = [
        `file=${escapeProperty(example.file)}`,
        ...(example.line === undefined ? [] : [`line=${example.line}`]),
        ...(example.column === undefined ? [] : [`col=${example.column}`]),
        `title=${escapeProperty(`abe verify: ${example.label} failed`)}`,
      ];
      return `::error ${where.join(',')}::${escapeData(formatFailure(example.failure))}\n`;
    })
    .join('');
}

/**
 * Markdown for `$GITHUB_STEP_SUMMARY`: a verdict line with the counts, a table of failed
 * examples, and each failure in full in a collapsed block.
 *
 * @example
 * await appendFile(env.GITHUB_STEP_SUMMARY, formatVerifyStepSummary(run));
 */
export function formatVerifyStepSummary(run: VerifyRun): string {
  const counts = countVerified(run.examples);
  const icon = counts.failed === 0 ? '✅' : '❌';
  const out = [
    `### ${icon} abe verify ${cell(run.baseUrl)}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped in ${formatDuration(run.durationMs)}`,
    '',
  ];
  const failed = failedExamples(run);
  if (failed.length === 0) return `${out.join('\n')}\n`;
  out.push('| contract | example | request |', '| --- | --- | --- |');
  for (const example of failed) {
    out.push(
      `| ${cell(example.file)} | ${cell(example.label)} | ${cell(`${example.method} ${example.url}`)} |`,
    );
  }
  out.push('');
  for (const example of failed) {
    out.push(
      `<details><summary>${html(`${example.file}#${example.label}`)}</summary>`,
      '',
      '```text',
      formatFailure(example.failure).replaceAll('```', "'''"),
      '```',
      '',
      '</details>',
      '',
    );
  }
  return `${out.join('\n')}\n`;
}

/** Text in a Markdown table cell: no pipe or line break may end the cell, no HTML is read. */
function cell(text: string): string {
  return `\`${text.replaceAll('`', "'").replaceAll('|', '\\|').replace(/\s+/g, ' ')}\``;
}
