import type { RollbackOutcome, Workload } from './deploy-report.js';
import { lastLine } from './last-line.js';
import { type KubectlOptions, runKubectl } from './run-kubectl.js';
import { formatDuration } from './time-limit.js';

/**
 * Changed by this deploy, as kubectl apply reported it. Only these are undone: an undo of an
 * unchanged workload would revert an earlier deploy, and one apply never reached has nothing to undo.
 */
export function isChanged(workload: Workload): boolean {
  return (
    workload.action === 'configured' ||
    workload.action === 'serverside-applied' ||
    workload.action === 'created'
  );
}

/**
 * Undoes the given workloads in order with `kubectl rollout undo`; a created one is listed as
 * not rolled back, since it has no earlier revision.
 *
 * @example
 * const outcome = await rollBack([failed, ...others], kubectl, () => {});
 */
export async function rollBack(
  workloads: readonly Workload[],
  kubectl: KubectlOptions,
  emit: (message: string) => void,
): Promise<RollbackOutcome> {
  const outcome: RollbackOutcome = { rolledBack: [], failed: [], notRolledBack: [] };
  for (const workload of workloads) {
    if (workload.action === 'created') {
      outcome.notRolledBack.push({
        target: workload.target,
        reason:
          'created by this deploy, so it has no earlier revision to return to; delete it if it must go',
      });
      continue;
    }
    emit(`roll back ${workload.target}`);
    const undo = await runKubectl(['rollout', 'undo', workload.target], kubectl);
    if (undo.code === 0 && !undo.timedOut) outcome.rolledBack.push(workload.target);
    else {
      outcome.failed.push({
        target: workload.target,
        message: undo.timedOut
          ? `kubectl rollout undo did not finish within ${formatDuration(kubectl.timeoutMs ?? 0)} and was stopped`
          : lastLine(undo.stderr) || `exit ${undo.code}`,
      });
    }
  }
  return outcome;
}
