import { lstatSync, readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { AbeError } from '../core/abe-error.js';

export interface FindContractFilesOptions {
  /** Directory patterns are resolved against. Default: `process.cwd()`. */
  cwd?: string;
}

/**
 * Expands file paths, directories (every `*.json` below, `node_modules` and dot entries
 * excluded) and glob patterns into contract files, sorted and without repeats, as paths
 * relative to `cwd` when inside it. A pattern that matches nothing is an error: a silent empty
 * set would make a check pass without checking anything.
 *
 * @example
 * await findContractFiles(['contracts/', 'legacy/*.json'], { cwd: 'services/api' });
 */
export async function findContractFiles(
  patterns: readonly string[],
  options: FindContractFilesOptions = {},
): Promise<string[]> {
  const cwd = options.cwd ?? process.cwd();
  const lists: Expansion[] = [];
  for (const pattern of patterns) {
    const expansion = await expand(pattern, cwd);
    if (expansion.files.length === 0) {
      throw new AbeError(
        'lint.no-match',
        `no contract file matches "${pattern}" (looked in ${cwd}).`,
        {
          hint: 'Check the path or glob; a directory means every *.json file below it. Quote globs so the shell does not expand them.',
        },
      );
    }
    lists.push(expansion);
  }
  // One directory (the usual call) comes out sorted and free of repeats: checking that again
  // cost more than the walk for 10,000 files.
  const only = lists.length === 1 ? (lists[0] as Expansion) : undefined;
  if (only?.sorted === true) return only.files;
  const files = only === undefined ? [...new Set(lists.flatMap((list) => list.files))] : only.files;
  return files.sort();
}

interface Expansion {
  readonly files: string[];
  /** Already in `Array.prototype.sort` order. */
  readonly sorted: boolean;
}

async function expand(pattern: string, cwd: string): Promise<Expansion> {
  const absolute = resolve(cwd, pattern);
  const info = statSync(absolute, { throwIfNoEntry: false });
  if (info?.isFile()) return { files: [display(absolute, cwd)], sorted: true };
  // A directory walk is an order of magnitude cheaper than the equivalent `**/*.json` glob.
  if (info?.isDirectory()) return { files: jsonFilesBelow(absolute, cwd), sorted: true };
  // Loaded only for real glob patterns: the package costs more to load than a directory walk.
  const { glob } = await import('glob');
  const matches = await glob(pattern.replaceAll('\\', '/'), {
    cwd,
    absolute: true,
    nodir: true,
    ignore: ['**/node_modules/**'],
  });
  return { files: matches.map((match) => display(match, cwd)), sorted: false };
}

/**
 * Every `*.json` below a directory, as paths shown relative to `cwd` (absolute outside it),
 * sorted as strings.
 *
 * Entries whose name starts with a dot (`.git`, `.abe` with abe's own JSON reports, editor and
 * tool settings) and `node_modules` are skipped, as `mockFromAbe` skips them. An entry named
 * `*.json` is taken as a contract file without asking its type: reading it then tells, and a
 * linked contract is read through its link. Every other entry costs a `lstat`, and is walked
 * when it is a real directory (not a link, so a link up the tree cannot make the walk loop).
 * Names only, instead of one directory-entry object per file, made finding 10,000 contracts a
 * third cheaper.
 */
function jsonFilesBelow(directory: string, cwd: string): string[] {
  const files: string[] = [];
  // Paths are built by joining names onto the directory's shown form: one path.relative for
  // the walk instead of one per file, which dominated finding 10,000 files.
  const walk = (absolute: string, shown: string): void => {
    const prefix = shown === '' ? '' : `${shown}${sep}`;
    for (const name of namesInPathOrder(readdirSync(absolute))) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      if (name.endsWith('.json')) {
        // Array#join builds one flat string, where `${prefix}${name}` makes a rope that the
        // file's first open copies flat, both then kept for the whole run: for 10,000 files,
        // enough to make V8 grow its young generation, which cost more than the walk.
        files.push([prefix, name].join(''));
      } else {
        const path = join(absolute, name);
        if (lstatSync(path, { throwIfNoEntry: false })?.isDirectory() === true) {
          walk(path, `${prefix}${name}`);
        }
      }
    }
  };
  walk(directory, display(directory, cwd));
  return files;
}

/**
 * Sorts a directory's names so that the paths built from them come out sorted as whole
 * strings: a possible directory (any name not ending in `.json`) stands for `name/…`, so
 * `a/x.json` is placed after `a-b.json` and `a.json`, as a plain sort of the paths would.
 */
function namesInPathOrder(names: string[]): string[] {
  if (names.every((name) => name.endsWith('.json'))) return names.sort();
  return names
    .map((name) => (name.endsWith('.json') ? name : `${name}${sep}`))
    .sort()
    .map((key) => (key.endsWith(sep) ? key.slice(0, -1) : key));
}

function display(absolute: string, cwd: string): string {
  const rel = relative(cwd, absolute);
  return rel.startsWith('..') || isAbsolute(rel) ? absolute : rel;
}
