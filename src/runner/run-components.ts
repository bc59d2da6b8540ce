import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { BuilderConfig } from '../config/types.js';
import { componentEnv } from './component-env.js';
import { millisecondsSince } from './milliseconds-since.js';
import { createRunAbort } from './run-abort.js';
import {
  type ComponentSteps,
  runComponentSteps,
  skipComponentSteps,
} from './run-component-steps.js';
import type { RunEvent } from './run-event.js';
import { createRunRecord } from './run-record.js';
import type { RunResult } from './run-result.js';
import { runStep, type StepSetup } from './run-step.js';
import { scheduleInBuildOrder } from './schedule-in-build-order.js';
import { selectedUpstream } from './selected-upstream.js';
import type { StepAction } from './step-action.js';
import { validateRunRequest } from './validate-run-request.js';

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
  /**
   * The ledger directory steps record to (`ABE_LEDGER_DIR`, with `ABE_COMPONENT` and
   * `ABE_ROOT`); absent: the run records nothing.
   */
  readonly ledgerDir?: string;
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
  const { config, steps, tag } = options;
  const concurrency = options.concurrency ?? availableParallelism();
  validateRunRequest(config, {
    components: options.components,
    steps,
    concurrency,
    tag,
    actions: options.actions,
  });
  const logDir = options.logDir ?? join(config.root, '.abe', 'logs');
  const logDirError = makeLogDir(logDir);

  const started = new Date();
  const t0 = process.hrtime.bigint();
  const wanted = new Set(options.components);
  const emit = options.onEvent ?? (() => {});
  const record = createRunRecord(emit);
  const abort = createRunAbort(options.signal);
  const isAborted = (): boolean => abort.signal.aborted;
  const stepSetup: StepSetup = {
    config,
    tag,
    logDir,
    logDirError,
    signal: abort.signal,
    killGraceMs: options.killGraceMs,
    actions: options.actions,
    emit,
  };
  // One copy of the inherited environment per run: every read of `process.env` goes through
  // native code, and copying it took a third of a millisecond per step, between one make ending
  // and the next starting.
  const inherited = { ...(options.env ?? process.env) };
  const ledger =
    options.ledgerDir === undefined ? undefined : { dir: options.ledgerDir, root: config.root };
  const componentSteps: ComponentSteps = {
    steps,
    envFor: (component) => componentEnv(config, component, { tag, env: inherited, ledger }),
    runStep: (component, step, env) => runStep(component, step, env, stepSetup),
    record: record.add,
    isAborted,
  };

  try {
    await scheduleInBuildOrder({
      components: config.components.filter((component) => wanted.has(component.name)),
      waitFor: selectedUpstream(config.components, wanted),
      concurrency,
      isAborted,
      run: (component) => runComponentSteps(component, componentSteps),
      skip: (component, note) => skipComponentSteps(component, note, componentSteps),
      // Our own failure (a log file that cannot be written…): stop what runs before reporting it.
      stop: () => abort.abort('error'),
    });
  } finally {
    abort.release();
  }
  return {
    steps: record.inOrderOf(config.components),
    aborted: isAborted(),
    startedAt: started.toISOString(),
    durationMs: millisecondsSince(t0),
  };
}

/**
 * Makes the log directory. A directory that cannot be made (a full disk, a file in its place)
 * fails every step with the reason, as a log that cannot be written does (see `runStep`), so
 * the run still ends with its summary and reports.
 */
function makeLogDir(logDir: string): Error | undefined {
  try {
    mkdirSync(logDir, { recursive: true });
    return undefined;
  } catch (error) {
    return error as Error;
  }
}
