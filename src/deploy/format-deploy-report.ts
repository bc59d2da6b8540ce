import type { DeployReport } from './deploy-report.js';

/**
 * The human summary of a deploy: outcome, images, rollouts, rollback, smoke test, record.
 *
 * @example
 * process.stdout.write(formatDeployReport(report));
 */
export function formatDeployReport(report: DeployReport): string {
  const lines: string[] = [];
  const where = `context ${report.context}, namespace ${report.namespace}`;
  for (const note of report.notes) {
    lines.push(`note: ${note.file} (document ${note.document}): ${note.message}`);
  }
  if (report.result === 'rendered') {
    lines.push(
      `${report.environment}: rendered ${report.renderedFiles.length} template file${report.renderedFiles.length === 1 ? '' : 's'} (${report.objects} objects, valid); nothing was applied.`,
    );
    for (const file of report.renderedFiles) lines.push(`  ${file}`);
    return `${lines.join('\n')}\n`;
  }
  if (report.result === 'succeeded') {
    lines.push(
      report.dryRun
        ? `${report.environment}: dry run passed: the server accepted ${report.objects} objects (${where}); nothing changed.`
        : `${report.environment}: deployed ${report.objects} objects (${where}).`,
    );
  } else {
    lines.push(
      `${report.environment}: deploy FAILED at ${report.failedStage ?? 'apply'} (${where}): ${report.failure ?? 'unknown failure'}`,
    );
  }
  if (report.diffChanged !== undefined) {
    lines.push(`  diff: ${report.diffChanged ? 'changes shown above' : 'no changes'}`);
  }
  const width = Math.max(0, ...report.components.map((c) => c.name.length));
  for (const component of report.components) {
    if (component.image === undefined) continue;
    lines.push(
      `  ${component.name.padEnd(width)}  ${component.image}:${component.tag ?? '(no tag)'}`,
    );
  }
  const done = report.rollouts.filter((r) => r.ok).map((r) => r.target);
  if (done.length > 0) lines.push(`  rolled out: ${done.join(', ')}`);
  if (report.smoke !== undefined) {
    const s = report.smoke;
    lines.push(
      `  smoke test against ${s.baseUrl}: ${s.passed} passed, ${s.failed.length} failed, ${s.skipped} skipped`,
    );
    for (const failure of s.failed) {
      lines.push(`    ✗ ${failure.file} "${failure.label}": ${failure.request}`);
      for (const problem of failure.problems) lines.push(`        ${problem}`);
    }
  }
  const rollback = report.rollback;
  if (rollback !== undefined) {
    lines.push(
      `  rolled back: ${rollback.rolledBack.length > 0 ? rollback.rolledBack.join(', ') : 'nothing'}`,
    );
    for (const failed of rollback.failed) {
      lines.push(`  rollback FAILED for ${failed.target}: ${failed.message}`);
    }
    for (const skipped of rollback.notRolledBack) {
      lines.push(`  not rolled back: ${skipped.target}: ${skipped.reason}`);
    }
  } else if (report.result === 'failed' && !report.dryRun) {
    lines.push(
      report.failedStage === 'smoke'
        ? '  rolled back: nothing (smoke.rollback is off)'
        : '  rolled back: nothing (this deploy changed no workload)',
    );
  }
  if (report.recordFile !== undefined) lines.push(`  recorded in ${report.recordFile}`);
  if (report.recordError !== undefined) lines.push(`  NOT recorded: ${report.recordError}`);
  return `${lines.join('\n')}\n`;
}
