import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { AbeError } from '../abe-error.js';

export interface FindContractFilesOptions {
  /** Directory patterns are resolved against. Default: `process.cwd()`. */
  cwd?: string;
}

/**
 * Expands file paths, directories (every `*.json` below, `node_modules` excluded) and glob
 * patterns into contract files, sorted and without repeats, as paths relative to `cwd` when
 * inside it. A pattern that matches nothing is an error: a silent empty set would make a check
 * pass without checking anything.
 *
 * @example
 * await findContractFiles(['contracts/', 'legacy/*.json'], { cwd: 'services/api' });
 */
export async function findContractFiles(
  patterns: readonly string[],
  options: FindContractFilesOptions = {},
): Promise<string[]> {
  const cwd = options.cwd ?? process.cwd();
  const lists: string[][] = [];
  for (const pattern of patterns) {
    const matches = await expand(pattern, cwd);
    if (matches.length === 0) {
      throw new AbeError(
        'lint.no-match',
        `no contract file matches "${pattern}" (looked in ${cwd}).`,
        {
          hint: 'Check the path or glob; a directory means every *.json file below it. Quote globs so the shell does not expand them.',
        },
      );
    }
    lists.push(matches);
  }
  // One directory (the usual call) is already sorted and free of repeats: skip the set and the
  // sort, which cost more than the walk for 10,000 files.
  const files = lists.length === 1 ? (lists[0] as string[]) : [...new Set(lists.flat())];
  return isSorted(files) ? files : files.sort();
}

function isSorted(values: readonly string[]): boolean {
  for (let index = 1; index < values.length; index += 1) {
    if ((values[index - 1] as string) > (values[index] as string)) return false;
  }
  return true;
}

async function expand(pattern: string, cwd: string): Promise<string[]> {
  const absolute = resolve(cwd, pattern);
  const info = statSync(absolute, { throwIfNoEntry: false });
  if (info?.isFile()) return [display(absolute, cwd)];
  // A directory walk is an order of magnitude cheaper than the equivalent `**/*.json` glob.
  if (info?.isDirectory()) return jsonFilesBelow(absolute, cwd);
  // Loaded only for real glob patterns: the package costs more to load than a directory walk.
  const { glob } = await import('glob');
  const matches = await glob(pattern.replaceAll('\\', '/'), {
    cwd,
    absolute: true,
    nodir: true,
    ignore: ['**/node_modules/**'],
  });
  return matches.map((match) => display(match, cwd));
}

/**
 * Every `*.json` below a directory, as paths shown relative to `cwd` (absolute outside it).
 * Each directory's entries are visited in name order, so the list usually comes out sorted.
 */
function jsonFilesBelow(directory: string, cwd: string): string[] {
  const files: string[] = [];
  // Paths are built by joining names onto the directory's shown form: one path.relative for
  // the walk instead of one per file, which dominated finding 10,000 files.
  const walk = (absolute: string, shown: string): void => {
    const prefix = shown === '' ? '' : `${shown}${sep}`;
    const entries = readdirSync(absolute, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== '.git') {
          walk(join(absolute, entry.name), `${prefix}${entry.name}`);
        }
      } else if (entry.isFile() && entry.name.endsWith('.json')) {
        files.push(`${prefix}${entry.name}`);
      }
    }
  };
  walk(directory, display(directory, cwd));
  return files;
}

function display(absolute: string, cwd: string): string {
  const rel = relative(cwd, absolute);
  return rel.startsWith('..') || isAbsolute(rel) ? absolute : rel;
}
