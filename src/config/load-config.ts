import {
  type Dirent,
  readdirSync,
  readFileSync,
  realpathSync,
  type Stats,
  statSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import { AbeError } from '../core/abe-error.js';
import { closest, didYouMean } from '../core/did-you-mean.js';
import { displayPath } from '../core/display-path.js';
import { logSafeText } from '../core/log-safe-text.js';
import { type DependencyEdge, orderComponents } from './order-components.js';
import { type IniEntry, readIni } from './read-ini.js';
import {
  type BuilderConfig,
  type Component,
  type ConfigKey,
  type ContractPrecision,
  DEFAULT_LEDGER_SETTINGS,
  type LedgerPolicy,
  type LedgerSettings,
  type MakeStep,
  type ReleaseProcess,
} from './types.js';

/** The config file `abe` looks for when `--config` is not given. */
export const CONFIG_FILE_NAME = 'builder.ini';

/** The section that holds repository-wide settings instead of a component. */
export const GLOBAL_SECTION = 'abe';

/**
 * Files whose change selects every component, besides the config file itself: a root
 * Makefile (shared targets) and the root lockfiles (shared dependencies). Paths are
 * relative to the config file's directory.
 */
export const DEFAULT_GLOBAL_FILES: readonly string[] = [
  'Makefile',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lock',
  'bun.lockb',
];

const COMPONENT_KEYS = [
  'path',
  'downstream',
  'upstream',
  'release-process',
  'contracts',
  'consumes',
  'steps',
] as const;
const MAKE_STEPS: readonly MakeStep[] = ['build', 'test'];
const GLOBAL_KEYS = [
  'base',
  'global-files',
  'registry',
  'unverified-use',
  'never-verified',
  'precision',
  'usage-file',
] as const;
const LEDGER_POLICIES: readonly LedgerPolicy[] = ['error', 'warn', 'off'];
const PRECISIONS: readonly ContractPrecision[] = ['contract', 'example'];
const RELEASE_PROCESSES: readonly ReleaseProcess[] = ['docker', 'custom', 'none'];
const NO_EXTRA: Readonly<Record<string, string>> = Object.freeze({});

export interface LoadConfigOptions {
  /** Resolves a relative `file`, and error messages show the file relative to it. Default: `process.cwd()`. */
  cwd?: string;
  /** Every unknown key is an error, not only those near a known key (`--strict`). */
  strict?: boolean;
}

/**
 * Reads and checks a `builder.ini`: every section but `[abe]` is a component. Component
 * paths are relative to the config file's directory, which becomes `config.root`.
 * `components` come out in build order (every component after its upstreams, ties in file
 * order). Throws an `AbeError` naming the file and line for a missing or bad `path`, a
 * duplicate path, an unknown component name (with a suggestion), a dependency cycle, or an
 * unknown key near a known one (`consume=` for `consumes=`: a typo that would silently drop
 * what the key means). Other unknown keys come back in `unknownKeys`, for a warning; with
 * `strict` they are errors too.
 *
 * @example
 * const config = await loadConfig('builder.ini');
 * config.components.map((component) => component.name); // ['ployst-api', 'ployst-ui', …]
 */
export async function loadConfig(
  file: string,
  options: LoadConfigOptions = {},
): Promise<BuilderConfig> {
  const cwd = options.cwd ?? process.cwd();
  const absolute = resolve(cwd, file);
  const shown = displayPath(absolute, cwd);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new AbeError(
      'config.read',
      `cannot read the config ${shown}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}.`,
      {
        file: shown,
        hint: 'Pass the path of your builder.ini with --config, or run abe inside the repository that holds it.',
        cause: error,
      },
    );
  }
  const root = dirname(absolute);
  const { config, pathLines } = buildConfig(text, { file: absolute, shown, root });
  checkUnknownKeys(config.unknownKeys ?? [], shown, options.strict === true);
  checkPathsExist(config, pathLines, shown);
  return config;
}

/**
 * Finds the config file for a working directory: `builder.ini` at the top of its git
 * repository (the nearest directory holding `.git`), else the nearest `builder.ini` from `cwd`
 * upward. Throws `config.read` when there is none. Spawns nothing.
 *
 * @example
 * const file = await findConfigFile(process.cwd()); // '/repo/builder.ini'
 */
