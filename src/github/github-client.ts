import { setTimeout as sleep } from 'node:timers/promises';
import { logSafeText } from '../core/log-safe-text.js';

export interface GithubClientOptions {
  /** `https://api.github.com`, or a GitHub Enterprise `/api/v3` URL. */
  readonly apiUrl: string;
  readonly token: string;
  /** Extra attempts after a 5xx answer, a 429, a network error or a timeout. Default 3. */
  readonly retries?: number;
  /** First wait between attempts, doubled each time. Default 500 ms. */
  readonly retryDelayMs?: number;
  /**
   * One attempt, from connecting to the last byte of the answer's body. Default 10 s, GitHub's
   * own limit for answering a REST call.
   */
  readonly timeoutMs?: number;
  /**
   * One request, every attempt and every wait between them: no attempt starts past it, and the
   * one running is cut there. Default three times `timeoutMs`.
   */
  readonly budgetMs?: number;
  /** Aborting it ends every request at once: the attempt running and the waits between them. */
  readonly signal?: AbortSignal;
}

export interface GithubClient {
  /** Sends a request and returns the parsed JSON answer (`null` for an empty body). */
  request(method: string, path: string, body?: unknown): Promise<unknown>;
}

/**
 * How a call failed: GitHub answered with an error (`http`), could not be reached (`network`),
 * did not answer in time (`timeout`), or the caller gave up on it (`cancelled`).
 */
export type GithubFailureKind = 'http' | 'network' | 'timeout' | 'cancelled';

/** A GitHub API call that failed for good. The message never contains the token. */
export class GithubApiError extends Error {
  override readonly name = 'GithubApiError';
  /** HTTP status, or `undefined` when GitHub gave no answer. */
  readonly status: number | undefined;
  readonly kind: GithubFailureKind;

  constructor(message: string, status: number | undefined, kind: GithubFailureKind = 'http') {
    super(message);
    this.status = status;
    this.kind = kind;
  }
}

/** The longest piece of GitHub's answer a message quotes. */
const MESSAGE_LIMIT = 300;

/**
 * A minimal GitHub REST client on global `fetch`, with retries and exponential backoff for
 * server errors, rate limiting, network failures and timeouts. Every request is bounded: each
 * attempt by `timeoutMs` (body included), the whole request by `budgetMs`, and all of them by
 * `signal`.
 *
 * @example
 * const github = createGithubClient({ apiUrl: 'https://api.github.com', token, signal });
 * await github.request('POST', '/repos/acme/shop/statuses/1f3e2d1…', { state: 'pending', context: 'abe/api/test' });
 */
export function createGithubClient(options: GithubClientOptions): GithubClient {
  const retries = options.retries ?? 3;
  const firstDelay = options.retryDelayMs ?? 500;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const budgetMs = options.budgetMs ?? timeoutMs * 3;
  const { signal } = options;
  // A function, not a narrowed property: the signal may fire during any await.
  const aborted = (): boolean => signal?.aborted === true;
  const apiUrl = options.apiUrl.replace(/\/+$/, '');
  // Belt and braces: whatever a server or a network library echoes, the token is not repeated.
  // Redacted before anything is cut, so a token across the cut cannot leave its first characters.
  const redact = (text: string): string =>
    options.token === '' ? text : text.replaceAll(options.token, '***');

  return {
    async request(method, path, body) {
      const what = `GitHub API ${method} ${path}`;
      const cancelled = (): GithubApiError =>
        new GithubApiError(`${what} was cancelled`, undefined, 'cancelled');
      const deadline = Date.now() + budgetMs;
      let lastError: GithubApiError | undefined;
      for (let attempt = 0; attempt <= retries; attempt += 1) {
        if (aborted()) throw cancelled();
        if (attempt > 0) {
          const delay = firstDelay * 2 ** (attempt - 1);
          if (Date.now() + delay >= deadline) break;
          try {
            await sleep(delay, undefined, signal === undefined ? {} : { signal });
          } catch {
            throw cancelled();
          }
        }
        const allowed = Math.min(timeoutMs, deadline - Date.now());
        if (allowed <= 0) break;
        const timeout = AbortSignal.timeout(allowed);
        const attemptSignal = signal === undefined ? timeout : AbortSignal.any([timeout, signal]);
        let status: number;
        let ok: boolean;
        let text: string;
        try {
          const response = await fetch(`${apiUrl}${path}`, {
            method,
            headers: {
              accept: 'application/vnd.github+json',
              authorization: `Bearer ${options.token}`,
              'user-agent': 'abe-ts',
              'x-github-api-version': '2022-11-28',
              ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            },
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
            signal: attemptSignal,
          });
          ({ status, ok } = response);
          // The same signal bounds the body: an answer whose body never ends is a timeout too.
          text = await response.text();
        } catch (error) {
          if (aborted()) throw cancelled();
          if (timeout.aborted) {
            lastError = new GithubApiError(
              `${what} did not answer within ${seconds(allowed)}`,
              undefined,
              'timeout',
            );
            continue;
          }
          const cause = error instanceof Error ? (error.cause ?? error) : error;
          const reason = cause instanceof Error ? cause.message : String(cause);
          lastError = new GithubApiError(
            `${what} could not connect: ${clip(redact(reason))}`,
            undefined,
            'network',
          );
          continue;
        }
        if (ok) return text === '' ? null : parseJson(text);
        const message = clip(messageOf(redact(text)));
        lastError = new GithubApiError(
          `${what} answered ${status}${message === '' ? '' : `: ${message}`}`,
          status,
        );
        if (status < 500 && status !== 429) break;
      }
      throw (
        lastError ??
        new GithubApiError(`${what} gave up after ${seconds(budgetMs)}`, undefined, 'timeout')
      );
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** GitHub's `message`, else the body as it came. */
function messageOf(text: string): string {
  const parsed = parseJson(text);
  if (typeof parsed === 'object' && parsed !== null && 'message' in parsed) {
    const { message } = parsed as { message: unknown };
    if (typeof message === 'string') return message;
  }
  return text;
}

/** At most {@link MESSAGE_LIMIT} characters of what a server said, safe to print in a CI log. */
function clip(text: string): string {
  return logSafeText(text.slice(0, MESSAGE_LIMIT));
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}
