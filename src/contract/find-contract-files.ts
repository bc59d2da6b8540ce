import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { glob } from 'glob';
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
  const found = new Set<string>();
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
    for (const match of matches) found.add(match);
  }
  return [...found].sort();
}

async function expand(pattern: string, cwd: string): Promise<string[]> {
  const absolute = resolve(cwd, pattern);
  const info = statSync(absolute, { throwIfNoEntry: false });
  if (info?.isFile()) return [display(absolute, cwd)];
  // A directory walk is an order of magnitude cheaper than the equivalent `**/*.json` glob.
  if (info?.isDirectory()) return jsonFilesBelow(absolute).map((file) => display(file, cwd));
  const matches = await glob(pattern.replaceAll('\\', '/'), {
    cwd,
    absolute: true,
    nodir: true,
    ignore: ['**/node_modules/**'],
  });
  return matches.map((match) => display(match, cwd));
}

function jsonFilesBelow(directory: string): string[] {
  const files: string[] = [];
  const pending = [directory];
  for (let current = pending.pop(); current !== undefined; current = pending.pop()) {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== '.git')
          pending.push(join(current, entry.name));
      } else if (entry.isFile() && entry.name.endsWith('.json')) {
        files.push(join(current, entry.name));
      }
    }
  }
  return files;
}

function display(absolute: string, cwd: string): string {
  const rel = relative(cwd, absolute);
  return rel.startsWith('..') || isAbsolute(rel) ? absolute : rel;
}