export async function findConfigFile(cwd: string): Promise<string> {
  const start = resolve(cwd);
  let nearest: string | undefined;
  let topLevel: string | undefined;
  for (let directory = start; ; directory = dirname(directory)) {
    const candidate = join(directory, CONFIG_FILE_NAME);
    const hasConfig = isFile(candidate);
    const isTop = topLevel === undefined && exists(join(directory, '.git'));
    if (isTop) {
      topLevel = directory;
      if (hasConfig) return candidate;
    }
    nearest ??= hasConfig ? candidate : undefined;
    if (nearest !== undefined && topLevel !== undefined) return nearest;
    if (dirname(directory) === directory) break;
  }
  if (nearest !== undefined) return nearest;
  const where =
    topLevel === undefined
      ? `${start} or any directory above it`
      : `${topLevel} (the top of the git repository) or any directory from ${start} upward`;
  throw new AbeError('config.read', `no ${CONFIG_FILE_NAME} found in ${where}.`, {
    hint: `Create ${CONFIG_FILE_NAME} at the repository root with a [section] per component (or run abe init; see docs/affected.md in the abe-ts package), or pass --config FILE.`,
  });
}

interface Where {
  readonly file: string;
  readonly shown: string;
  readonly root: string;
}

interface Draft {
  readonly name: string;
  readonly line: number;
  path: string | undefined;
  pathLine: number;
  releaseProcess: ReleaseProcess;
  contracts: string[];
  consumes: { name: string; line: number }[];
  steps: readonly MakeStep[];
  extra: [string, string][];
}

interface Declared {
  readonly from: string;
  readonly to: string;
  readonly key: 'downstream' | 'upstream';
  readonly line: number;
  readonly section: string;
}

