import { readFile, realpath } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { type BuilderConfig, type Component, DEFAULT_LEDGER_SETTINGS } from '../config/types.js';
import { readUsageLock } from '../contract/usage-lock.js';
import { AbeError } from '../core/abe-error.js';
import { compileGlob, type GlobMatcher } from '../core/compile-glob.js';
import { didYouMean } from '../core/did-you-mean.js';
import { baseFromCi } from './ci-base.js';
import type { ContractChange } from './compare-contract-versions.js';
import {
  type ChangedFile,
  type CommittedPaths,
  type GitScan,
  listChangedFiles,
  readBlobs,
  startGitScan,
} from './list-changed-files.js';
import { readHeadSha } from './read-head-sha.js';
import {
  type ExamplePrecision,
  type LeftOutConsumer,
  selectContractConsumers,
} from './select-contract-consumers.js';
import {
  type ContractComparer,
  type ContractComparison,
  startContractComparer,
} from './start-contract-comparer.js';
import type { AffectedComponent, AffectedResult, ChangedContract, Reason } from './types.js';

export interface FindAffectedOptions {
  /**
   * Compare with the merge-base of this ref and HEAD. Default: what the CI system says (a pull
   * or merge request's target, a push's range: see `baseFromCi`); else `[abe] base`; else the
   * first of `origin/main`, `origin/master`, `main`, `master` that exists. A branch name with
   * no local branch is read as `origin/<name>`.
   */
  base?: string;
  /** Where the CI variables are read. Default: `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Select every component; git is not consulted for changes. */
  all?: boolean;
  /** Leave out staged, unstaged and untracked changes. */
  committedOnly?: boolean;
  /** Select these components (and their downstream) instead of looking at changes. */
  components?: readonly string[];
  /** Do not follow downstream edges. */
  excludeDownstream?: boolean;
  /**
   * Directory git runs in; any directory of the repository. Default: `config.root`. Given
   * together with a config promise, git starts on the working tree while the config loads.
   */
  cwd?: string;
}

// A reason list this long is noise in a message; the JSON keeps every change.
const MAX_CHANGES_IN_REASON = 3;

/**
 * Finds the components a change affects, each with every reason, in build order
 * (DESIGN.md "Affected: the rules"): files changed since the merge-base with the base
 * (plus uncommitted and untracked ones unless `committedOnly`) select the component owning
 * them (longest path prefix); global files select everything; a contract whose meaning
 * changed selects every consumer; downstream is followed transitively. A shallow clone or an
 * unresolvable base throws (`git.shallow`, `git.base`) instead of guessing.
 *
 * `config` may be the promise `loadConfig` returns: with `options.cwd` (the config file's
 * directory), the slow walk of the working tree then overlaps with reading the config.
 *
 * @example
 * const result = await findAffected(await loadConfig('builder.ini'), { base: 'origin/main' });
 * result.components.map((c) => `${c.name}: ${c.reasons.map((r) => r.detail).join(', ')}`);
 */
export async function findAffected(
  configOrPromise: BuilderConfig | Promise<BuilderConfig>,
  options: FindAffectedOptions = {},
): Promise<AffectedResult> {
  const usesGit =
    !options.all && (options.components === undefined || options.components.length === 0);
  const pending = 'then' in configOrPromise;
  const scanFrom = options.cwd ?? (pending ? undefined : configOrPromise.root);
  const scan =
    usesGit && scanFrom !== undefined
      ? startGitScan(scanFrom, {
          committedOnly: options.committedOnly === true,
          ...(options.base === undefined ? {} : { base: options.base, baseOrigin: '--base' }),
        })
      : undefined;
  return findAffectedWith(await configOrPromise, options, scan);
}

