import type { RunReport } from '../../src/report/run-report.js';
import type { StepResult, StepStatus } from '../../src/runner/run-result.js';

/**
 * A `RunReport` of one `test` step per component, named `c001`, `c002`, …: every step passes
 * but those listed in `outcomes`, a failed step exiting 2 with its log under `/repo/.abe/logs`.
 */
export function runReportOf(
  count: number,
  outcomes: Readonly<Record<string, Exclude<StepStatus, 'passed'>>> = {},
): RunReport {
  const names = Array.from(
    { length: count },
    (_, index) => `c${String(index + 1).padStart(3, '0')}`,
  );
  const report = reportOf(
    names.map((name) => ({
      name,
      path: name,
      reasons: [{ kind: 'all', detail: 'every component (--all)' }],
    })),
    names.map((name) => stepResult(name, outcomes[name] ?? 'passed')),
  );
  return { ...report, run: { ...report.run, durationMs: 61_000 } };
}

/** A `RunReport` of a `test` run over these components and step results, `extra` on top. */
export function reportOf(
  components: RunReport['affected']['components'],
  steps: readonly StepResult[],
  extra: Partial<RunReport> = {},
): RunReport {
  return {
    command: 'test',
    steps: ['test'],
    tag: 't1',
    root: '/repo',
    affected: { base: null, head: null, changedFiles: [], unownedFiles: [], components },
    run: { aborted: false, startedAt: '2025-01-01T00:00:00.000Z', durationMs: 1500, steps },
    ...extra,
  };
}

export function stepResult(component: string, status: StepStatus): StepResult {
  const ran = status !== 'skipped';
  return {
    component,
    step: 'test',
    status,
    durationMs: ran ? 1500 : 0,
    startedAt: ran ? '2025-01-01T00:00:00.000Z' : null,
    logFile: ran ? `/repo/.abe/logs/${component}.test.log` : null,
    exitCode: status === 'failed' ? 2 : ran ? 0 : null,
    signal: null,
    note: status === 'skipped' ? 'upstream "c005" failed' : null,
    blocked: status === 'skipped',
    logTail: status === 'failed' ? `$ make -C ${component} test\nboom` : null,
  };
}
