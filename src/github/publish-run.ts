import type { AffectedResult } from '../affected/types.js';
import { AbeError } from '../core/abe-error.js';
import { logSafeText } from '../core/log-safe-text.js';
import type { OutputStream } from '../core/output-stream.js';
import type { RunEvent } from '../runner/run-event.js';
import type { GithubApiError } from './github-client.js';
import { githubContextFromEnv } from './github-context.js';
import { githubTimingFromEnv } from './github-timing.js';
import type { SyncComponentLabelsResult } from './sync-component-labels.js';

/** What a run tells GitHub as it goes: commit statuses per component and step. */
export interface RunPublication {
  onEvent(event: RunEvent): void;
  /**
   * Marks every status not final yet as `error`: abe itself failed, not a component. Waits for
   * GitHub at most `ABE_GITHUB_WAIT`.
   */
  crash(error: unknown): Promise<void>;
  /**
   * Waits for the requests still going, at most `ABE_GITHUB_WAIT` (15 s) and not at all once
   * `signal` is aborted, then abandons the rest; announces the label changes; returns a warning
   * per GitHub failure.
   */
  finish(): Promise<string[]>;
}

export interface PublishRunOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly affected: AffectedResult;
  readonly steps: readonly string[];
  /** The run follows a change (not `--all`, named components, release or tag): label the PR. */
  readonly changeBased: boolean;
  /** Where the label changes are announced, when the run finishes. */
  readonly human: OutputStream;
  /** Ctrl-C / SIGTERM: aborting it ends every GitHub request at once. */
  readonly signal?: AbortSignal;
}

const NOTHING: RunPublication = {
  onEvent: () => {},
  crash: async () => {},
  finish: async () => [],
};

/** Warnings about one kind of failure listed one by one, before the rest are counted. */
const LISTED_FAILURES = 5;

/**
 * On GitHub Actions (with `GITHUB_TOKEN`), sets the pull request's `component:<name>` labels
 * to the affected components and posts a `pending` commit status for every step about to run;
 * elsewhere does nothing. It returns at once: the labels and statuses go out while the steps
 * run, and `finish` waits for them, boundedly. GitHub failures become warnings: they never fail
 * or delay the run beyond `ABE_GITHUB_WAIT`.
 *
 * @example
 * const github = await publishRun({ env, affected, steps: ['build', 'test'], changeBased: true, human, signal });
 * await runComponents({ …, onEvent: github.onEvent });
 * for (const warning of await github.finish()) console.warn(warning);
 */
