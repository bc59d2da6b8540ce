import type { AppliedObject, ApplyAction } from './parse-apply-output.js';
import type { ManifestNote } from './validate-manifests.js';

/** A component as deployed: its image and the tag it went out with. */
export interface DeployedComponent {
  readonly name: string;
  /** Image repository, if the component has one. */
  readonly image: string | undefined;
  readonly tag: string | undefined;
}

/** A Deployment, StatefulSet or DaemonSet that was applied, and what apply did to it. */
export interface Workload {
  readonly kind: string;
  readonly name: string;
  /** `deployment/api`: what `kubectl rollout` takes. */
  readonly target: string;
  /** From kubectl apply's output; undefined when kubectl did not name it. */
  readonly action: ApplyAction | undefined;
}

export interface RolloutOutcome {
  readonly target: string;
  readonly ok: boolean;
  /** kubectl's last line of output when the rollout failed. */
  readonly message?: string;
}

export interface RollbackOutcome {
  /** Targets `kubectl rollout undo` succeeded for, in the order they were undone. */
  readonly rolledBack: string[];
  /** Targets whose undo failed, with kubectl's message. */
  readonly failed: { readonly target: string; readonly message: string }[];
  /** Targets changed by this deploy that undo cannot restore (created by it). */
  readonly notRolledBack: { readonly target: string; readonly reason: string }[];
}

export interface SmokeFailure {
  readonly file: string;
  readonly label: string;
  readonly request: string;
  /** One line per mismatch (`/body/id: expected 1, got 2`), or the error that stopped the example. */
  readonly problems: string[];
}

export interface SmokeOutcome {
  readonly baseUrl: string;
  readonly passed: number;
  readonly failed: SmokeFailure[];
  /** Examples left out as unsafe (their method is not in `smoke.methods`) or skipped by the provider check. */
  readonly skipped: number;
}

/** Where a deploy stopped. */
export type FailedStage = 'apply' | 'rollout' | 'smoke';

/** The outcome of `deploy()`; `result` and `failedStage` say what happened, the rest says how. */
export interface DeployReport {
  /** ISO time the deploy started. */
  readonly time: string;
  readonly environment: string;
  readonly context: string;
  readonly namespace: string;
  readonly components: DeployedComponent[];
  /** `rendered`: `--render-only` wrote the manifests; nothing was applied. */
  readonly result: 'succeeded' | 'failed' | 'rendered';
  readonly dryRun: boolean;
  readonly failedStage?: FailedStage;
  /** One sentence on what failed. */
  readonly failure?: string;
  /** Number of objects applied (or that would be). */
  readonly objects: number;
  readonly notes: ManifestNote[];
  /** Files `--render-only` wrote. */
  readonly renderedFiles: string[];
  /** Whether `kubectl diff` found differences; undefined without `--diff`. */
  readonly diffChanged?: boolean;
  readonly applied: AppliedObject[];
  readonly rollouts: RolloutOutcome[];
  readonly rollback?: RollbackOutcome;
  readonly smoke?: SmokeOutcome;
  /** The record file the deploy was appended to. */
  readonly recordFile?: string;
  /** Why appending to the record failed, if it did. */
  readonly recordError?: string;
}
