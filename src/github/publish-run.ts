import type { AffectedResult } from '../affected/types.js';
import { AbeError } from '../core/abe-error.js';
import type { OutputStream } from '../core/output-stream.js';
import type { RunEvent } from '../runner/run-event.js';
import type { CommitStatusReporter } from './commit-status-reporter.js';
import { githubContextFromEnv } from './github-context.js';

/** What a run tells GitHub as it goes: commit statuses per component and step. */
export interface RunPublication {
  onEvent(event: RunEvent): void;
  /** Marks every status not final yet as `error`: abe itself failed, not a component. */
  crash(error: unknown): Promise<void>;
  /** Waits for every request; returns a warning per request that failed for good. */
  finish(): Promise<string[]>;
}

export interface PublishRunOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly affected: AffectedResult;
  readonly steps: readonly string[];
  /** The run follows a change (not `--all`, named components, release or tag): label the PR. */
  readonly changeBased: boolean;
  /** Where the label changes are announced. */
  readonly human: OutputStream;
}

const NOTHING: RunPublication = {
  onEvent: () => {},
  crash: async () => {},
  finish: async () => [],
};

/**
 * On GitHub Actions (with `GITHUB_TOKEN`), sets the pull request's `component:<name>` labels
 * to the affected components and posts a `pending` commit status for every step about to
 * run; elsewhere does nothing. GitHub failures become warnings: they never fail the run.
 *
 * @example
 * const github = await publishRun({ env, affected, steps: ['build', 'test'], changeBased: true, human });
 * await runComponents({ …, onEvent: github.onEvent });
 * for (const warning of await github.finish()) console.warn(warning);
 */
export async function publishRun(options: PublishRunOptions): Promise<RunPublication> {
  const github = await githubContextFromEnv(options.env);
  if (github === undefined) return NOTHING;
  const [{ createGithubClient }, { createCommitStatusReporter }] = await Promise.all([
    import('./github-client.js'),
    import('./commit-status-reporter.js'),
  ]);
  // One client serves the labels and the commit statuses.
  const api = createGithubClient({ apiUrl: github.apiUrl, token: github.token });
  const statuses = createCommitStatusReporter(api, github);
  const warnings: string[] = [];
  if (github.pullRequest !== undefined && options.changeBased) {
    try {
      const { syncComponentLabels } = await import('./sync-component-labels.js');
      const { added, removed } = await syncComponentLabels(
        api,
        { owner: github.owner, repo: github.repo, pullRequest: github.pullRequest },
        options.affected.components.map((component) => component.name),
      );
      if (added.length + removed.length > 0) {
        options.human.write(
          `\nPull request #${github.pullRequest} labels:${added.map((l) => ` +${l}`).join('')}${removed.map((l) => ` -${l}`).join('')}\n`,
        );
      }
    } catch (error) {
      warnings.push(`could not update the pull request labels: ${(error as Error).message}`);
    }
  }
  statuses.start(
    options.affected.components.flatMap((component) =>
      options.steps.map((step) => ({ component: component.name, step })),
    ),
  );
  return {
    onEvent: (event) => statuses.onEvent(event),
    crash: (error) => crash(statuses, error),
    finish: async () => [
      ...warnings,
      ...(await statuses.flush()).map(
        (failure) => `could not post a commit status: ${failure.message}`,
      ),
    ],
  };
}

async function crash(statuses: CommitStatusReporter, error: unknown): Promise<void> {
  statuses.crash(error instanceof AbeError ? error.code : 'internal error');
  await statuses.flush();
}