export async function publishRun(options: PublishRunOptions): Promise<RunPublication> {
  const github = await githubContextFromEnv(options.env);
  if (github === undefined || options.signal?.aborted === true) return NOTHING;
  const [{ createGithubClient }, { createCommitStatusReporter }, { syncComponentLabels }] =
    await Promise.all([
      import('./github-client.js'),
      import('./commit-status-reporter.js'),
      import('./sync-component-labels.js'),
    ]);
  const timing = githubTimingFromEnv(options.env);
  // Aborted when the end of the run stops waiting: every request still going ends with it.
  const abandon = new AbortController();
  const signal =
    options.signal === undefined
      ? abandon.signal
      : AbortSignal.any([abandon.signal, options.signal]);
  // One client serves the labels and the commit statuses.
  const api = createGithubClient({
    apiUrl: github.apiUrl,
    token: github.token,
    timeoutMs: timing.timeoutMs,
    budgetMs: timing.budgetMs,
    signal,
  });
  const statuses = createCommitStatusReporter(api, github);
  statuses.start(
    options.affected.components.flatMap((component) =>
      options.steps.map((step) => ({ component: component.name, step })),
    ),
  );
  // The builds do not wait for the labels: they are announced, or warned about, at the end.
  const pullRequest = options.changeBased ? github.pullRequest : undefined;
  const labels: Promise<SyncComponentLabelsResult | Error> | undefined =
    pullRequest === undefined
      ? undefined
      : syncComponentLabels(
          api,
          { owner: github.owner, repo: github.repo, pullRequest },
          options.affected.components.map((component) => component.name),
        ).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));

  /** Waits for everything sent so far, at most `waitMs`; then abandons what is left. */
  const settle = async <T>(work: Promise<T>): Promise<{ value: T; abandoned: boolean }> => {
    const inTime = await within(work, timing.waitMs, options.signal);
    if (!inTime) abandon.abort();
    // Abandoned requests reject at once, so this no longer waits on GitHub.
    return { value: await work, abandoned: !inTime };
  };
  const stopped = (abandoned: boolean): string =>
    options.signal?.aborted === true
      ? 'the run was cancelled'
      : abandoned
        ? `GitHub did not answer within ${timing.waitMs / 1000} s of the end of the run (ABE_GITHUB_WAIT)`
        : 'GitHub did not answer in time';

  return {
    onEvent: (event) => statuses.onEvent(event),
    async crash(error) {
      statuses.crash(error instanceof AbeError ? error.code : 'internal error');
      // The labels too: nothing may outlive the run, holding the process open.
      await settle(Promise.all([labels, statuses.flush()]));
    },
    async finish() {
      const { value, abandoned } = await settle(Promise.all([labels, statuses.flush()]));
      const [labelOutcome, failures] = value;
      const warnings = [...timing.warnings];
      if (labelOutcome instanceof Error) {
        warnings.push(
          `could not update the pull request labels: ${isCancelled(labelOutcome) ? stopped(abandoned) : labelOutcome.message}`,
        );
      } else if (labelOutcome !== undefined && pullRequest !== undefined) {
        announceLabels(options.human, pullRequest, labelOutcome);
        if (labelOutcome.pagesLeftUnread) {
          warnings.push(
            `read only ${labelOutcome.pagesRead} pages of the labels of pull request #${pullRequest}: GitHub kept sending full pages of 100, so a stale component: label past them was not removed.`,
          );
        }
      }
      warnings.push(...statusWarnings(failures, stopped(abandoned)));
      return warnings;
    },
  };
}

function announceLabels(
  human: OutputStream,
  pullRequest: number,
  { added, removed }: SyncComponentLabelsResult,
): void {
  if (added.length + removed.length === 0) return;
  const changes = [...added.map((label) => ` +${label}`), ...removed.map((l) => ` -${l}`)];
  human.write(`\nPull request #${pullRequest} labels:${logSafeText(changes.join(''))}\n`);
}

/**
 * One warning per status GitHub refused or could not take, up to {@link LISTED_FAILURES}, then
 * a count; the statuses abandoned or cancelled are counted in one line.
 */
function statusWarnings(failures: readonly Error[], stopped: string): string[] {
  const given = failures.filter((failure) => isCancelled(failure));
  const failed = failures.filter((failure) => !isCancelled(failure));
  const warnings = failed
    .slice(0, LISTED_FAILURES)
    .map((failure) => `could not post a commit status: ${failure.message}`);
  if (failed.length > LISTED_FAILURES) {
    warnings.push(`could not post ${failed.length - LISTED_FAILURES} more commit statuses`);
  }
  if (given.length > 0) {
    warnings.push(
      `${given.length} commit status${given.length === 1 ? ' was' : 'es were'} not posted: ${stopped}.`,
    );
  }
  return warnings;
}

function isCancelled(error: Error): boolean {
  return (error as Partial<GithubApiError>).kind === 'cancelled';
}

/**
 * Resolves `true` when `work` settles within `ms`, `false` when the time runs out or `signal`
 * is aborted first. Leaves no timer behind.
 */
async function within(work: Promise<unknown>, ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted === true) return false;
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  try {
    return await Promise.race([
      work.then(
        () => true,
        () => true,
      ),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), ms);
        onAbort = () => resolve(false);
        signal?.addEventListener('abort', onAbort, { once: true });
      }),
    ]);
  } finally {
    clearTimeout(timer);
    if (onAbort !== undefined) signal?.removeEventListener('abort', onAbort);
  }
}