async function findAffectedWith(
  config: BuilderConfig,
  options: FindAffectedOptions,
  scan: GitScan | undefined,
): Promise<AffectedResult> {
  const selection = new Selection(config);
  if (options.all) {
    for (const component of config.components) {
      selection.add(component.name, { kind: 'all', detail: 'every component (--all)' });
    }
    return selection.result({ base: null, head: await headOrNull(options.cwd ?? config.root) });
  }
  if (options.components !== undefined && options.components.length > 0) {
    for (const name of options.components) {
      if (!selection.has(name)) {
        throw new AbeError(
          'config.unknown-component',
          `there is no component "${name}" in ${config.file}.${didYouMean(
            name,
            config.components.map((c) => c.name),
          )}`,
          {
            hint: 'Name components as their [section] in builder.ini; `abe discover --all` lists them.',
          },
        );
      }
      selection.add(name, { kind: 'named', detail: 'named on the command line' });
    }
    if (!options.excludeDownstream) selection.followDownstream();
    return selection.result({ base: null, head: await headOrNull(options.cwd ?? config.root) });
  }

  const owners = new Owners(config.components);
  // Loading the contract parser costs more than anything else here, so it starts only when a
  // contract changed, and as soon as the committed range shows one (while git walks the tree).
  let comparer: ContractComparer | undefined;
  const startComparer = (): ContractComparer => {
    comparer ??= startContractComparer();
    return comparer;
  };
  // Old (and, committed-only, new) versions of committed contract changes, read while git
  // still walks the working tree instead of after it.
  let prefetched: Promise<Map<string, string | undefined>> | undefined;
  const onCommitted = (paths: readonly string[], range: CommittedPaths): void => {
    const guess = relative(range.topLevel, config.root).split(sep).join('/');
    const contracts = paths.filter((path) => {
      const inside =
        guess === ''
          ? path
          : path.startsWith(`${guess}/`)
            ? path.slice(guess.length + 1)
            : undefined;
      return inside !== undefined && owners.providerOf(inside) !== undefined;
    });
    if (contracts.length === 0) return;
    startComparer();
    prefetched = readBlobs(
      range.topLevel,
      blobSpecs(contracts, range, options.committedOnly === true),
    );
    // Failures surface when compareContracts asks again for what is missing.
    prefetched.catch(() => {});
  };
  const env = options.env ?? process.env;
  const base = await chooseBase(options, config, env);
  const changes = await listChangedFiles({
    onCommitted,
    cwd: options.cwd ?? config.root,
    base: base?.ref,
    ...(base === undefined ? {} : { baseOrigin: base.origin, baseKind: base.kind }),
    committedOnly: options.committedOnly === true,
    ...(scan === undefined ? {} : { scan }),
  });
  if (changes.mergeBase === changes.head && !changes.workingTree && isCi(env)) {
    throw nothingToCompare(changes.baseRef, base?.origin);
  }
  const prefix = await rootPrefix(changes.topLevel, config.root);
  const files = changes.files.flatMap((file): (ChangedFile & { topPath: string })[] => {
    if (prefix === '') return [{ ...file, topPath: file.path }];
    if (!file.path.startsWith(`${prefix}/`)) return [];
    return [{ ...file, path: file.path.slice(prefix.length + 1), topPath: file.path }];
  });

  const globalPatterns = config.globalFiles.map(compileGlob);
  const unowned: string[] = [];
  const contractFiles: { file: (typeof files)[number]; provider: Component }[] = [];

  for (const file of files) {
    const isGlobal = globalPatterns.some((matches) => matches(file.path));
    if (isGlobal) {
      for (const component of config.components) {
        selection.add(component.name, {
          kind: 'global',
          detail: `global file ${file.path} ${describeStatus(file)}`,
        });
      }
    }
    const owner = owners.ownerOf(file.path);
    const provider = owners.providerOf(file.path);
    if (owner !== undefined) {
      selection.add(owner.name, {
        kind: 'changed',
        detail: `file ${file.path} ${describeStatus(file)}`,
      });
    } else if (!isGlobal) {
      unowned.push(file.path);
    }
    if (provider !== undefined) contractFiles.push({ file, provider });
  }

  const changedContracts: ChangedContract[] = [];
  const notRerun: LeftOutConsumer[] = [];
  if (contractFiles.length > 0) {
    const contractChanges = await compareContracts(
      contractFiles.map(({ file }) => file),
      changes,
      options.committedOnly === true,
      startComparer(),
      prefetched,
    );
    const precision = contractChanges.some((change) => change.kind !== 'same')
      ? await examplePrecision(config)
      : undefined;
    contractFiles.forEach(({ file, provider }, index) => {
      const change = contractChanges[index] as ContractChange;
      if (change.kind === 'same') {
        selection.annotate(
          provider.name,
          `file ${file.path}`,
          ' (same contract meaning: consumers not rerun)',
        );
        return;
      }
      changedContracts.push({ file: file.path, owner: provider.name, ...changeSummary(change) });
      const detail = describeContractChange(file.path, change);
      const consumers = selectContractConsumers(
        change,
        file.path,
        detail,
        provider,
        config.components,
        precision,
      );
      for (const { name, detail: why } of consumers.selected) {
        selection.add(name, { kind: 'contract', detail: why });
      }
      notRerun.push(...consumers.leftOut);
    });
  }

  if (!options.excludeDownstream) selection.followDownstream();
  return selection.result({
    base: changes.mergeBase,
    head: changes.head,
    baseRef: changes.baseRef,
    baseOrigin: [base?.origin, changes.baseNote].filter(Boolean).join('; ') || 'the default bases',
    workingTree: changes.workingTree,
    changedFiles: files.map((file) => file.path),
    unownedFiles: unowned,
    changedContracts,
    // A consumer another changed example or file selects anyway is not "left out".
    notRerun: notRerun.filter((left) => !selection.selected(left.name)),
  });
}

