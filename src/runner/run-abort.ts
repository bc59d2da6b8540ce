import { setMaxListeners } from 'node:events';

/** The run's own abort signal, which every step and process group listens to. */
export interface RunAbort {
  /** Aborts when the caller's signal does (Ctrl-C / SIGTERM), or on `abort`. */
  readonly signal: AbortSignal;
  /** Stops every running step, e.g. when the run itself failed. */
  abort(reason: unknown): void;
  /** Stops listening to the caller's signal; call once the run is over. */
  release(): void;
}

/**
 * An abort signal for one run that follows the caller's. The caller's signal gets one listener
 * however many steps run: the steps and their process groups listen to ours, which has no
 * listener limit, so a large `-j` does not trip Node's leak warning. The run can also abort on
 * its own, without aborting the caller's signal.
 *
 * @example
 * const abort = createRunAbort(options.signal);
 * try { await work(abort.signal); } finally { abort.release(); }
 */
export function createRunAbort(callerSignal: AbortSignal | undefined): RunAbort {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  const forward = (): void => controller.abort(callerSignal?.reason);
  if (callerSignal?.aborted === true) forward();
  else callerSignal?.addEventListener('abort', forward, { once: true });
  return {
    signal: controller.signal,
    abort: (reason) => controller.abort(reason),
    release: () => callerSignal?.removeEventListener('abort', forward),
  };
}
