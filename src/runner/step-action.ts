import type { BuilderConfig, Component } from '../config/types.js';
import type { RunInProcessGroupResult } from '../core/run-in-process-group.js';
import { findMakeNoOp, makeNoOpNote } from './find-make-no-op.js';
import type { StepStatus } from './run-result.js';

/** What a step action may do: run commands into the step's log, and write lines to it. */
export interface StepContext {
  readonly config: BuilderConfig;
  readonly component: Component;
  readonly step: string;
  /** The component's environment (see `componentEnv`). */
  readonly env: Readonly<Record<string, string>>;
  readonly tag: string;
  /** Absolute path of the step's log file. */
  readonly logFile: string;
  /** Fires on Ctrl-C / SIGTERM. */
  readonly signal: AbortSignal;
  /**
   * Runs a command (no shell) from the repository root in its own process group, output to the
   * step's log after a `$ command` line, quoted for a POSIX shell. When that line cannot be
   * written (a full disk), the command does not start: it throws the write's error, and the
   * step fails with it.
   */
  exec(
    file: string,
    args: readonly string[],
    options?: { readonly captureStdout?: boolean; readonly env?: Readonly<Record<string, string>> },
  ): Promise<RunInProcessGroupResult>;
  /** Appends a line to the step's log. */
  log(line: string): void;
}

export interface StepOutcome {
  readonly status: StepStatus;
  readonly exitCode: number | null;
  readonly signal?: string | null;
  readonly note?: string | null;
  /** For a skip: true when something failed before (see `StepResult.blocked`). */
  readonly blocked?: boolean;
}

/** Runs one step of one component. The default is `make -C <path> <step>`. */
export type StepAction = (context: StepContext) => Promise<StepOutcome>;

/**
 * The action of every step that has no action of its own: `make -C <path> <step>` (see
 * `runMake`).
 *
 * @example
 * const outcome = await (actions[step] ?? makeTarget)(context);
 */
export const makeTarget: StepAction = (context) => runMake(context, context.step);

/**
 * Runs `make -C <path> <target>` for a step. A make that exits 0 having run nothing for the
 * target (`make: 'test' is up to date.`, see `findMakeNoOp`) fails it: nothing was built,
 * tested or released, whatever the exit code says.
 *
 * @example
 * const released = await runMake(context, 'release');
 */
export async function runMake(context: StepContext, target: string): Promise<StepOutcome> {
  const { component, env, exec, log, logFile } = context;
  const outcome = outcomeOf(await exec('make', ['-C', component.path, target]), 'make');
  if (outcome.status !== 'passed') return outcome;
  const noOp = findMakeNoOp(logFile, target, env.MAKELEVEL);
  if (noOp === null) return outcome;
  const note = makeNoOpNote(component, target, noOp);
  log(`abe: ${note}.`);
  log(
    'abe: make exits 0 when it runs nothing, which would report a step that ran nothing as passed.',
  );
  return { status: 'failed', exitCode: 0, note };
}

/**
 * Turns how a command ended into a step outcome.
 *
 * @example
 * return outcomeOf(await exec('docker', ['push', image]), 'docker');
 */
export function outcomeOf(result: RunInProcessGroupResult, command: string): StepOutcome {
  if (result.error !== null) {
    const code = (result.error as NodeJS.ErrnoException).code;
    return {
      status: 'failed',
      exitCode: null,
      note:
        code === 'ENOENT'
          ? `cannot run "${command}": it is not on PATH`
          : `cannot run "${command}": ${result.error.message}`,
    };
  }
  if (result.aborted)
    return {
      status: 'failed',
      exitCode: result.exitCode,
      signal: result.signal,
      note: 'cancelled',
    };
  if (result.exitCode === 0) return { status: 'passed', exitCode: 0 };
  return {
    status: 'failed',
    exitCode: result.exitCode,
    signal: result.signal,
    note: result.signal === null ? null : `${command} was killed by ${result.signal}`,
  };
}
