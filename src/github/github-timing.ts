/** How long a run gives GitHub: per attempt, per request, and at the end of the run. */
export interface GithubTiming {
  /** One attempt of one request, connecting to the last byte of the body (`ABE_GITHUB_TIMEOUT`). */
  readonly timeoutMs: number;
  /** One request, its retries and the waits between them included: three attempts' worth. */
  readonly budgetMs: number;
  /** How long the end of the run waits for requests still going (`ABE_GITHUB_WAIT`). */
  readonly waitMs: number;
  /** A variable that was set but is not a number of seconds, said as a warning. */
  readonly warnings: readonly string[];
}

/** GitHub's own limit for answering a REST call. */
export const DEFAULT_GITHUB_TIMEOUT_MS = 10_000;
/** Enough for the statuses of the last steps to land, short enough not to hold up a CI job. */
export const DEFAULT_GITHUB_WAIT_MS = 15_000;

/**
 * The timing of the GitHub calls, from `ABE_GITHUB_TIMEOUT` and `ABE_GITHUB_WAIT` (seconds,
 * decimals allowed), else the defaults: 10 s per attempt, 30 s per request, 15 s at the end.
 *
 * @example
 * githubTimingFromEnv({ ABE_GITHUB_TIMEOUT: '5' }); // { timeoutMs: 5000, budgetMs: 15000, waitMs: 15000, warnings: [] }
 */
export function githubTimingFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): GithubTiming {
  const warnings: string[] = [];
  const read = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return fallback;
    const value = Number(raw);
    if (Number.isFinite(value) && value > 0) return Math.round(value * 1000);
    warnings.push(
      `${name}=${JSON.stringify(raw)} is not a number of seconds: using ${fallback / 1000} s. Set it to a positive number, such as ${name}=${fallback / 1000}.`,
    );
    return fallback;
  };
  const timeoutMs = read('ABE_GITHUB_TIMEOUT', DEFAULT_GITHUB_TIMEOUT_MS);
  return {
    timeoutMs,
    budgetMs: timeoutMs * 3,
    waitMs: read('ABE_GITHUB_WAIT', DEFAULT_GITHUB_WAIT_MS),
    warnings,
  };
}
