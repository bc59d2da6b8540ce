import { join } from 'node:path';
import type { BuilderConfig, Component } from '../config/types.js';
import { displayPath } from '../core/display-path.js';
import { runInProcessGroup } from '../core/run-in-process-group.js';
import { shellQuote } from '../core/shell-quote.js';
import { fileSafe } from './file-safe.js';
import { millisecondsSince } from './milliseconds-since.js';
import { readLogTail } from './read-log-tail.js';
import type { RunEvent } from './run-event.js';
import type { StepResult } from './run-result.js';
import { makeTarget, type StepAction, type StepContext, type StepOutcome } from './step-action.js';
import { openStepLog, type StepLog, unwritableLogNote } from './step-log.js';

/** What every step of a run shares. */
export interface StepSetup {
  readonly config: BuilderConfig;
  readonly tag: string;
  /** Each step's output goes to `<logDir>/<component>.<step>.log`. */
  readonly logDir: string;
  /** Why `logDir` could not be made, if it could not: every step then fails with it. */
  readonly logDirError?: Error | undefined;
  /** The run's abort signal: aborting stops the step's process groups. */
  readonly signal: AbortSignal;
  /** Time between SIGTERM and SIGKILL on abort; `undefined` for the default. */
  readonly killGraceMs: number | undefined;
  /** Actions for steps that are not plain make targets; other steps run `makeTarget`. */
  readonly actions: Readonly<Record<string, StepAction>> | undefined;
  readonly emit: (event: RunEvent) => void;
}

/**
 * The log file of a step, `<component>.<step>.log`, one-to-one: each name goes through
 * `fileSafe`, and a `.` in the step is escaped too, so that `a.b` + `c` and `a` + `b.c` differ.
 *
 * @example
 * stepLogName('api', 'test'); // 'api.test.log'
 * stepLogName('web/ui', 'build'); // 'web%2Fui.build.log'
 */
export function stepLogName(component: string, step: string): string {
  return `${fileSafe(component)}.${fileSafe(step).replaceAll('.', '%2E')}.log`;
}

/**
 * Runs one step of one component: opens a new log file, reports the start, runs the step's
 * action with that log as the output of every command, and returns the result. An action that
 * throws fails the step, with the message in the log and the note. A log that cannot be
 * opened or written fails the step too (a full disk), with a note that says so: the run goes
 * on, and its summary and reports are still written.
 *
 * @example
 * const result = await runStep(api, 'test', componentEnv(config, api, { tag }), setup);
 */
export async function runStep(
  component: Component,
  step: string,
  env: Record<string, string>,
  setup: StepSetup,
): Promise<StepResult> {
  const logFile = join(setup.logDir, stepLogName(component.name, step));
  const shownLog = displayPath(logFile, setup.config.root);
  let log: StepLog;
  try {
    if (setup.logDirError !== undefined) throw setup.logDirError;
    log = openStepLog(logFile);
  } catch (error) {
    return {
      ...notRun(component.name, step),
      status: 'failed',
      note: unwritableLogNote(shownLog, error as Error, false),
    };
  }
  const startedAt = new Date().toISOString();
  const stepStart = process.hrtime.bigint();
  setup.emit({ type: 'step-start', component: component.name, step, logFile, startedAt });
  const { context, ran } = stepContext(component, step, env, log, setup);
  let outcome: StepOutcome;
  try {
    outcome = await (setup.actions?.[step] ?? makeTarget)(context);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    context.log(`abe: ${message}`);
    outcome = { status: 'failed', exitCode: null, note: message };
  } finally {
    log.close();
  }
  if (log.error !== null) {
    outcome = { ...outcome, status: 'failed', note: unwritableLogNote(shownLog, log.error, ran()) };
  }
  const durationMs = millisecondsSince(stepStart);
  return {
    component: component.name,
    step,
    status: outcome.status,
    durationMs,
    startedAt,
    logFile,
    exitCode: outcome.exitCode,
    signal: outcome.signal ?? null,
    note: outcome.note ?? null,
    blocked: outcome.status === 'skipped' && outcome.blocked === true,
    logTail: outcome.status === 'failed' ? await readLogTail(logFile) : null,
  };
}

/** A step that never started: no time, no log. */
function notRun(component: string, step: string): Omit<StepResult, 'status' | 'note'> {
  return {
    component,
    step,
    durationMs: 0,
    startedAt: null,
    logFile: null,
    exitCode: null,
    signal: null,
    blocked: false,
    logTail: null,
  };
}

/**
 * What the step's action gets: its commands run from the repository root, output to the log.
 * `ran` says whether a command started. A command whose `$ …` line cannot be written to the log
 * does not start: `exec` throws the write's error.
 */
function stepContext(
  component: Component,
  step: string,
  env: Record<string, string>,
  log: StepLog,
  setup: StepSetup,
): { context: StepContext; ran: () => boolean } {
  const { config, signal, killGraceMs } = setup;
  let started = false;
  const line = (text: string): void => log.write(`${text}\n`);
  const context: StepContext = {
    config,
    component,
    step,
    env,
    tag: setup.tag,
    logFile: log.file,
    signal,
    log: line,
    exec: async (file, args, execOptions = {}) => {
      // Quoted for a POSIX shell, the line can be pasted to run the same argument array again.
      line(`$ ${[file, ...args].map(shellQuote).join(' ')}`);
      if (log.error !== null) throw log.error;
      started = true;
      const result = await runInProcessGroup(file, args, {
        cwd: config.root,
        env: execOptions.env ?? env,
        output: log.fd,
        ...(execOptions.captureStdout === true ? { captureStdout: true } : {}),
        signal,
        ...(killGraceMs === undefined ? {} : { killGraceMs }),
      });
      if (result.outputError !== null) log.fail(result.outputError);
      return result;
    },
  };
  return { context, ran: () => started };
}
