import type { ReporterSpec } from './parse-reporters.js';
import type { VerifyRun } from './verify-run.js';
import { appendStepSummary, type WriteReportsOptions, writeReportFile } from './write-reports.js';

/**
 * Writes an `abe verify` run with each reporter asked for: JSON or JUnit to stdout or a file,
 * the summary to a file (on the terminal it was printed as the run went), GitHub annotations to
 * the human stream and the step summary to `$GITHUB_STEP_SUMMARY` (or the reporter's file).
 *
 * @example
 * await writeVerifyReports(run, parseReporters(['junit=reports/verify.xml']), { cwd, env, stdout, human: stdout });
 */
export async function writeVerifyReports(
  run: VerifyRun,
  reporters: readonly ReporterSpec[],
  options: WriteReportsOptions,
): Promise<void> {
  for (const reporter of reporters) {
    if (reporter.name === 'github') {
      const github = await import('./format-verify-github.js');
      options.human.write(github.formatVerifyGithubAnnotations(run));
      await appendStepSummary(reporter.file, github.formatVerifyStepSummary(run), options);
      continue;
    }
    if (reporter.name === 'summary' && reporter.file === undefined) continue;
    const text =
      reporter.name === 'json'
        ? (await import('./format-verify-json.js')).formatVerifyJson(run)
        : reporter.name === 'junit'
          ? (await import('./format-verify-junit.js')).formatVerifyJunit(run)
          : (await import('./format-verify-summary.js')).formatVerifySummary(run);
    if (reporter.file === undefined) options.stdout.write(text);
    else await writeReportFile(reporter.name, reporter.file, text, options);
  }
}
