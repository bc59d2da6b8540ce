import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { glob } from 'glob';
import { AbeError } from '../abe-error.js';

export interface FindContractFilesOptions {
  /** Directory patterns are resolved against. Default: `process.cwd()`. */
  cwd?: string;
}

/**
 * Expands file paths, directories (every `*.json` below) and glob patterns into contract
 * files, sorted and without repeats, as paths relative to `cwd` when inside it. A pattern that
 * matches nothing is an error: a silent empty set would make a check pass without checking.
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
  const info = await stat(absolute).catch(() => undefined);
  if (info?.isFile()) return [display(absolute, cwd)];
  const globPattern = info?.isDirectory() ? `${toGlob(pattern)}/**/*.json` : toGlob(pattern);
  const matches = await glob(globPattern, {
    cwd,
    absolute: true,
    nodir: true,
    ignore: ['**/node_modules/**'],
  });
  return matches.map((match) => display(match, cwd));
}

function toGlob(path: string): string {
  return path.replaceAll('\\', '/').replace(/\/+$/, '');
}

function display(absolute: string, cwd: string): string {
  const rel = relative(cwd, absolute);
  return rel.startsWith('..') || isAbsolute(rel) ? absolute : rel;
}
