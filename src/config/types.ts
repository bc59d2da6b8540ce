// The shapes of a loaded builder.ini, shared by affected detection, execution, release and deploy.

export type ReleaseProcess = 'docker' | 'custom' | 'none';

/** A make target abe runs in a component: `build` and `test`, as `steps=` lists them. */
export type MakeStep = 'build' | 'test';

/** One `[section]` of builder.ini. */
export interface Component {
  readonly name: string;
  /** Directory relative to the repository root, POSIX separators, no trailing slash. */
  readonly path: string;
  /** Names of components that depend on this one (both `downstream=` here and `upstream=` there). */
  readonly downstream: readonly string[];
  /** Names of components this one depends on (both `upstream=` here and `downstream=` there). */
  readonly upstream: readonly string[];
  readonly releaseProcess: ReleaseProcess;
  /** Globs of ABE files this component provides, relative to `path`. */
  readonly contracts: readonly string[];
  /** Names of components whose contracts this one stubs. */
  readonly consumes: readonly string[];
  /**
   * The make targets the component has, of `build` and `test` (`steps=`; default both). A step
   * not listed is skipped with a note; with none, the component needs no Makefile.
   */
  readonly steps: readonly MakeStep[];
  /** Keys the runner does not know, kept for `--strict` reporting. */
  readonly extra: Readonly<Record<string, string>>;
  /** 1-based line of the `[section]` header in the config file. */
  readonly line: number;
}

/** A loaded builder.ini. */
export interface BuilderConfig {
  /** Absolute path of the config file. */
  readonly file: string;
  /** Absolute path of the repository root (the config file's directory). */
  readonly root: string;
  /** Components in a valid build order: every component after its upstreams. */
  readonly components: readonly Component[];
  /** Base branch from the global section, if set (e.g. `origin/main`). */
  readonly base: string | undefined;
  /** Glob patterns (relative to root) whose change selects every component. Always includes the config file. */
  readonly globalFiles: readonly string[];
  /** Docker registry for `release-process=docker`, if set. */
  readonly registry: string | undefined;
  /**
   * The contract ledger's settings from the global section (`unverified-use`, `never-verified`,
   * `precision`, `usage-file`); absent means the defaults (`DEFAULT_LEDGER_SETTINGS`).
   */
  readonly ledger?: LedgerSettings;
  /**
   * Keys abe does not know and that are not near a known one: warnings, or errors with
   * `strict` (a key near a known one is always an error); absent means none.
   */
  readonly unknownKeys?: readonly ConfigKey[];
}

/** A key of builder.ini, where it is written. */
export interface ConfigKey {
  readonly section: string;
  readonly key: string;
  /** 1-based line in the config file. */
  readonly line: number;
  /** The known key it most likely misspells, if any. */
  readonly suggestion?: string;
}

/** What a finding of the contract ledger's gate does: fail the check, print it, or nothing. */
export type LedgerPolicy = 'error' | 'warn' | 'off';

/** How finely a contract change selects consumers: every consumer, or those using a changed example. */
export type ContractPrecision = 'contract' | 'example';

/** The `[abe]` keys of the contract ledger. */
export interface LedgerSettings {
  /** An example a consumer used in this run without a passing provider verification in this run. */
  readonly unverifiedUse: LedgerPolicy;
  /** An example of a checked contract that no provider verification passed at all. */
  readonly neverVerified: LedgerPolicy;
  readonly precision: ContractPrecision;
  /** The usage lock, relative to the root with `/` separators (`abe-usage.json`). */
  readonly usageFile: string;
}

/** The ledger settings of a builder.ini that sets none. */
export const DEFAULT_LEDGER_SETTINGS: LedgerSettings = Object.freeze({
  unverifiedUse: 'error',
  neverVerified: 'warn',
  precision: 'contract',
  usageFile: 'abe-usage.json',
});
