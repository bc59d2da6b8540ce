import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DeployReport } from './deploy-report.js';

/** One line of the record file. The shape is stable and documented in docs/deploy.md. */
export interface DeploymentRecord {
  readonly time: string;
  readonly environment: string;
  readonly context: string;
  readonly namespace: string;
  readonly result: 'succeeded' | 'failed';
  readonly failedStage: string | null;
  readonly failure: string | null;
  readonly components: { name: string; image: string | null; tag: string | null }[];
  readonly rolledBack: string[];
  readonly rollbackFailed: string[];
  readonly smoke: { baseUrl: string; passed: number; failed: number; skipped: number } | null;
  /** Present, and true, when something was cut to fit the line (see {@link MAX_RECORD_LINE_BYTES}). */
  readonly truncated?: true;
}

/**
 * The longest record line, newline included. Each line is appended with one `write` on a file
 * opened with `O_APPEND`, which a local Linux filesystem applies whole, so lines of deploys
 * running at once never interleave; the cap keeps that one write small (Node splits a
 * `writeFile` above 512 KiB into several writes, and those do interleave).
 */
export const MAX_RECORD_LINE_BYTES = 64 * 1024;
/** The longest string kept whole in a record (kubectl's error line, mostly). */
const MAX_FIELD_CHARS = 4096;
/** What every string is cut to when a record with only its scalars still does not fit. */
const MIN_FIELD_CHARS = 256;

/**
 * The record line for a deploy that reached the cluster.
 *
 * @example
 * deploymentRecord(report).result // 'succeeded'
 */
export function deploymentRecord(
  report: DeployReport & { result: 'succeeded' | 'failed' },
): DeploymentRecord {
  return {
    time: report.time,
    environment: report.environment,
    context: report.context,
    namespace: report.namespace,
    result: report.result,
    failedStage: report.failedStage ?? null,
    failure: report.failure ?? null,
    components: report.components.map((c) => ({
      name: c.name,
      image: c.image ?? null,
      tag: c.tag ?? null,
    })),
    rolledBack: report.rollback?.rolledBack ?? [],
    rollbackFailed: report.rollback?.failed.map((f) => f.target) ?? [],
    smoke:
      report.smoke === undefined
        ? null
        : {
            baseUrl: report.smoke.baseUrl,
            passed: report.smoke.passed,
            failed: report.smoke.failed.length,
            skipped: report.smoke.skipped,
          },
  };
}

/**
 * Appends one deployment as a JSON line, creating the file (and its directory) if needed. A
 * long string (an error message) is cut to 4096 characters with a `… [truncated: N more
 * characters]` mark, and the line to {@link MAX_RECORD_LINE_BYTES}, so that it is written with
 * one `write`: deploys recording at the same time each leave one whole line.
 *
 * @example
 * await recordDeployment('operations/production/deployments.jsonl', deploymentRecord(report));
 */
export async function recordDeployment(file: string, record: DeploymentRecord): Promise<void> {
  const line = Buffer.from(`${recordLine(record)}\n`, 'utf8');
  await mkdir(dirname(file), { recursive: true });
  const handle = await open(file, 'a');
  try {
    const { bytesWritten } = await handle.write(line, 0, line.length);
    if (bytesWritten !== line.length) {
      throw new Error(`only ${bytesWritten} of ${line.length} bytes were written`);
    }
  } finally {
    await handle.close();
  }
}

/** The record as one JSON text of at most MAX_RECORD_LINE_BYTES - 1 bytes. */
function recordLine(record: DeploymentRecord): string {
  const fits = (text: string): boolean => Buffer.byteLength(text) < MAX_RECORD_LINE_BYTES;
  const whole = JSON.stringify(record);
  if (fits(whole)) return whole;
  let cut: DeploymentRecord = { ...capStrings(record, MAX_FIELD_CHARS), truncated: true };
  // Then the lists, longest first, from their ends: the first entries are kept.
  for (;;) {
    const text = JSON.stringify(cut);
    if (fits(text)) return text;
    const longest = (['components', 'rolledBack', 'rollbackFailed'] as const)
      .filter((key) => cut[key].length > 0)
      .sort((a, b) => cut[b].length - cut[a].length)[0];
    if (longest === undefined) break;
    cut = { ...cut, [longest]: cut[longest].slice(0, Math.floor(cut[longest].length * 0.9)) };
  }
  // Only scalars left: a config with very long names. Each fits in MIN_FIELD_CHARS.
  return JSON.stringify(capStrings(cut, MIN_FIELD_CHARS));
}

function capStrings<T>(value: T, max: number): T {
  if (typeof value === 'string') return cutString(value, max) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => capStrings(item, max)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, capStrings(item, max)]),
    ) as T;
  }
  return value;
}

function cutString(text: string, max: number): string {
  if (text.length <= max) return text;
  // Never between the two halves of a surrogate pair.
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return `${text.slice(0, end)}… [truncated: ${text.length - end} more characters]`;
}
