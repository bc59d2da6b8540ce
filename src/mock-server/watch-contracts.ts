import { statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { watch } from 'chokidar';
import type { MockContracts, MockInput } from './mock-contracts.js';

export interface WatchContractsOptions {
  /** Called after a reload that changed the contracts served or the problems listed. */
  readonly onReload: () => void;
  /** Milliseconds to gather a burst of events (an editor's save, a `git checkout`). Default 50. */
  readonly settleMs?: number;
}

/** A running watch; `close` stops it. */
export interface ContractWatch {
  close(): Promise<void>;
}

const GLOB_SYNTAX = /[*?[{(\\]/;

// chokidar rather than fs.watch: editors save by writing a temporary file and renaming it over
// the old one, which fs.watch on a file loses track of, and recursive fs.watch on Linux only
// came to Node 20 recently, without chokidar's handling of folders added after the start.

/**
 * Watches the files, folders and glob roots of the inputs and reloads the contracts when a
 * contract file is added, changed or deleted; resolves once the watch is ready, so an edit made
 * after it is seen.
 *
 * @example
 * const watch = await watchContracts(contracts, inputs, { onReload: () => print(contracts.problems) });
 */
export async function watchContracts(
  contracts: MockContracts,
  inputs: readonly MockInput[],
  options: WatchContractsOptions,
): Promise<ContractWatch> {
  const roots = new Set(inputs.map(watchRoot));
  const watcher = watch([...roots], {
    ignoreInitial: true,
    // node_modules and dot folders, as the contract walk skips them; a root itself is kept.
    ignored: (path) => {
      if (roots.has(path)) return false;
      const name = basename(path);
      return name === 'node_modules' || name.startsWith('.');
    },
  });
  let timer: NodeJS.Timeout | undefined;
  let lastProblems = '[]';
  const reload = (): void => {
    timer = undefined;
    const changed = contracts.reload();
    const problems = JSON.stringify(contracts.problems);
    if (changed || problems !== lastProblems) options.onReload();
    lastProblems = problems;
  };
  watcher.on('all', (event, path) => {
    // Folders come and go with their files; anything else is no contract.
    if (!path.endsWith('.json') && event !== 'unlinkDir' && event !== 'addDir') return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(reload, options.settleMs ?? 50);
  });
  await new Promise<void>((ready) => watcher.once('ready', () => ready()));
  return {
    close: async () => {
      if (timer !== undefined) clearTimeout(timer);
      await watcher.close();
    },
  };
}

/** The file or folder an input names, or for a glob the folder before its first glob character. */
function watchRoot({ pattern, cwd }: MockInput): string {
  const absolute = resolve(cwd, pattern);
  const info = statSync(absolute, { throwIfNoEntry: false });
  // A file is watched through its folder, so that a save by rename is seen.
  if (info?.isFile()) return dirname(absolute);
  if (info?.isDirectory()) return absolute;
  const glob = pattern.replaceAll('\\', '/');
  const first = glob.search(GLOB_SYNTAX);
  const stem = first === -1 ? glob : glob.slice(0, glob.lastIndexOf('/', first) + 1);
  return resolve(cwd, stem === '' ? '.' : stem);
}
