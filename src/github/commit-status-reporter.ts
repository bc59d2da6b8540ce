import { formatDuration } from '../runner/format-duration.js';
import type { RunEvent } from '../runner/run-event.js';
import { failureReasons, type StepResult } from '../runner/run-result.js';
import type { GithubClient } from './github-client.js';

export interface CommitStatusTarget {
  readonly owner: string;
  readonly repo: string;
  readonly sha: string;
  readonly targetUrl: string | undefined;
}

export interface PlannedStep {
  readonly component: string;
  readonly step: string;
}

export type CommitState = 'pending' | 'success' | 'failure' | 'error';

/** Posts one GitHub commit status per component × step as a run progresses. */
export interface CommitStatusReporter {
  /** `pending` for every step about to run. */
  start(planned: readonly PlannedStep[]): void;
  /** `success` or `failure` as each step ends. */
  onEvent(event: RunEvent): void;
  /** `error` for every status not final yet: abe itself failed, not the component. */
  crash(reason: string): void;
  /** Waits for every request; returns the requests that failed for good. */
  flush(): Promise<readonly Error[]>;
}

const MAX_IN_FLIGHT = 4;
const DESCRIPTION_LIMIT = 140;

/**
 * The context a component × step is reported under.
 *
 * @example
 * statusContext('api', 'test') // 'abe/api/test'
 */
function statusContext(component: string, step: string): string {
  return `abe/${component}/${step}`;
}

/**
 * Creates the reporter. Requests for one context are sent in order (pending before its
 * result); different contexts go out concurrently, a few at a time.
 *
 * @example
 * const statuses = createCommitStatusReporter(client, github);
 * statuses.start(plan);
 * await runComponents({ …, onEvent: statuses.onEvent });
 * const failures = await statuses.flush();
 */
export function createCommitStatusReporter(
  client: GithubClient,
  target: CommitStatusTarget,
): CommitStatusReporter {
  const path = `/repos/${encodeURIComponent(target.owner)}/${encodeURIComponent(target.repo)}/statuses/${encodeURIComponent(target.sha)}`;
  const chains = new Map<string, Promise<void>>();
  const final = new Set<string>();
  const failures: Error[] = [];
  let inFlight = 0;
  const waiting: (() => void)[] = [];

  const limited = async (send: () => Promise<unknown>): Promise<void> => {
    if (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => waiting.push(resolve));
    inFlight += 1;
    try {
      await send();
    } finally {
      inFlight -= 1;
      waiting.shift()?.();
    }
  };

  const post = (context: string, state: CommitState, description: string): void => {
    if (state !== 'pending') final.add(context);
    const body = {
      state,
      context,
      description: truncate(description),
      ...(target.targetUrl === undefined ? {} : { target_url: target.targetUrl }),
    };
    const previous = chains.get(context) ?? Promise.resolve();
    chains.set(
      context,
      previous.then(() =>
        limited(() => client.request('POST', path, body)).catch((error: unknown) => {
          failures.push(error instanceof Error ? error : new Error(String(error)));
        }),
      ),
    );
  };

  return {
    start(planned) {
      for (const { component, step } of planned) {
        post(statusContext(component, step), 'pending', `${step} queued`);
      }
    },
    onEvent(event) {
      if (event.type !== 'step-end') return;
      const { state, description } = describe(event.result);
      post(statusContext(event.result.component, event.result.step), state, description);
    },
    crash(reason) {
      for (const context of chains.keys()) {
        if (!final.has(context)) post(context, 'error', `abe failed: ${reason}`);
      }
    },
    async flush() {
      await Promise.all(chains.values());
      return failures;
    },
  };
}

function describe(result: StepResult): { state: CommitState; description: string } {
  const time = formatDuration(result.durationMs);
  if (result.status === 'passed') {
    return {
      state: 'success',
      description: `passed in ${time}${result.note === null ? '' : `: ${result.note}`}`,
    };
  }
  if (result.status === 'skipped') {
    // Not run because something failed: the change is not verified, so the status must not be green.
    return {
      state: result.blocked ? 'failure' : 'success',
      description: `skipped: ${result.note ?? 'nothing to do'}`,
    };
  }
  const why = failureReasons(result);
  return {
    state: 'failure',
    description: `failed${why.length > 0 ? ` (${why.join(', ')})` : ''} after ${time}`,
  };
}

function truncate(text: string): string {
  return text.length <= DESCRIPTION_LIMIT ? text : `${text.slice(0, DESCRIPTION_LIMIT - 1)}…`;
}
