import { closeSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { BuilderConfig, Component } from '../config/types.js';
import { runInProcessGroup } from '../core/run-in-process-group.js';
import { fileSafe } from './file-safe.js';
import { millisecondsSince } from './milliseconds-since.js';
import { readLogTail } from './read-log-tail.js';
import type { RunEvent } from './run-event.js';
import type { StepResult } from './run-result.js';
import { makeTarget, type StepAction, type StepContext, type StepOutcome } from './step-action.js';

/** What every step of a run shares. */
export interface StepSetup {
  readonly config: BuilderConfig;
  readonly tag: string;
  /** Each step's output goes to `<logDir>/<component>.<step>.log`. */
  readonly logDir: string;
  /** The run's abort signal: aborting stops the step's process groups. */
  readonly signal: AbortSignal;
  /** Time between SIGTERM and SIGKILL on abort; `undefined` for the default. */
  readonly killGraceMs: number | undefined;
  /** Actions for steps that are not plain make targets; other steps run `makeTarget`. */
  readonly actions: Readonly<Record<string, StepAction>> | undefined;
  readonly emit: (event: RunEvent) => void;
}

/**
 * Runs one step of one component: opens a new log file, reports the start, runs the step's
 * action with that log as the output of every command, and returns the result. An action that
 * throws fails the step, with the message in the log and the note.
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
  const logFile = join(setup.logDir, `${fileSafe(component.name)}.${fileSafe(step)}.log`);
  const fd = openNewLog(logFile);
  const startedAt = new Date().toISOString();
  const stepStart = process.hrtime.bigint();
  setup.emit({ type: 'step-start', component: component.name, step, logFile, startedAt });
  const context = stepContext(component, step, env, logFile, fd, setup);
  let outcome: StepOutcome;
  try {
    outcome = await (setup.actions?.[step] ?? makeTarget)(context);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    context.log(`abe: ${message}`);
    outcome = { status: 'failed', exitCode: null, note: message };
  } finally {
    closeSync(fd);
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

/** What the step's action gets: its commands run from the repository root, output to `fd`. */
function stepContext(
  component: Component,
  step: string,
  env: Record<string, string>,
  logFile: string,
  fd: number,
  setup: StepSetup,
): StepContext {
  const { config, signal, killGraceMs } = setup;
  const log = (line: string): void => {
    writeSync(fd, `${line}\n`);
  };
  return {
    config,
    component,
    step,
    env,
    tag: setup.tag,
    logFile,
    signal,
    log,
    exec: (file, args, execOptions = {}) => {
      log(`$ ${[file, ...args].map(quoteForDisplay).join(' ')}`);
      return runInProcessGroup(file, args, {
        cwd: config.root,
        env: execOptions.env ?? env,
        output: fd,
        ...(execOptions.captureStdout === true ? { captureStdout: true } : {}),
        signal,
        ...(killGraceMs === undefined ? {} : { killGraceMs }),
      });
    },
  };
}

/**
 * Opens a new, empty log file in place of the last run's. Synchronous: an open on the thread pool
 * put a round trip between one make ending and the next starting, and the log is a local file.
 *
 * The old file is removed rather than truncated: on ext4, truncating a file that has data and
 * closing it after new writes starts a write-back of it (the "replace via truncate" safeguard),
 * which made each open and close take 0.5–3 ms during a run instead of 0.1 ms. Removing also
 * means a symbolic link left at the log's path is replaced, never written through.
 */
function openNewLog(file: string): number {
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return openSync(file, 'w');
}

function quoteForDisplay(arg: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(arg) ? arg : JSON.stringify(arg);
}