function buildConfig(
  text: string,
  where: Where,
): { config: BuilderConfig; pathLines: ReadonlyMap<string, number> } {
  const { shown } = where;
  let base: string | undefined;
  let registry: string | undefined;
  let ledger: LedgerSettings = DEFAULT_LEDGER_SETTINGS;
  const globalFiles = [basename(where.file), ...DEFAULT_GLOBAL_FILES];
  const unknownKeys: ConfigKey[] = [];
  const drafts: Draft[] = [];
  const declared: Declared[] = [];
  let draft: Draft | undefined;
  let inGlobal = false;

  const finish = (): void => {
    if (draft === undefined) return;
    if (draft.path === undefined) {
      throw new AbeError('config.invalid', `component [${draft.name}] has no "path".`, {
        file: shown,
        line: draft.line,
        hint: `Add a line such as \`path=${draft.name}\` under [${draft.name}]: the directory of the component, relative to ${shown}.`,
      });
    }
    drafts.push(draft);
    draft = undefined;
  };

  readIni(text, shown, {
    section(name, line) {
      finish();
      inGlobal = name === GLOBAL_SECTION;
      if (inGlobal) return;
      checkComponentName(name, line, shown);
      draft = {
        name,
        line,
        path: undefined,
        pathLine: line,
        releaseProcess: 'none',
        contracts: [],
        consumes: [],
        steps: MAKE_STEPS,
        extra: [],
      };
    },
    entry(key, value, line) {
      const entry: IniEntry = { key, value, line };
      if (inGlobal) {
        if (key === 'base') base = value === '' ? undefined : value;
        else if (key === 'registry') registry = value === '' ? undefined : value;
        else if (key === 'unverified-use') {
          ledger = { ...ledger, unverifiedUse: oneOf(entry, shown, LEDGER_POLICIES, POLICY_HINT) };
        } else if (key === 'never-verified') {
          ledger = { ...ledger, neverVerified: oneOf(entry, shown, LEDGER_POLICIES, POLICY_HINT) };
        } else if (key === 'precision') {
          ledger = { ...ledger, precision: oneOf(entry, shown, PRECISIONS, PRECISION_HINT) };
        } else if (key === 'usage-file') {
          checkRelativePattern(value, entry, shown, 'usage-file');
          ledger = { ...ledger, usageFile: value };
        } else if (key === 'global-files') {
          for (const pattern of splitList(value)) {
            checkRelativePattern(pattern, entry, shown, 'global-files');
            globalFiles.push(pattern);
          }
        } else unknownKeys.push(unknownKey(GLOBAL_SECTION, entry, GLOBAL_KEYS));
        return;
      }
      const current = draft as Draft;
      const section = current.name;
      switch (key) {
        case 'path':
          current.path = normalisePath(entry, shown);
          current.pathLine = line;
          break;
        case 'downstream':
          for (const name of splitList(value)) {
            declared.push({ from: section, to: name, key, line, section });
          }
          break;
        case 'upstream':
          for (const name of splitList(value)) {
            declared.push({ from: name, to: section, key, line, section });
          }
          break;
        case 'release-process':
          current.releaseProcess = releaseProcess(entry, shown, section);
          break;
        case 'contracts':
          for (const pattern of splitList(value)) {
            checkRelativePattern(pattern, entry, shown, 'contracts');
            current.contracts.push(pattern);
          }
          break;
        case 'consumes':
          for (const name of splitList(value)) current.consumes.push({ name, line });
          break;
        case 'steps':
          current.steps = makeSteps(entry, shown, section);
          break;
        default:
          current.extra.push([key, value]);
          unknownKeys.push(unknownKey(section, entry, COMPONENT_KEYS));
      }
    },
  });
  finish();

  const names = drafts.map((draft) => draft.name);
  const known = new Set(names);
  checkDuplicatePaths(drafts, shown);

  const edges: DependencyEdge[] = [];
  const seenEdges = new Set<string>();
  for (const { from, to, key, line, section } of declared) {
    const listed = section === from ? to : from;
    if (!known.has(listed)) {
      throw unknownComponent(section, { key, value: listed, line }, listed, names, shown);
    }
    const id = `${from}\n${to}`;
    if (seenEdges.has(id)) continue;
    seenEdges.add(id);
    edges.push({ from, to, line, key, section });
  }
  for (const draft of drafts) {
    for (const consumed of draft.consumes) {
      if (!known.has(consumed.name)) {
        throw unknownComponent(
          draft.name,
          { key: 'consumes', value: consumed.name, line: consumed.line },
          consumed.name,
          names,
          shown,
        );
      }
    }
  }

  const ordered = orderComponents(names, edges);
  if (!ordered.ok) throw cycleError(ordered.cycle, shown);

  const upstream = new Map<string, string[]>(names.map((name) => [name, []]));
  const downstream = new Map<string, string[]>(names.map((name) => [name, []]));
  for (const edge of edges) {
    upstream.get(edge.to)?.push(edge.from);
    downstream.get(edge.from)?.push(edge.to);
  }
  const byName = new Map(drafts.map((draft) => [draft.name, draft]));
  const components = ordered.order.map((name): Component => {
    const draft = byName.get(name) as Draft;
    return {
      name,
      path: draft.path as string,
      downstream: downstream.get(name) ?? [],
      upstream: upstream.get(name) ?? [],
      releaseProcess: draft.releaseProcess,
      contracts: draft.contracts,
      steps: draft.steps,
      consumes:
        draft.consumes.length < 2
          ? draft.consumes.map((consumed) => consumed.name)
          : unique(draft.consumes.map((consumed) => consumed.name)),
      // fromEntries defines own properties, so a key named "__proto__" stays a key.
      extra: draft.extra.length === 0 ? NO_EXTRA : Object.fromEntries(draft.extra),
      line: draft.line,
    };
  });
  // With example precision the lock decides which consumers a contract change reruns: a change
  // of the lock changes that for every contract, so it selects everything, as builder.ini does.
  if (ledger.precision === 'example') globalFiles.push(ledger.usageFile);
  const config: BuilderConfig = {
    file: where.file,
    root: where.root,
    components,
    base,
    globalFiles: unique(globalFiles),
    registry,
    ledger,
    unknownKeys,
  };
  return { config, pathLines: new Map(drafts.map((draft) => [draft.name, draft.pathLine])) };
}

/**
 * Splits a list value: names or globs separated by commas and/or whitespace. A comma inside
 * braces belongs to a glob's alternatives (`{users,orders}/*.json`), not to the list.
 *
 * @example
 * splitList('api, web  docs'); // ['api', 'web', 'docs']
 * splitList('{users,orders}/*.json, admin/*.json'); // ['{users,orders}/*.json', 'admin/*.json']
 */
