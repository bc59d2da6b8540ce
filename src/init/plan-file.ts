import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileRole, PlannedFile } from './types.js';

/**
 * What to do with one file init would write: create it when nothing is there; leave it when
 * it already holds `contents`; overwrite it only with `force`. A symbolic link (init never
 * writes through one, which could reach outside the repository) and anything but a regular
 * file are left even with `force`.
 *
 * @example
 * planFile('/repo', 'builder.ini', 'config', text, { force: false });
 * // { path: 'builder.ini', role: 'config', action: 'skip', skipReason: 'exists', contents: text }
 */
export function planFile(
  root: string,
  path: string,
  role: FileRole,
  contents: string,
  { force }: { readonly force: boolean },
): PlannedFile {
  const absolute = join(root, path);
  let stats: ReturnType<typeof lstatSync>;
  try {
    stats = lstatSync(absolute);
  } catch {
    return { path, role, action: 'create', contents };
  }
  if (stats.isSymbolicLink())
    return { path, role, action: 'skip', skipReason: 'symbolic-link', contents };
  if (!stats.isFile()) return { path, role, action: 'skip', skipReason: 'not-a-file', contents };
  if (readText(absolute) === contents) return { path, role, action: 'unchanged', contents };
  return force
    ? { path, role, action: 'overwrite', contents }
    : { path, role, action: 'skip', skipReason: 'exists', contents };
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
