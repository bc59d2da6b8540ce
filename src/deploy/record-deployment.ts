import { appendFile, mkdir } from 'node:fs/promises';
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
}

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
 * Appends one deployment as a JSON line, creating the file (and its directory) if needed.
 *
 * @example
 * await recordDeployment('operations/production/deployments.jsonl', deploymentRecord(report));
 */
export async function recordDeployment(file: string, record: DeploymentRecord): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await appendFile(file, `${JSON.stringify(record)}\n`, 'utf8');
}
