/** Work that did not settle within its timeout. */
export class TimedOutError extends Error {
  readonly timeout: number;

  constructor(timeout: number) {
    super(`no response within ${timeout} ms`);
    this.timeout = timeout;
  }
}

// setTimeout fires at once for anything above 2^31 - 1 ms; a longer timeout waits for ever.
const LONGEST_TIMER = 2 ** 31 - 1;

/**
 * Runs `start` and settles as soon as it does, or when `timeout` ms have passed (rejecting
 * with a `TimedOutError`), or when `signal` aborts (rejecting with its reason), whichever
 * comes first. `start` gets a signal that aborts in the last two cases, so the work can give
 * up (a socket destroyed, a fetch aborted); the call does not wait for it to do so, since
 * the work that hangs is often the one that ignores signals.
 */
export async function settleWithin<T>(
  start: (signal: AbortSignal) => T | PromiseLike<T>,
  timeout: number,
  signal: AbortSignal | undefined,
): Promise<T> {
  signal?.throwIfAborted();
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const stopped = new Promise<never>((_, reject) => {
    const stop = (reason: unknown): void => {
      controller.abort(reason);
      reject(reason);
    };
    onAbort = () => stop(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    if (timeout <= LONGEST_TIMER)
      timer = setTimeout(() => stop(new TimedOutError(timeout)), timeout);
  });
  try {
    return await Promise.race([(async () => start(controller.signal))(), stopped]);
  } finally {
    clearTimeout(timer);
    if (onAbort !== undefined) signal?.removeEventListener('abort', onAbort);
  }
}