/**
 * The usage lock when builder.ini asks for `precision = example`. A missing or unreadable lock
 * is an error with the fix: narrowing without one would silently rerun nobody.
 */
async function examplePrecision(config: BuilderConfig): Promise<ExamplePrecision | undefined> {
  const settings = config.ledger ?? DEFAULT_LEDGER_SETTINGS;
  if (settings.precision !== 'example') return undefined;
  const shown = settings.usageFile;
  const lock = await readUsageLock(resolve(config.root, shown), shown);
  if (lock === undefined) {
    throw new AbeError(
      'usage-lock.missing',
      `builder.ini sets [abe] precision = example, but there is no usage lock ${shown}: abe cannot tell which consumers use a changed example.`,
      {
        file: shown,
        hint: `Write it from a full run and commit it: \`abe check --all && abe coverage --write-usage\`; or remove precision = example.`,
      },
    );
  }
  return { lock, shown };
}

/** `changedContracts`' kind and changes of one contract change. */
function changeSummary(
  change: Exclude<ContractChange, { kind: 'same' }>,
): Pick<ChangedContract, 'kind' | 'changes'> {
  switch (change.kind) {
    case 'changed':
      return { kind: 'changed', changes: change.changes };
    case 'unparseable':
      return { kind: 'unparseable', changes: [change.problem] };
    default:
      return { kind: change.kind, changes: [] };
  }
}

/** Components selected so far and why; turned into an `AffectedResult` in build order. */
class Selection {
  readonly #config: BuilderConfig;
  readonly #byName: ReadonlyMap<string, Component>;
  readonly #reasons = new Map<string, Reason[]>();

  constructor(config: BuilderConfig) {
    this.#config = config;
    this.#byName = new Map(config.components.map((component) => [component.name, component]));
  }

  has(name: string): boolean {
    return this.#byName.has(name);
  }

  /** Whether a reason selected the component so far. */
  selected(name: string): boolean {
    return this.#reasons.has(name);
  }

  add(name: string, reason: Reason): void {
    const reasons = this.#reasons.get(name);
    if (reasons === undefined) this.#reasons.set(name, [reason]);
    else if (!reasons.some((r) => r.kind === reason.kind && r.detail === reason.detail)) {
      reasons.push(reason);
    }
  }

  /** Appends a note to the reason whose detail starts with `prefix`. */
  annotate(name: string, prefix: string, note: string): void {
    const reasons = this.#reasons.get(name);
    if (reasons === undefined) return;
    const index = reasons.findIndex((r) => r.detail.startsWith(`${prefix} `));
    const reason = reasons[index];
    if (reason !== undefined) reasons[index] = { ...reason, detail: `${reason.detail}${note}` };
  }

