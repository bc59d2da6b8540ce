import { setMaxListeners } from 'node:events';
import { closeSync, mkdirSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { BuilderConfig, Component } from '../config/types.js';
import { AbeError } from '../core/abe-error.js';
import { didYouMean } from '../core/did-you-mean.js';
import { cpuCount } from '../core/on-first-use.js';
import { type RunInProcessGroupResult, runInProcessGroup } from '../core/run-in-process-group.js';
import { componentEnv } from './component-env.js';
import { readLogTail } from './read-log-tail.js';
import type { RunResult, StepResult, StepStatus } from './run-result.js';

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
   * step's log after a `$ command` line.
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

export type RunEvent =
  | {
      readonly type: 'step-start';
      readonly component: string;
      readonly step: string;
      readonly logFile: string;
      readonly startedAt: string;
    }
  | { readonly type: 'step-end'; readonly result: StepResult };

export interface RunComponentsOptions {
  readonly config: BuilderConfig;
  /** Names of the components to run, in any order; they run in build order. */
  readonly components: readonly string[];
  /** Steps run in this order for each component, e.g. `['build', 'test']`. */
  readonly steps: readonly string[];
  /** Image tag passed as `DOCKER_TAG` and in upstream image references. */
  readonly tag: string;
  /** Components running at once. Default: the number of CPUs. */
  readonly concurrency?: number;
  /** Environment to inherit. Default: `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Default: `<root>/.abe/logs`. */
  readonly logDir?: string;
  /** Ctrl-C / SIGTERM: stop every process group, start nothing more. */
  readonly signal?: AbortSignal;
  /** Time between SIGTERM and SIGKILL on abort. Default 5000 ms. */
  readonly killGraceMs?: number;
  /** Actions for steps that are not plain make targets (`release`, `tag`). */
  readonly actions?: Readonly<Record<string, StepAction>>;
  /** Called as steps start and end, for live output and commit statuses. */
  readonly onEvent?: (event: RunEvent) => void;
}

/**
 * Runs steps over components in dependency order: a component starts when every selected
 * component it depends on (directly or through others) has finished, at most `concurrency` at
 * once. Keep-going: a failure only skips the failed component's later steps and its downstream.
 * Each step's output goes to `<logDir>/<component>.<step>.log`.
 *
 * @example
 * const result = await runComponents({ config, components: ['api', 'ui'], steps: ['build', 'test'], tag: '1f3e2d1' });
 * if (result.steps.some((s) => s.status === 'failed')) process.exitCode = 1;
 */
export async function runComponents(options: RunComponentsOptions): Promise<RunResult> {
  const { config, steps } = options;
  const concurrency = options.concurrency ?? cpuCount();
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new AbeError('usage', `-j must be a whole number of at least 1, not "${concurrency}".`);
  }
  const byName = new Map(config.components.map((component) => [component.name, component]));
  const wanted = new Set(options.components);
  for (const name of wanted) {
    if (!byName.has(name)) {
      throw new AbeError(
        'config.unknown-component',
        `"${name}" is not a component of ${config.file}.${didYouMean(name, byName.keys())}`,
        { hint: `Components: ${[...byName.keys()].join(', ')}.` },
      );
    }
  }
  const logDir = options.logDir ?? join(config.root, '.abe', 'logs');
  mkdirSync(logDir, { recursive: true });

  const started = new Date();
  const t0 = process.hrtime.bigint();
  const selected = config.components.filter((component) => wanted.has(component.name));
  const waitFor = new Map(
    selected.map((component) => [component.name, ancestorsIn(component, byName, wanted)]),
  );
  const results = new Map<string, StepResult[]>();
  // Once a component is done: whether its downstream may run, and if not, the note they get.
  const done = new Map<string, { ok: boolean; blame: string }>();
  const emit = options.onEvent ?? (() => {});
  // One listener on the caller's signal however many steps run: children listen to ours.
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  const signal = controller.signal;
  const forward = (): void => controller.abort(options.signal?.reason);
  if (options.signal?.aborted === true) forward();
  else options.signal?.addEventListener('abort', forward, { once: true });
  const isAborted = (): boolean => signal.aborted;

  const skipAll = (component: Component, note: string): void => {
    const list = steps.map((step) => skippedStep(component.name, step, note, true));
    results.set(component.name, list);
    for (const result of list) emit({ type: 'step-end', result });
    done.set(component.name, { ok: false, blame: note });
  };

  // One copy of the inherited environment per run: every read of `process.env` goes through
  // native code, and copying it took a third of a millisecond per step, between one make ending
  // and the next starting.
  const inherited = { ...(options.env ?? process.env) };
  const runOne = async (component: Component): Promise<void> => {
    const env = componentEnv(config, component, { tag: options.tag, env: inherited });
    const list: StepResult[] = [];
    results.set(component.name, list);
    let failed: string | undefined;
    for (const step of steps) {
      let result: StepResult;
      if (failed !== undefined)
        result = skippedStep(component.name, step, `"${failed}" failed`, true);
      else if (isAborted()) result = skippedStep(component.name, step, 'cancelled', true);
      else result = await runStep(component, step, env);
      list.push(result);
      emit({ type: 'step-end', result });
      if (result.status === 'failed' && failed === undefined) failed = step;
    }
    const cancelled = isAborted() && list.some((result) => result.status !== 'passed');
    done.set(component.name, {
      ok: failed === undefined && !cancelled,
      blame: cancelled ? 'cancelled' : `upstream "${component.name}" failed`,
    });
  };

  const runStep = async (
    component: Component,
    step: string,
    env: Record<string, string>,
  ): Promise<StepResult> => {
    const logFile = join(logDir, `${fileSafe(component.name)}.${fileSafe(step)}.log`);
    const fd = openNewLog(logFile);
    const startedAt = new Date().toISOString();
    const stepStart = process.hrtime.bigint();
    emit({ type: 'step-start', component: component.name, step, logFile, startedAt });
    const log = (line: string): void => {
      writeSync(fd, `${line}\n`);
    };
    const context: StepContext = {
      config,
      component,
      step,
      env,
      tag: options.tag,
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
          ...(options.killGraceMs === undefined ? {} : { killGraceMs: options.killGraceMs }),
        });
      },
    };
    let outcome: StepOutcome;
    try {
      outcome = await (options.actions?.[step] ?? makeTarget)(context);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log(`abe: ${message}`);
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
  };

  const pending = [...selected];
  const running = new Set<Promise<void>>();
  try {
    while (pending.length > 0 || running.size > 0) {
      for (let index = 0; index < pending.length; index += 1) {
        const component = pending[index] as Component;
        const deps = waitFor.get(component.name) ?? [];
        if (!isAborted() && deps.some((name) => !done.has(name))) continue;
        const blocked = isAborted()
          ? { blame: 'cancelled' }
          : deps.map((name) => done.get(name)).find((state) => state?.ok === false);
        if (blocked !== undefined) {
          skipAll(component, blocked.blame);
        } else if (running.size < concurrency) {
          const task: Promise<void> = runOne(component).finally(() => running.delete(task));
          running.add(task);
        } else {
          continue;
        }
        pending.splice(index, 1);
        // A skip may unblock components earlier in the list: start over.
        index = -1;
      }
      if (running.size === 0) {
        if (pending.length > 0) throw new Error('runComponents: dependencies can never be met');
        break;
      }
      await Promise.race(running);
    }
  } catch (error) {
    // Our own failure (a log file that cannot be written…): stop what runs before reporting it.
    controller.abort('error');
    await Promise.allSettled(running);
    throw error;
  } finally {
    options.signal?.removeEventListener('abort', forward);
  }
  return {
    steps: config.components.flatMap((component) => results.get(component.name) ?? []),
    aborted: isAborted(),
    startedAt: started.toISOString(),
    durationMs: millisecondsSince(t0),
  };
}

