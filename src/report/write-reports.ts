import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { displayPath } from '../core/display-path.js';
import type { OutputStream } from '../core/output-stream.js';
import { formatSummary } from './format-summary.js';
import type { ReporterSpec } from './parse-reporters.js';
import type { RunReport } from './run-report.js';

export interface WriteReportsOptions {
  /** Reporter files are resolved against it, and shown relative to it. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Where a machine-readable report without a file goes. */
  readonly stdout: OutputStream;
  /** Where GitHub annotations and the "wrote the report" lines go. */
  readonly human: OutputStream;
  /** The step summary lists every step, as `--verbose` asks (a summary file always does). */
  readonly verbose?: boolean;
}

/**
 * Writes a run's report with each reporter asked for: JSON or JUnit to stdout or to a file,
 * the summary to a file, GitHub annotations to the human stream and the step summary to
 * `$GITHUB_STEP_SUMMARY` (or the reporter's file). Formatters load only when used.
 *
 * @example
 * await writeReports(report, parseReporters(['junit=reports/junit.xml']), { cwd, env, stdout, human });
 */
export async function writeReports(
  report: RunReport,
  reporters: readonly ReporterSpec[],
  options: WriteReportsOptions,
): Promise<void> {
  for (const reporter of reporters) {
    if (reporter.name === 'github') {
      await writeGithubReport(report, reporter.file, options);
      continue;
    }
    const text =
      reporter.name === 'json'
        ? (await import('./format-json-report.js')).formatJsonReport(report)
        : reporter.name === 'junit'
          ? (await import('./format-junit.js')).formatJunit(report)
          : // A file has no screen to overflow: it gets every step.
            formatSummary(report, { verbose: true });
    if (reporter.file === undefined) {
      // The summary is already on the human stream; the others belong on stdout.
      if (reporter.name !== 'summary') options.stdout.write(text);
      continue;
    }
    await writeReportFile(reporter.name, reporter.file, text, options);
  }
}

/**
 * Writes one report to its file (relative to `cwd`, directories made), and says so on the
 * human stream: `Wrote the junit report to reports/junit.xml`.
 *
 * @example
 * await writeReportFile('junit', 'reports/junit.xml', text, options);
 */
export async function writeReportFile(
  name: string,
  file: string,
  text: string,
  options: Pick<WriteReportsOptions, 'cwd' | 'human'>,
): Promise<void> {
  const path = resolve(options.cwd, file);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
  options.human.write(`Wrote the ${name} report to ${displayPath(path, options.cwd)}\n`);
}

/**
 * Appends Markdown to the GitHub step summary: the reporter's file when given, else
 * `$GITHUB_STEP_SUMMARY`; nothing when neither is set (not on GitHub Actions).
 *
 * @example
 * await appendStepSummary(undefined, markdown, options);
 */
export async function appendStepSummary(
  file: string | undefined,
  markdown: string,
  options: Pick<WriteReportsOptions, 'cwd' | 'env'>,
): Promise<void> {
  const summaryFile = file ?? options.env.GITHUB_STEP_SUMMARY;
  if (!summaryFile) return;
  const path = resolve(options.cwd, summaryFile);
  await mkdir(dirname(path), { recursive: true });
  await appendFile(path, markdown);
}

async function writeGithubReport(
  report: RunReport,
  file: string | undefined,
  options: WriteReportsOptions,
): Promise<void> {
  const [{ formatDiagnosticsGithub }, { formatGithubAnnotations, formatGithubStepSummary }] =
    await Promise.all([import('./format-diagnostics.js'), import('./format-github-report.js')]);
  options.human.write(
    formatDiagnosticsGithub(report.lint?.diagnostics ?? []) + formatGithubAnnotations(report),
  );
  await appendStepSummary(
    file,
    formatGithubStepSummary(report, { verbose: options.verbose === true }),
    options,
  );
}