  followDownstream(): void {
    const queue = [...this.#reasons.keys()];
    const selected = new Set(queue);
    for (let index = 0; index < queue.length; index += 1) {
      for (const next of this.#byName.get(queue[index] as string)?.downstream ?? []) {
        if (!selected.has(next)) {
          selected.add(next);
          queue.push(next);
        }
      }
    }
    // Every selected upstream is a reason, so a diamond's bottom names both sides.
    for (const component of this.#config.components) {
      if (!selected.has(component.name)) continue;
      for (const upstream of component.upstream) {
        if (selected.has(upstream)) {
          this.add(component.name, { kind: 'downstream', detail: `downstream of ${upstream}` });
        }
      }
    }
  }

  result(
    fields: Pick<AffectedResult, 'base' | 'head'> &
      Partial<
        Pick<
          AffectedResult,
          | 'changedFiles'
          | 'unownedFiles'
          | 'baseRef'
          | 'baseOrigin'
          | 'workingTree'
          | 'changedContracts'
          | 'notRerun'
        >
      >,
  ): AffectedResult {
    const components: AffectedComponent[] = [];
    for (const component of this.#config.components) {
      const reasons = this.#reasons.get(component.name);
      if (reasons === undefined) continue;
      components.push({
        name: component.name,
        path: component.path,
        reasons: sortReasons(reasons),
      });
    }
    return {
      base: fields.base,
      head: fields.head,
      changedFiles: fields.changedFiles ?? [],
      components,
      unownedFiles: fields.unownedFiles ?? [],
      ...(fields.baseRef === undefined ? {} : { baseRef: fields.baseRef }),
      ...(fields.baseOrigin === undefined ? {} : { baseOrigin: fields.baseOrigin }),
      ...(fields.workingTree === undefined ? {} : { workingTree: fields.workingTree }),
      ...(fields.changedContracts === undefined
        ? {}
        : { changedContracts: fields.changedContracts }),
      ...(fields.notRerun === undefined || fields.notRerun.length === 0
        ? {}
        : { notRerun: fields.notRerun }),
    };
  }
}

const REASON_ORDER = ['all', 'named', 'global', 'changed', 'contract', 'downstream'];

function sortReasons(reasons: readonly Reason[]): Reason[] {
  // Array.prototype.sort is stable, so reasons of one kind keep the order they were found in.
  return [...reasons].sort((a, b) => REASON_ORDER.indexOf(a.kind) - REASON_ORDER.indexOf(b.kind));
}

/** Longest-prefix ownership and contract globs, looked up per directory level of a path. */
class Owners {
  readonly #byPath: ReadonlyMap<string, Component>;
  readonly #contracts = new Map<string, GlobMatcher[]>();

  constructor(components: readonly Component[]) {
    this.#byPath = new Map(components.map((component) => [component.path, component]));
  }

  ownerOf(path: string): Component | undefined {
    // A submodule is one path to git: its commit moving changes the component at that path.
    const own = this.#byPath.get(path);
    if (own !== undefined) return own;
    for (const directory of ancestors(path)) {
      const owner = this.#byPath.get(directory);
      if (owner !== undefined) return owner;
    }
    return undefined;
  }

