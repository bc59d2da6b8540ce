// Results of running steps over components. They are plain data: reporters (summary table,
// JSON, JUnit, GitHub) turn them into text at the edge.

export type StepStatus = 'passed' | 'failed' | 'skipped';

/** One component × step. */
export interface StepResult {
  readonly component: string;
  /** `build`, `test`, `release`, `tag`, or another make target. */
  readonly step: string;
  readonly status: StepStatus;
  /** 0 when the step did not run. */
  readonly durationMs: number;
  /** ISO time the step started, `null` when it did not run. */
  readonly startedAt: string | null;
  /** Absolute path of the step's output, `null` when it did not run. */
  readonly logFile: string | null;
  /** Exit code of the last command the step ran; `null` when it did not run or was killed. */
  readonly exitCode: number | null;
  /** The signal that ended the step's command, if one did (`SIGTERM` on Ctrl-C). */
  readonly signal: string | null;
  /** Why the step was skipped or failed without an exit code, or what a passing step did (`pushed registry/api:1f3e2d1`). */
  readonly note: string | null;
  /**
   * For a skipped step: true when it did not run because an earlier step or an upstream
   * failed, or the run was cancelled; false when there was nothing to do (`release-process`
   * none). Always false for steps that ran.
   */
  readonly blocked: boolean;
  /** The last lines of the log of a failed step (for JUnit and annotations); `null` otherwise. */
  readonly logTail: string | null;
}

/** The outcome of `runComponents`. */
export interface RunResult {
  /** Step results in build order, then step order. */
  readonly steps: readonly StepResult[];
  /** True when the run was stopped by its abort signal (Ctrl-C / SIGTERM). */
  readonly aborted: boolean;
  readonly startedAt: string;
  readonly durationMs: number;
}

export interface RunCounts {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly total: number;
}

/**
 * Counts step results by status.
 *
 * @example
 * const { failed } = countSteps(result.steps);
 */
export function countSteps(steps: readonly StepResult[]): RunCounts {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const step of steps) {
    if (step.status === 'passed') passed += 1;
    else if (step.status === 'failed') failed += 1;
    else skipped += 1;
  }
  return { passed, failed, skipped, total: steps.length };
}

/**
 * Why a step failed, as parts for each reporter to join in its own words: the exit code, if
 * the step's command ended with a non-zero one, then the note, if there is one. Empty when
 * neither is. Exit code 0 is no reason: a step that failed with it (make that ran nothing)
 * says why in its note.
 *
 * @example
 * failureReasons(step).join(', '); // 'exit code 2, timed out after 10m'
 */
export function failureReasons(step: StepResult): string[] {
  const parts: string[] = [];
  if (step.exitCode !== null && step.exitCode !== 0) parts.push(`exit code ${step.exitCode}`);
  if (step.note !== null) parts.push(step.note);
  return parts;
}
