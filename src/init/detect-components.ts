import { basename } from 'node:path';
import { logSafeText } from '../core/log-safe-text.js';
import { findProjects, MAX_PROJECT_DEPTH } from './find-projects.js';
import { nameComponents } from './name-components.js';
import { readProject } from './read-project.js';
import type { InitComponent, InitNote } from './types.js';
import { findWorkspaceUpstream } from './workspace-upstream.js';

export interface DetectedComponents {
  readonly components: readonly InitComponent[];
  /** The root holds project files but is the workspace of the components below it. */
  readonly workspaceRoot: boolean;
  readonly notes: readonly InitNote[];
}

/**
 * The components a new builder.ini declares: the projects {@link findProjects} finds, named
 * after their directories, each with what its files say (tooling, dependencies) and the
 * upstream its package.json states. Empty when there is no project.
 *
 * @example
 * detectComponents('/repo').components.map((component) => `${component.name}=${component.path}`);
 * // ['api=packages/api', 'web=packages/web']
 */
export function detectComponents(root: string): DetectedComponents {
  const found = findProjects(root);
  const names = nameComponents(
    found.projects.map((project) => project.path),
    basename(root),
  );
  const drafts = found.projects.map(
    (project, index): InitComponent => ({
      name: names[index] ?? project.path,
      path: project.path,
      ...readProject(root, project.path),
      upstream: [],
      steps: ['build', 'test'],
    }),
  );
  const { upstream, cycle } = findWorkspaceUpstream(drafts);
  const components = drafts.map((draft) => ({
    ...draft,
    upstream: upstream.get(draft.name) ?? [],
  }));
  const notes: InitNote[] = [];
  if (found.workspaceRoot) {
    notes.push({
      code: 'workspace-root',
      path: '.',
      message: `the root holds project files but also ${components.length === 1 ? 'a project' : `${components.length} projects`} below it, so it is their workspace, not a component; its shared files are global files. If the root is a service of its own, add a section with \`path = .\`.`,
    });
  }
  for (const path of found.unwritable) {
    notes.push({
      code: 'path-not-writable',
      path,
      message: `"${logSafeText(path)}" looks like a project, but builder.ini cannot hold its path (a line break, a leading quote or space, or " ;" / " #"): rename the directory to make it a component.`,
    });
  }
  if (cycle !== undefined) {
    notes.push({
      code: 'upstream-cycle',
      message: `the package.json dependencies form a cycle (${cycle.join(' → ')}), which builder.ini cannot hold: no upstream= was written. Declare the build order by hand.`,
    });
  }
  return { components, workspaceRoot: found.workspaceRoot, notes };
}

/** What `abe init` looks for, for the message when it finds nothing. */
export const WHAT_INIT_LOOKS_FOR = `directories holding a package.json, pyproject.toml, go.mod or Makefile, up to ${MAX_PROJECT_DEPTH} levels deep, skipping node_modules, dot directories, build outputs (dist, build, out, target), virtual environments and test fixtures`;
