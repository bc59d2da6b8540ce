import type { JsonObject } from '../contract/types.js';
import { AbeError } from '../core/abe-error.js';
import { stateText } from './state-text.js';
import type { ExampleContext, StateHandler } from './types.js';

/** What a state change asks for: Pact's `action` values, so existing state endpoints work. */
export type StateAction = 'setup' | 'teardown';

/**
 * The JSON body posted to a state endpoint, as Pact's provider verifier posts it:
 * `{ "state": "user exists", "params": { "id": 1 }, "action": "setup" }`, so endpoints
 * written for Pact read it unchanged. `params` is `{}` for a state without parameters.
 *
 * @example
 * stateChangeBody('user exists', { id: 1 }, 'teardown')
 * // { state: 'user exists', params: { id: 1 }, action: 'teardown' }
 */
export function stateChangeBody(
  state: string,
  params: JsonObject,
  action: StateAction,
): { state: string; params: JsonObject; action: StateAction } {
  return { state, params, action };
}

export interface HttpStateOptions {
  /** Milliseconds to wait for each answer of the state endpoint; `Infinity` waits for ever. */
  readonly timeout: number;
}

// Enough of an error page to see what went wrong, not a whole HTML document.
const BODY_PREVIEW = 200;

/**
 * Provider states set up over HTTP: before an example that assumes a state, POST
 * `{ state, params, action: "setup" }` to `url`; after it, the same with `"teardown"`. An
 * answer other than 2xx, no answer within the timeout or a connection error throws an error
 * naming the URL, the status and the start of the body, which fails the example.
 *
 * @example
 * const handler = httpStateHandler('http://127.0.0.1:8000/_pact/state', { timeout: 10_000 });
 * await verifyProvider('http://127.0.0.1:8000', 'contracts/', { states: { 'user 1 exists': handler } });
 */
export function httpStateHandler(url: string | URL, options: HttpStateOptions): StateHandler {
  const target = new URL(url);
  const post = (action: StateAction) => async (context: ExampleContext) => {
    if (context.state === undefined) return;
    await postStateChange(target, context.state, context.params, action, options.timeout);
  };
  return { setup: post('setup'), teardown: post('teardown') };
}

async function postStateChange(
  url: URL,
  state: string,
  params: JsonObject,
  action: StateAction,
  timeout: number,
): Promise<void> {
  const what = `the state ${action} POST to ${url.href} for ${stateText(state, params)}`;
  let status: string;
  let body: string;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(stateChangeBody(state, params, action)),
      redirect: 'manual',
      ...(Number.isFinite(timeout) ? { signal: AbortSignal.timeout(timeout) } : {}),
    });
    body = await response.text();
    if (response.status >= 200 && response.status < 300) return;
    status = `${response.status}${response.statusText === '' ? '' : ` ${response.statusText}`}`;
  } catch (error) {
    throw new AbeError('provider.target', `${what} failed: ${reason(error, timeout)}.`, {
      hint: 'Check that the state endpoint is running at that URL (--state-setup-url).',
      cause: error,
    });
  }
  const preview = body.trim().replace(/\s+/g, ' ');
  throw new AbeError(
    'provider.target',
    `${what} answered ${status}${preview === '' ? '' : `: ${preview.length > BODY_PREVIEW ? `${preview.slice(0, BODY_PREVIEW)}…` : preview}`}`,
    { hint: 'A state endpoint answers 2xx once the state is set up (or torn down).' },
  );
}

// fetch's own error is a bare "fetch failed"; the reason is its cause, or the timeout.
function reason(error: unknown, timeout: number): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') {
    return `no answer within ${timeout} ms`;
  }
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === 'string') return cause.code;
  return String(cause?.message ?? (error instanceof Error ? error.message : error));
}
