// What affected detection finds: the components a change selects, each with its reasons.

export type ReasonKind = 'changed' | 'contract' | 'downstream' | 'global' | 'all' | 'named';

export interface Reason {
  readonly kind: ReasonKind;
  /** Human text: `file api/src/app.ts changed`, `contract api/users.json changed: example "OK" response.body.name`. */
  readonly detail: string;
}

export interface AffectedComponent {
  readonly name: string;
  readonly path: string;
  readonly reasons: readonly Reason[];
}

/** The result of affected detection; `abe affected --json` prints it. */
export interface AffectedResult {
  /** Merge-base sha (or `null` with `--all`). */
  readonly base: string | null;
  readonly head: string | null;
  /** Changed files, repository-relative, sorted. */
  readonly changedFiles: readonly string[];
  /** Affected components in build order. */
  readonly components: readonly AffectedComponent[];
  /** Changed files no component owns and no global pattern matches. */
  readonly unownedFiles: readonly string[];
  /** The base as resolved (`origin/main`), before the merge-base; absent with `--all` or named components. */
  readonly baseRef?: string;
  /** Why that base: `--base`, the CI's answer, `[abe] base`, the defaults, and how a name resolved. */
  readonly baseOrigin?: string;
  /** Uncommitted or untracked changes count too: HEAD is compared as it stands in the working tree. */
  readonly workingTree?: boolean;
  /**
   * Contracts whose meaning changed, in the order of the changed files; absent with `--all` or
   * named components (nothing was compared). The scope of `abe check`'s ledger gate.
   */
  readonly changedContracts?: readonly ChangedContract[];
  /**
   * Consumers of a changed contract that `precision = example` did not rerun, because the usage
   * lock says they use none of the changed examples; absent when none.
   */
  readonly notRerun?: readonly NotRerunConsumer[];
}

/** A contract whose meaning changed, and its provider. */
export interface ChangedContract {
  /** Repository-relative path. */
  readonly file: string;
  /** The component whose `contracts=` declares it. */
  readonly owner: string;
  readonly kind: 'changed' | 'added' | 'deleted' | 'unparseable';
  /** Where the meaning differs (`example "OK" response.body.name`); the parse problem when unparseable. */
  readonly changes: readonly string[];
}

/** A consumer `precision = example` left out, and the examples of the contract it uses. */
export interface NotRerunConsumer {
  readonly name: string;
  readonly contract: string;
  readonly uses: readonly string[];
}