function splitList(value: string): string[] {
  const items: string[] = [];
  let item = '';
  let braces = 0;
  for (const char of value) {
    if (char === '{') braces += 1;
    if (char === '}' && braces > 0) braces -= 1;
    if (braces === 0 && (char === ',' || /\s/.test(char))) {
      if (item !== '') items.push(item);
      item = '';
    } else {
      item += char;
    }
  }
  if (item !== '') items.push(item);
  return items;
}

/**
 * What a component may be called: a letter or digit, then letters, digits, `.`, `_` and `-`,
 * with no `..`. The name becomes an argument of git and make, part of a git tag
 * (`<name>-<version>`), a label (`component:<name>`), a commit status context, a log file name
 * and an environment variable name, and is printed in CI logs: a name starting with `-` would
 * be read as an option, and a space, `/`, `:` or a control character breaks one of the others.
 */
const COMPONENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function checkComponentName(name: string, line: number, shown: string): void {
  if (COMPONENT_NAME.test(name) && !name.includes('..')) return;
  const suggestion = name
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/^[^A-Za-z0-9]+/, '');
  throw new AbeError(
    'config.invalid',
    `[${logSafeText(name)}] is not a valid component name: a name starts with a letter or digit and holds only letters, digits, ".", "_" and "-" (no "..").${suggestion === '' ? '' : ` Did you mean [${suggestion}]?`}`,
    {
      file: shown,
      line,
      hint: 'Rename the section (and the downstream=, upstream= and consumes= entries that name it): the name becomes a git tag, a pull request label, a make variable and a log file name, where a leading "-", a space, "/" or ":" would not survive.',
    },
  );
}

function normalisePath(entry: IniEntry, shown: string): string {
  const raw = entry.value;
  if (raw === '') {
    throw new AbeError('config.path', 'the component "path" is empty.', {
      file: shown,
      line: entry.line,
      hint: 'Set it to the component directory relative to the config file, such as `path=services/api`; use `path=.` for the repository root.',
    });
  }
  const normal = posix.normalize(raw.replace(/\\/g, '/')).replace(/\/+$/, '') || '.';
  if (isAbsolute(raw) || posix.isAbsolute(normal) || normal === '..' || normal.startsWith('../')) {
    throw new AbeError(
      'config.path',
      `path "${logSafeText(raw)}" is outside the repository: component paths are relative to the directory of ${shown} and stay inside it.`,
      {
        file: shown,
        line: entry.line,
        hint: 'Write the path relative to the config file, without a leading "/" or "..", such as `path=services/api`.',
      },
    );
  }
  return normal;
}

function checkRelativePattern(pattern: string, entry: IniEntry, shown: string, key: string): void {
  if (pattern.startsWith('/') || pattern === '..' || pattern.startsWith('../')) {
    throw new AbeError(
      'config.path',
      `${key} pattern "${logSafeText(pattern)}" points outside the ${key === 'contracts' ? 'component' : 'repository'}.`,
      {
        file: shown,
        line: entry.line,
        hint:
          key === 'contracts'
            ? 'Write contract globs relative to the component path, such as `contracts=api/**/*.json`.'
            : 'Write global-files globs relative to the config file, such as `global-files=tsconfig.base.json, tools/**`.',
      },
    );
  }
}

function releaseProcess(entry: IniEntry, shown: string, section: string): ReleaseProcess {
  if (entry.value === '') return 'none';
  if ((RELEASE_PROCESSES as readonly string[]).includes(entry.value)) {
    return entry.value as ReleaseProcess;
  }
  throw new AbeError(
    'config.invalid',
    `component [${section}] has release-process "${logSafeText(entry.value)}", which abe does not know.${didYouMean(entry.value, RELEASE_PROCESSES)}`,
    {
      file: shown,
      line: entry.line,
      hint: 'Use `docker` (tag and push the image `make build` made), `custom` (run `make release`) or `none`.',
    },
  );
}

const POLICY_HINT =
  '`error` fails abe check, `warn` prints the finding, `off` says nothing (docs/ledger.md).';