  /** The innermost component whose `contracts` globs match the path. */
  providerOf(path: string): Component | undefined {
    for (const directory of ancestors(path)) {
      const component = this.#byPath.get(directory);
      if (component === undefined || component.contracts.length === 0) continue;
      const inside = directory === '.' ? path : path.slice(directory.length + 1);
      if (this.#patterns(component).some((matches) => matches(inside))) return component;
    }
    return undefined;
  }

  #patterns(component: Component): GlobMatcher[] {
    let patterns = this.#contracts.get(component.name);
    if (patterns === undefined) {
      patterns = component.contracts.map(compileGlob);
      this.#contracts.set(component.name, patterns);
    }
    return patterns;
  }
}

/** `a/b/c.json` → `a/b`, `a`, `.` (the root component's path). */
function* ancestors(path: string): Generator<string> {
  for (let cut = path.lastIndexOf('/'); cut > 0; cut = path.lastIndexOf('/', cut - 1)) {
    yield path.slice(0, cut);
  }
  yield '.';
}

/** `<sha>:<path>` of the versions a contract comparison needs from git. */
function blobSpecs(
  topPaths: readonly string[],
  changes: CommittedPaths,
  committedOnly: boolean,
): string[] {
  return topPaths.flatMap((path) => [
    `${changes.mergeBase}:${path}`,
    ...(committedOnly ? [`${changes.head}:${path}`] : []),
  ]);
}

async function compareContracts(
  files: readonly (ChangedFile & { topPath: string })[],
  changes: CommittedPaths,
  committedOnly: boolean,
  comparer: ContractComparer,
  prefetched: Promise<Map<string, string | undefined>> | undefined,
): Promise<ContractChange[]> {
  const specs = blobSpecs(
    files.map((file) => file.topPath),
    changes,
    committedOnly,
  );
  const early = (await prefetched?.catch(() => undefined)) ?? new Map<string, string | undefined>();
  const blobs = new Map([
    ...early,
    ...(await readBlobs(
      changes.topLevel,
      specs.filter((spec) => !early.has(spec)),
    )),
  ]);
  const items = await Promise.all(
    files.map(
      async (file): Promise<ContractComparison> => ({
        before: blobs.get(`${changes.mergeBase}:${file.topPath}`),
        after: committedOnly
          ? blobs.get(`${changes.head}:${file.topPath}`)
          : await readWorkingFile(join(changes.topLevel, file.topPath)),
        source: file.path,
      }),
    ),
  );
  return comparer.compare(items);
}

async function readWorkingFile(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

function describeContractChange(
  path: string,
  change: Exclude<ContractChange, { kind: 'same' }>,
): string {
  switch (change.kind) {
    case 'added':
      return `contract ${path} added`;
    case 'deleted':
      return `contract ${path} deleted`;
    case 'unparseable': {
      const which =
        change.side === 'both'
          ? 'neither version parses'
          : `its ${change.side} version does not parse`;
      return `contract ${path} changed: ${which}, so it counts as changed (${change.problem})`;
    }
    case 'changed': {
      const shown = change.changes.slice(0, MAX_CHANGES_IN_REASON).join(', ');
      const more = change.changes.length - MAX_CHANGES_IN_REASON;
      return `contract ${path} changed: ${shown}${more > 0 ? ` and ${more} more` : ''}`;
    }
  }
}

function describeStatus(file: ChangedFile): string {
  if (file.status === 'modified') return 'changed';
  return file.status === 'added' && file.untracked ? 'added (untracked)' : file.status;
}

/**
 * The branch a pull request will merge into, as the CI names it: an explicit base for its
 * build, so a pull request into `release/2` is compared with that branch, not with main. A
 * base that was not fetched is then an error with the fix, never a silent fallback.
 */
/**
 * The base to compare with, and why: `--base`, else what the CI system says (a pull request's
 * target, a push's range), else `[abe] base`; `undefined` leaves the defaults to git.
 */
async function chooseBase(
  options: FindAffectedOptions,
  config: BuilderConfig,
  env: Readonly<Record<string, string | undefined>>,
): Promise<{ ref: string; origin: string; kind: 'pull-request' | 'push' } | undefined> {
  if (options.base !== undefined) {
    return { ref: options.base, origin: '--base', kind: 'pull-request' };
  }
  const fromCi = await baseFromCi(env);
  if (fromCi !== undefined) return fromCi;
  if (config.base !== undefined) {
    return {
      ref: config.base,
      origin: `[abe] base in ${basename(config.file)}`,
      kind: 'pull-request',
    };
  }
  return undefined;
}

function isCi(env: Readonly<Record<string, string | undefined>>): boolean {
  const ci = env.CI;
  return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
}

/**
 * In CI, HEAD being its own base means the build checks nothing, whatever it was for: a push
 * to the base branch on a CI system that does not say what the push brought.
 */
function nothingToCompare(baseRef: string, origin: string | undefined): AbeError {
  return new AbeError(
    'git.base',
    `HEAD is the base ${baseRef}${origin === undefined ? '' : ` (from ${origin})`} itself, so there is no change to compare: in CI that would check nothing, so abe stops.`,
    {
      hint: 'On a push, pass the commit before it with --base (CircleCI: << pipeline.git.base_revision >>); on GitHub Actions and GitLab CI abe finds it itself. --all checks every component.',
    },
  );
}

async function rootPrefix(topLevel: string, root: string): Promise<string> {
  const [top, real] = await Promise.all([realpath(topLevel), realpath(root)]);
  const prefix = relative(top, real);
  // `..` as the first segment is outside, but `..platform` is a directory inside; another drive
  // (Windows) comes back absolute, while `c:x` is a directory on POSIX.
  if (prefix === '..' || prefix.startsWith(`..${sep}`) || isAbsolute(prefix)) {
    throw new AbeError(
      'git.failed',
      `the config's directory ${root} is not inside the git repository at ${topLevel}.`,
      {
        hint: 'Run abe inside the repository that holds builder.ini, or pass --config with its path.',
      },
    );
  }
  return prefix.split(sep).join('/');
}

async function headOrNull(cwd: string): Promise<string | null> {
  // Without changes to compare, HEAD is only informative: no commit, or no git, is no head.
  try {
    const { sha } = await readHeadSha(cwd);
    return sha === undefined || sha === '' ? null : sha;
  } catch {
    return null;
  }
}
