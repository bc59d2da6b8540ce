import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CiPlan, CiSystem } from './types.js';

/** CI systems other than GitHub Actions, by the file or directory that configures them. */
export const OTHER_CI_SYSTEMS: readonly CiSystem[] = [
  { name: 'GitLab CI', file: '.gitlab-ci.yml' },
  { name: 'CircleCI', file: '.circleci' },
  { name: 'Buildkite', file: '.buildkite' },
  { name: 'Jenkins', file: 'Jenkinsfile' },
  { name: 'Azure Pipelines', file: 'azure-pipelines.yml' },
  { name: 'Bitbucket Pipelines', file: 'bitbucket-pipelines.yml' },
  { name: 'Travis CI', file: '.travis.yml' },
  { name: 'Drone', file: '.drone.yml' },
];

/**
 * Whether init writes a GitHub Actions workflow: yes when the repository has a `.github`
 * directory, or no other CI configuration; no when another CI system is configured there (the
 * next steps say what its job needs), or when the root is not the top of its git repository
 * (GitHub reads workflows only from the top).
 *
 * @example
 * planCi('/repo'); // { kind: 'github' }
 * planCi('/gitlab-repo'); // { kind: 'other', systems: [{ name: 'GitLab CI', file: '.gitlab-ci.yml' }] }
 */
export function planCi(root: string): CiPlan {
  const top = findGitTop(root);
  if (top !== undefined && top !== root) return { kind: 'not-top', top };
  if (isDirectory(join(root, '.github'))) return { kind: 'github' };
  const systems = OTHER_CI_SYSTEMS.filter((system) => existsSync(join(root, system.file)));
  return systems.length === 0 ? { kind: 'github' } : { kind: 'other', systems };
}

/** The nearest directory from `start` upward that holds `.git` (a directory, or a worktree's file). */
function findGitTop(start: string): string | undefined {
  for (let directory = start; ; directory = dirname(directory)) {
    if (existsSync(join(directory, '.git'))) return directory;
    if (dirname(directory) === directory) return undefined;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