const PRECISION_HINT =
  '`contract` reruns every consumer of a changed contract; `example` only those abe-usage.json says use a changed example (docs/affected.md).';

/** A global key whose value is one of a few words: `unverified-use=warn`, `precision=example`. */
function oneOf<T extends string>(
  entry: IniEntry,
  shown: string,
  allowed: readonly T[],
  hint: string,
): T {
  if ((allowed as readonly string[]).includes(entry.value)) return entry.value as T;
  throw new AbeError(
    'config.invalid',
    `[${GLOBAL_SECTION}] has ${entry.key} "${logSafeText(entry.value)}", which abe does not know; it is one of ${allowed.join(', ')}.${didYouMean(entry.value, allowed)}`,
    { file: shown, line: entry.line, hint },
  );
}

/** `steps=build test`, `steps=test`, or `steps=none` for a component without a Makefile. */
function makeSteps(entry: IniEntry, shown: string, section: string): MakeStep[] {
  const listed = splitList(entry.value);
  if (listed.length === 1 && listed[0] === 'none') return [];
  for (const step of listed) {
    if (!(MAKE_STEPS as readonly string[]).includes(step)) {
      throw new AbeError(
        'config.invalid',
        `component [${section}] lists step "${logSafeText(step)}" in steps=, which abe does not run.${didYouMean(step, [...MAKE_STEPS, 'none'])}`,
        {
          file: shown,
          line: entry.line,
          hint: 'List the make targets the component has, of build and test (steps=build test, or steps=test), or write steps=none for a component with no Makefile.',
        },
      );
    }
  }
  if (listed.length === 0) {
    throw new AbeError('config.invalid', `component [${section}] has an empty steps=.`, {
      file: shown,
      line: entry.line,
      hint: 'Write steps=none for a component with no build or test step, or leave the key out for both.',
    });
  }
  return MAKE_STEPS.filter((step) => listed.includes(step));
}

/**
 * An unknown key near a known one is a typo that would silently drop what the key means: an
 * error. With `strict`, every unknown key is.
 */
function checkUnknownKeys(unknown: readonly ConfigKey[], shown: string, strict: boolean): void {
  const refused = unknown.filter((key) => strict || key.suggestion !== undefined);
  if (refused.length === 0) return;
  const lines = refused.map(
    (key) =>
      `  ${shown}:${key.line}: unknown key "${logSafeText(key.key)}" in [${key.section}].${key.suggestion === undefined ? '' : ` Did you mean "${key.suggestion}"?`}`,
  );
  const first = refused[0] as ConfigKey;
  throw new AbeError(
    'config.invalid',
    `${refused.length === 1 ? 'an unknown key' : `${refused.length} unknown keys`}${strict ? ' (--strict)' : ''}:\n${lines.join('\n')}`,
    {
      file: shown,
      line: first.line,
      hint: `Fix or remove ${refused.length === 1 ? 'it' : 'them'}. Component keys: ${COMPONENT_KEYS.join(', ')}; [${GLOBAL_SECTION}] keys: ${GLOBAL_KEYS.join(', ')}.`,
    },
  );
}

function unknownKey(section: string, entry: IniEntry, known: readonly string[]): ConfigKey {
  const suggestion = closest(entry.key, known);
  return {
    section,
    key: entry.key,
    line: entry.line,
    ...(suggestion === undefined ? {} : { suggestion }),
  };
}

function unknownComponent(
  section: string,
  entry: IniEntry,
  listed: string,
  names: readonly string[],
  shown: string,
): AbeError {
  return new AbeError(
    'config.unknown-component',
    `component "${section}" lists ${entry.key} "${logSafeText(listed)}", which is not a component.${didYouMean(listed, names)}`,
    {
      file: shown,
      line: entry.line,
      hint: `Fix the name, or add a [${logSafeText(listed)}] section with its path.`,
    },
  );
}

function cycleError(cycle: readonly DependencyEdge[], shown: string): AbeError {
  const first = cycle[0] as DependencyEdge;
  const names = [first.from, ...cycle.map((edge) => edge.to)];
  const where = cycle
    .map(
      (edge) =>
        `  line ${edge.line}: [${edge.section}] ${edge.key}=${edge.section === edge.from ? edge.to : edge.from}`,
    )
    .join('\n');
  return new AbeError(
    'config.cycle',
    `dependency cycle: ${names.join(' → ')}. No build order exists, because each of these components would have to be built before itself. The edges:\n${where}`,
    {
      file: shown,
      line: first.line,
      hint: 'Remove one of these downstream/upstream entries to break the cycle.',
    },
  );
}

