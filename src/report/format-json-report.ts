import type { Reason } from '../affected/types.js';
import { logSafeJson } from '../core/log-safe-text.js';
import type { LedgerGateReport } from '../ledger/ledger-gate-report.js';
import { countSteps, type RunCounts } from '../runner/run-result.js';
import { type RunReport, reportPassed } from './run-report.js';

/** One step in the JSON report. */
export interface JsonReportStep {
  readonly step: string;
  readonly status: 'passed' | 'failed' | 'skipped';
  readonly durationMs: number;
  readonly startedAt: string | null;
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly logFile: string | null;
  readonly note: string | null;
  readonly blocked: boolean;
  readonly logTail: string | null;
}

/** The stable `--reporter json` document, version 1 (documented in docs/runner.md). */
export interface JsonReport {
  readonly version: 1;
  readonly command: string;
  readonly ok: boolean;
  readonly aborted: boolean;
  readonly tag: string;
  readonly base: string | null;
  readonly head: string | null;
  readonly changedFiles: readonly string[];
  readonly startedAt: string;
  readonly durationMs: number;
  readonly counts: RunCounts;
  readonly contracts: {
    readonly files: readonly string[];
    readonly errorCount: number;
    readonly warningCount: number;
    readonly diagnostics: readonly unknown[];
  } | null;
  readonly components: readonly {
    readonly name: string;
    readonly path: string;
    readonly reasons: readonly Reason[];
    readonly steps: readonly JsonReportStep[];
  }[];
  /** The contract ledger gate of `abe check` (docs/ledger.md); absent for other commands. */
  readonly ledger?: LedgerGateReport;
}

/**
 * The JSON report as an object: components in build order with their reasons and one entry
 * per step.
 *
 * @example
 * const json = jsonReport(report); json.components[0].steps[0].status // 'passed'
 */
function jsonReport(report: RunReport): JsonReport {
  const { affected, run, lint } = report;
  return {
    version: 1,
    command: report.command,
    ok: reportPassed(report),
    aborted: run.aborted,
    tag: report.tag,
    base: affected.base,
    head: affected.head,
    changedFiles: affected.changedFiles,
    startedAt: run.startedAt,
    durationMs: run.durationMs,
    counts: countSteps(run.steps),
    contracts:
      lint === undefined
        ? null
        : {
            files: lint.files,
            errorCount: lint.errorCount,
            warningCount: lint.warningCount,
            diagnostics: lint.diagnostics,
          },
    components: affected.components.map((component) => ({
      name: component.name,
      path: component.path,
      reasons: component.reasons,
      steps: run.steps
        .filter((step) => step.component === component.name)
        .map(({ component: _name, ...step }) => step),
    })),
    ...(report.ledger === undefined ? {} : { ledger: report.ledger }),
  };
}

/**
 * The `--reporter json` text: {@link jsonReport}, indented, with a final newline.
 *
 * @example
 * await writeFile('reports/abe.json', formatJsonReport(report));
 */
export function formatJsonReport(report: RunReport): string {
  // On stdout it lands in the CI log, where `##[` anywhere in a line is a workflow command.
  return `${logSafeJson(JSON.stringify(jsonReport(report), null, 2))}\n`;
}