const makeTarget: StepAction = async ({ component, step, exec }) =>
  outcomeOf(await exec('make', ['-C', component.path, step]), 'make');

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

function skippedStep(component: string, step: string, note: string, blocked: boolean): StepResult {
  return {
    component,
    step,
    status: 'skipped',
    durationMs: 0,
    startedAt: null,
    logFile: null,
    exitCode: null,
    signal: null,
    note,
    blocked,
    logTail: null,
  };
}

/** Selected components `component` depends on, directly or through components not selected. */
function ancestorsIn(
  component: Component,
  byName: ReadonlyMap<string, Component>,
  selected: ReadonlySet<string>,
): string[] {
  const seen = new Set<string>();
  const stack = [...component.upstream];
  while (stack.length > 0) {
    const name = stack.pop() as string;
    if (seen.has(name)) continue;
    seen.add(name);
    stack.push(...(byName.get(name)?.upstream ?? []));
  }
  return [...seen].filter((name) => selected.has(name));
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

/**
 * A name made safe to use in a file name: anything but letters, digits, `.`, `_` and `-`
 * becomes `_`, so a component or step name cannot add a directory or an odd character.
 *
 * @example
 * fileSafe('web/ui'); // 'web_ui'
 */
export function fileSafe(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '_');
}

/** Whole milliseconds from a `process.hrtime.bigint()` reading until now. */
function millisecondsSince(start: bigint): number {
  return Math.round(Number(process.hrtime.bigint() - start) / 1e6);
}

function quoteForDisplay(arg: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(arg) ? arg : JSON.stringify(arg);
}
