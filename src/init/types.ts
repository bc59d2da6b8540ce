import type { MakeStep } from '../config/types.js';

// The shapes `abe init` plans with: what it found in the repository, and the files it would
// write. The CLI prints and writes them; nothing here touches the console.

/** A file that makes a directory a project, and so a component. */
export type ProjectMarker = 'package.json' | 'pyproject.toml' | 'go.mod' | 'Makefile';

/** A directory holding at least one project file. */
export interface DetectedProject {
  /** Relative to the repository root, POSIX separators; `.` for the root itself. */
  readonly path: string;
  readonly markers: readonly ProjectMarker[];
}

/** How a component's Makefile runs its build and tests: its own tooling, or a placeholder. */
export type Tooling =
  | { readonly kind: 'npm' }
  | { readonly kind: 'python'; readonly tests: 'pytest' | 'unittest' }
  | { readonly kind: 'go' }
  | { readonly kind: 'none' };

/** What init read of a project's own files. */
export interface ProjectFacts {
  readonly markers: readonly ProjectMarker[];
  /** `name` of its package.json, if any. */
  readonly packageName: string | undefined;
  /**
   * What it runs on: npm `dependencies`, the Python packages pyproject.toml names, the modules
   * go.mod requires. Used to recognise an HTTP framework.
   */
  readonly dependencies: readonly string[];
  /** Every npm package its package.json depends on, of any kind: links between workspace packages. */
  readonly packageLinks: readonly string[];
  readonly tooling: Tooling;
}

/** A component as init would declare it (or found it declared) in builder.ini. */
export interface InitComponent extends ProjectFacts {
  readonly name: string;
  readonly path: string;
  /** Components it is built after: workspace packages its package.json depends on. */
  readonly upstream: readonly string[];
  /** The make targets abe runs in it: both, unless an existing builder.ini says otherwise. */
  readonly steps: readonly MakeStep[];
}

/** Why a component was chosen for the example contract. */
export type ProviderReason =
  | { readonly kind: 'framework'; readonly framework: string }
  | { readonly kind: 'name' }
  | { readonly kind: 'first' };

export interface ProviderChoice {
  readonly component: string;
  readonly reason: ProviderReason;
}

export type FileRole = 'config' | 'contract' | 'makefile' | 'workflow';

/**
 * What init does with a file. `unchanged`: it already holds what init would write. `skip`:
 * it exists, and init leaves it (see `skipReason`).
 */
export type FileAction = 'create' | 'overwrite' | 'unchanged' | 'skip';

/**
 * Why a file is left as it is. `exists`: without `--force`. The others hold even with it:
 * `symbolic-link` (init never writes through a link), `not-a-file` (a directory of that name),
 * `own-makefile` (the Makefile is the component's own and init has nothing better to put in
 * it than a placeholder).
 */
export type SkipReason = 'exists' | 'symbolic-link' | 'not-a-file' | 'own-makefile';

export interface PlannedFile {
  /** Relative to the repository root, POSIX separators. */
  readonly path: string;
  readonly role: FileRole;
  readonly action: FileAction;
  /** What init writes (or would write, for a skipped file). */
  readonly contents: string;
  readonly skipReason?: SkipReason;
  /** A Makefile's recipes: the component's tooling, or `none` for placeholders. */
  readonly tooling?: Tooling;
}

/** Something the user should know about the plan, as data: a stable code and the message. */
export interface InitNote {
  readonly code:
    | 'workspace-root'
    | 'path-not-writable'
    | 'upstream-cycle'
    | 'makefile-targets'
    | 'config-kept'
    | 'ci-other'
    | 'ci-not-top';
  /** The file or directory it is about, relative to the root, if any. */
  readonly path?: string;
  readonly message: string;
}

/** Where the CI workflow goes, or why it does not. */
export type CiPlan =
  | { readonly kind: 'github' }
  | { readonly kind: 'other'; readonly systems: readonly CiSystem[] }
  | { readonly kind: 'not-top'; readonly top: string };

export interface CiSystem {
  readonly name: string;
  /** The file or directory that shows it, relative to the root. */
  readonly file: string;
}

/** Everything `abe init` would do in a repository. */
export interface InitPlan {
  /** Absolute path of the repository root, where builder.ini goes. */
  readonly root: string;
  /** `existing`: builder.ini was kept, and its components are the ones planned for. */
  readonly configSource: 'detected' | 'existing';
  readonly components: readonly InitComponent[];
  /** The component the example contract goes to; none when contracts are already declared. */
  readonly provider: ProviderChoice | undefined;
  /** Path of the example contract, relative to the root. */
  readonly contract: string | undefined;
  /** In order: builder.ini, the contract, the Makefiles, the workflow. */
  readonly files: readonly PlannedFile[];
  readonly notes: readonly InitNote[];
  readonly ci: CiPlan;
  /** The root package.json depends on abe-ts, so `npx abe` works in CI after `npm ci`. */
  readonly abeInstalled: boolean;
}
