import { type Dirent, readdirSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { DetectedProject, ProjectMarker } from './types.js';

/** How deep below the root init looks for projects: `services/team/api/v2` is 4. */
export const MAX_PROJECT_DEPTH = 4;

/** The files that make a directory a project, in the order they are reported. */
export const PROJECT_MARKERS: readonly ProjectMarker[] = [
  'package.json',
  'pyproject.toml',
  'go.mod',
  'Makefile',
];

/** The names GNU make reads as the makefile, in its order: any of them is a Makefile. */
export const MAKEFILE_NAMES: readonly string[] = ['GNUmakefile', 'makefile', 'Makefile'];

/**
 * Directories never searched: installed dependencies, build outputs, virtual environments and
 * test fixtures (whose package.json files are data, not projects). Dot directories neither.
 */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set([
  'node_modules',
  'bower_components',
  'vendor',
  'dist',
  'build',
  'out',
  'target',
  'coverage',
  '__pycache__',
  'venv',
  'site-packages',
  'fixtures',
  '__fixtures__',
  'testdata',
]);

export interface FoundProjects {
  /**
   * The components to be, in tree order (a directory's entries sorted by name): every project
   * below the root, or the root itself (`.`) when it is the only one.
   */
  readonly projects: readonly DetectedProject[];
  /** The root holds project files but sub-projects were found: it is their workspace root. */
  readonly workspaceRoot: boolean;
  /** Project directories whose path builder.ini cannot hold (a line break, ` ;` …). */
  readonly unwritable: readonly string[];
}

/**
 * Finds the directories that look like projects: those holding a package.json,
 * pyproject.toml, go.mod or Makefile, up to {@link MAX_PROJECT_DEPTH} levels below the root.
 * A project's subdirectories belong to it and are not searched; dot directories, symbolic
 * links and {@link SKIPPED_DIRECTORIES} never are. The root is a project only when nothing
 * below it is: a root package.json next to sub-projects (npm, yarn or pnpm workspaces, a
 * tooling package), or a root Makefile driving them, makes the root their workspace.
 *
 * @example
 * findProjects('/repo');
 * // { projects: [{ path: 'packages/api', markers: ['package.json'] }, …], workspaceRoot: true, unwritable: [] }
 */
export function findProjects(root: string): FoundProjects {
  const found: DetectedProject[] = [];
  const unwritable: string[] = [];
  const rootEntries = readEntries(root);
  const visit = (relative: string, entries: readonly Dirent[], depth: number): void => {
    for (const entry of entries) {
      if (!entry.isDirectory() || isSkipped(entry.name)) continue;
      const path = relative === '.' ? entry.name : posix.join(relative, entry.name);
      const children = readEntries(join(root, path));
      const markers = markersOf(children);
      if (markers.length > 0) {
        if (isWritablePath(path)) found.push({ path, markers });
        else unwritable.push(path);
      } else if (depth < MAX_PROJECT_DEPTH) {
        visit(path, children, depth + 1);
      }
    }
  };
  visit('.', rootEntries, 1);
  const rootMarkers = markersOf(rootEntries);
  if (found.length === 0 && rootMarkers.length > 0) {
    return { projects: [{ path: '.', markers: rootMarkers }], workspaceRoot: false, unwritable };
  }
  return { projects: found, workspaceRoot: rootMarkers.length > 0 && found.length > 0, unwritable };
}

/** The project files among a directory's entries, in {@link PROJECT_MARKERS} order. */
export function markersOf(entries: readonly Dirent[]): ProjectMarker[] {
  const files = new Set(entries.filter((entry) => entry.isFile()).map((entry) => entry.name));
  return PROJECT_MARKERS.filter((marker) =>
    marker === 'Makefile' ? MAKEFILE_NAMES.some((name) => files.has(name)) : files.has(marker),
  );
}

/**
 * Whether builder.ini can hold the path as written: its reader trims values, unquotes them,
 * and cuts a comment at a space followed by `;` or `#`.
 */
export function isWritablePath(path: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
  if (/[\u0000-\u001f\u007f]/.test(path) || /\s[;#]/.test(path)) return false;
  return path === path.trim() && !/^["']/.test(path);
}

function isSkipped(name: string): boolean {
  return name.startsWith('.') || SKIPPED_DIRECTORIES.has(name);
}

/** A directory's entries by name; one init cannot read counts as empty. */
export function readEntries(directory: string): Dirent[] {
  try {
    return readdirSync(directory, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
  } catch {
    return [];
  }
}
