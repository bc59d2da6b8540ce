import { join } from 'node:path';
import { findAffected } from '../../src/affected/find-affected.js';
import type { AffectedResult } from '../../src/affected/types.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { GitRepo } from './git-repo.js';

/** Affected detection on a test repository, with no CI variables of the host. */
export async function affected(
  repo: GitRepo,
  options: Parameters<typeof findAffected>[1] = {},
): Promise<AffectedResult> {
  // The host's own CI variables (GITHUB_BASE_REF…) must not choose the base in these tests.
  return findAffected(await loadConfig(join(repo.dir, 'builder.ini')), { env: {}, ...options });
}

/** The selected component names, in build order. */
export function names(result: AffectedResult): string[] {
  return result.components.map((component) => component.name);
}

/** A component's reasons as `kind: detail` lines. */
export function reasonsOf(result: AffectedResult, name: string): string[] {
  const component = result.components.find((c) => c.name === name);
  return component?.reasons.map((reason) => `${reason.kind}: ${reason.detail}`) ?? [];
}
