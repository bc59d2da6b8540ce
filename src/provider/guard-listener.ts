import type { ServerResponse } from 'node:http';
import { AppThrewError } from './app-threw-error.js';
import type { NodeListener } from './types.js';

/**
 * Catches what node listeners throw while the provider checks send them requests, so one
 * broken route fails its example instead of crashing the process (node's http server lets a
 * listener's throw, or the rejection of the promise an async listener returns, escape as an
 * uncaught error). What a listener throws outside its own call and its returned promise (in
 * a `setTimeout`, an event handler, a promise it does not return) cannot be caught here.
 */
export interface ListenerGuard {
  /** The listener, answering 500 and recording the error when it throws or its promise rejects. */
  wrap(listener: NodeListener): NodeListener;
  /** Forgets what was caught; called before each request. */
  reset(): void;
  /** Throws an `AppThrewError` for what a listener threw since the last `reset`. */
  check(): void;
}

/** A guard for the listeners of one target; requests go through it one at a time. */
export function guardListener(): ListenerGuard {
  let caught: { error: unknown } | undefined;
  const fail = (response: ServerResponse, error: unknown): void => {
    caught ??= { error };
    if (response.writableEnded) return;
    if (response.headersSent) {
      response.destroy();
      return;
    }
    response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
    response.end('abe-ts: the request listener threw; see the failure of this example.');
  };
  return {
    wrap: (listener) => (request, response) => {
      let result: unknown;
      try {
        result = listener(request, response);
      } catch (error) {
        fail(response, error);
        return;
      }
      const thenable = result as { then?: unknown } | null | undefined;
      if (typeof thenable?.then === 'function') {
        (result as PromiseLike<unknown>).then(undefined, (error: unknown) => fail(response, error));
      }
    },
    reset: () => {
      caught = undefined;
    },
    check: () => {
      if (caught === undefined) return;
      const { error } = caught;
      caught = undefined;
      throw new AppThrewError(error);
    },
  };
}
