import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileSafe } from '../runner/file-safe.js';

/** What `abe release` leaves behind for `abe tag`: proof that a component was released at a commit. */
export interface ReleaseRecord {
  readonly component: string;
  /** Full sha of the commit released. */
  readonly sha: string;
  /** Image tag released (`DOCKER_TAG`). */
  readonly tag: string;
  /** Image pushed, for `release-process=docker`. */
  readonly image: string | null;
  readonly releasedAt: string;
}

/**
 * `<root>/.abe/releases/<component>.json`.
 *
 * @example
 * releaseRecordFile('/repo', 'api') // '/repo/.abe/releases/api.json'
 */
export function releaseRecordFile(root: string, component: string): string {
  return join(root, '.abe', 'releases', `${fileSafe(component)}.json`);
}

/**
 * Records a successful release (written atomically, so a crash never leaves half a record).
 *
 * @example
 * await writeReleaseRecord('/repo', { component: 'api', sha, tag, image: null, releasedAt: new Date().toISOString() });
 */
export async function writeReleaseRecord(root: string, record: ReleaseRecord): Promise<void> {
  const file = releaseRecordFile(root, record.component);
  await mkdir(join(root, '.abe', 'releases'), { recursive: true });
  await writeFile(`${file}.tmp`, `${JSON.stringify(record, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
}

/**
 * The release record of a component, or `undefined` when there is none (or it is unreadable).
 *
 * @example
 * const record = await readReleaseRecord('/repo', 'api');
 */
export async function readReleaseRecord(
  root: string,
  component: string,
): Promise<ReleaseRecord | undefined> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(releaseRecordFile(root, component), 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const record = parsed as Partial<Record<keyof ReleaseRecord, unknown>>;
  if (
    record.component !== component ||
    typeof record.sha !== 'string' ||
    typeof record.tag !== 'string' ||
    typeof record.releasedAt !== 'string'
  ) {
    return undefined;
  }
  return {
    component,
    sha: record.sha,
    tag: record.tag,
    image: typeof record.image === 'string' ? record.image : null,
    releasedAt: record.releasedAt,
  };
}