function checkDuplicatePaths(drafts: readonly Draft[], shown: string): void {
  const owners = new Map<string, Draft>();
  for (const draft of drafts) {
    const path = draft.path as string;
    const previous = owners.get(path);
    if (previous !== undefined) {
      throw new AbeError(
        'config.path',
        `components "${previous.name}" (line ${previous.pathLine}) and "${draft.name}" both have path "${logSafeText(path)}": every file would belong to both.`,
        {
          file: shown,
          line: draft.pathLine,
          hint: 'Give each component its own directory; components may nest (the longest path owns a file), but not share one.',
        },
      );
    }
    owners.set(path, draft);
  }
}

function checkPathsExist(
  config: BuilderConfig,
  pathLines: ReadonlyMap<string, number>,
  shown: string,
): void {
  // One readdir (and one realpath) per parent directory instead of one stat per component: a
  // monorepo keeps thousands of components in a handful of folders.
  const byParent = new Map<string, Component[]>();
  for (const component of config.components) {
    const parent = posix.dirname(component.path);
    const siblings = byParent.get(parent);
    if (siblings === undefined) byParent.set(parent, [component]);
    else siblings.push(component);
  }
  const realRoot = realPathOf(config.root) ?? config.root;
  const missing = new Set<Component>();
  // Where a component really is, when a symbolic link takes it out of the repository.
  const outside = new Map<Component, string>();
  for (const [parent, components] of byParent) {
    const directory = join(config.root, parent);
    const kinds = new Map(entriesOf(directory).map((entry) => [entry.name, entry]));
    const realParent = parent === '.' ? realRoot : realPathOf(directory);
    for (const component of components) {
      if (component.path === '.') continue;
      const entry = kinds.get(posix.basename(component.path));
      let real: string | undefined;
      if (entry?.isDirectory()) {
        real = realParent === undefined ? undefined : join(realParent, entry.name);
      } else if (entry?.isSymbolicLink() && isDirectory(join(config.root, component.path))) {
        // A symbolic link may still lead to a directory: the one it leads to is checked.
        real = realPathOf(join(config.root, component.path));
      } else {
        missing.add(component);
        continue;
      }
      if (real !== undefined && !isInside(real, realRoot)) outside.set(component, real);
    }
  }
  const component = config.components.find((c) => missing.has(c) || outside.has(c));
  if (component === undefined) return;
  const line = pathLines.get(component.name) ?? component.line;
  const real = outside.get(component);
  if (real !== undefined) {
    throw new AbeError(
      'config.path',
      `component "${component.name}" has path "${logSafeText(component.path)}", which leads through a symbolic link to ${real}, outside the repository (${config.root}): component paths stay inside the directory of ${shown}.`,
      {
        file: shown,
        line,
        hint: 'Point path= at a directory inside the repository, or replace the symbolic link with the directory itself.',
      },
    );
  }
  throw new AbeError(
    'config.path',
    `component "${component.name}" has path "${logSafeText(component.path)}", which is not a directory in ${config.root}.`,
    {
      file: shown,
      line,
      hint: 'Create the directory, fix the path (it is relative to the config file), or remove the section.',
    },
  );
}

/** `path` is `root` or lies under it (both real paths). */
function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

// Synchronous reads: a handful of small files and directories, read once per command before
// anything else can run.

function entriesOf(directory: string): Dirent[] {
  try {
    return readdirSync(directory, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** The file's status, or undefined when it cannot be had (missing, not searchable…). */
function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** The path with every symbolic link resolved, or undefined when it cannot be had. */
function realPathOf(path: string): string | undefined {
  try {
    return realpathSync.native(path);
  } catch {
    return undefined;
  }
}

function exists(path: string): boolean {
  return statOf(path) !== undefined;
}

function isFile(path: string): boolean {
  return statOf(path)?.isFile() === true;
}

function isDirectory(path: string): boolean {
  return statOf(path)?.isDirectory() === true;
}
