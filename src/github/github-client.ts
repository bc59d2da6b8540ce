import { setTimeout as sleep } from 'node:timers/promises';

export interface GithubClientOptions {
  /** `https://api.github.com`, or a GitHub Enterprise `/api/v3` URL. */
  readonly apiUrl: string;
  readonly token: string;
  /** Extra attempts after a 5xx answer, a 429 or a network error. Default 3. */
  readonly retries?: number;
  /** First wait between attempts, doubled each time. Default 500 ms. */
  readonly retryDelayMs?: number;
  /** Per-request timeout. Default 15 s. */
  readonly timeoutMs?: number;
}

export interface GithubClient {
  /** Sends a request and returns the parsed JSON answer (`null` for an empty body). */
  request(method: string, path: string, body?: unknown): Promise<unknown>;
}

/** A GitHub API call that failed for good. The message never contains the token. */
export class GithubApiError extends Error {
  override readonly name = 'GithubApiError';
  /** HTTP status, or `undefined` for a network error. */
  readonly status: number | undefined;

  constructor(message: string, status: number | undefined) {
    super(message);
    this.status = status;
  }
}

/**
 * A minimal GitHub REST client on global `fetch`, with retries and exponential backoff for
 * server errors, rate limiting and network failures.
 *
 * @example
 * const github = createGithubClient({ apiUrl: 'https://api.github.com', token });
 * await github.request('POST', '/repos/acme/shop/statuses/1f3e2d1…', { state: 'pending', context: 'abe/api/test' });
 */
export function createGithubClient(options: GithubClientOptions): GithubClient {
  const retries = options.retries ?? 3;
  const firstDelay = options.retryDelayMs ?? 500;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const apiUrl = options.apiUrl.replace(/\/+$/, '');
  // Belt and braces: whatever a server or a network library echoes, the token is not repeated.
  const redact = (text: string): string =>
    options.token === '' ? text : text.replaceAll(options.token, '***');

  return {
    async request(method, path, body) {
      const what = `GitHub API ${method} ${path}`;
      let lastError: GithubApiError | undefined;
      for (let attempt = 0; attempt <= retries; attempt += 1) {
        if (attempt > 0) await sleep(firstDelay * 2 ** (attempt - 1));
        let response: Response;
        try {
          response = await fetch(`${apiUrl}${path}`, {
            method,
            headers: {
              accept: 'application/vnd.github+json',
              authorization: `Bearer ${options.token}`,
              'user-agent': 'abe-ts',
              'x-github-api-version': '2022-11-28',
              ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            },
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
            signal: AbortSignal.timeout(timeoutMs),
          });
        } catch (error) {
          const cause = error instanceof Error ? (error.cause ?? error) : error;
          const reason = cause instanceof Error ? cause.message : String(cause);
          lastError = new GithubApiError(redact(`${what} could not connect: ${reason}`), undefined);
          continue;
        }
        const text = await response.text().catch(() => '');
        if (response.ok) return text === '' ? null : parseJson(text);
        const message = messageOf(text);
        lastError = new GithubApiError(
          redact(`${what} answered ${response.status}${message === '' ? '' : `: ${message}`}`),
          response.status,
        );
        if (response.status < 500 && response.status !== 429) break;
      }
      throw lastError ?? new GithubApiError(`${what} failed`, undefined);
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

function messageOf(text: string): string {
  const parsed = parseJson(text);
  if (typeof parsed === 'object' && parsed !== null && 'message' in parsed) {
    const { message } = parsed as { message: unknown };
    if (typeof message === 'string') return message.slice(0, 300);
  }
  return text.slice(0, 300);
}
