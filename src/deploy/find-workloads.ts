import type { Workload } from './deploy-report.js';
import type { Manifest } from './manifest.js';
import type { AppliedObject } from './parse-apply-output.js';

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

/**
 * The objects `kubectl rollout` can wait for, in apply order, with what apply did to each.
 *
 * @example
 * findWorkloads(manifests, parseApplyOutput(stdout)) // [{ kind: 'Deployment', name: 'api', target: 'deployment/api', action: 'configured' }]
 */
export function findWorkloads(
  manifests: readonly Manifest[],
  applied: readonly AppliedObject[],
): Workload[] {
  const workloads: Workload[] = [];
  for (const manifest of manifests) {
    const object = manifest.object as { kind?: unknown; metadata?: { name?: unknown } };
    const kind = object.kind;
    const name = object.metadata?.name;
    if (typeof kind !== 'string' || typeof name !== 'string' || !WORKLOAD_KINDS.has(kind)) continue;
    const resource = kind.toLowerCase();
    workloads.push({
      kind,
      name,
      target: `${resource}/${name}`,
      action: applied.find((a) => a.resource === resource && a.name === name)?.action,
    });
  }
  return workloads;
}
