import { lockedLabels, type UsageLock } from '../contract/usage-lock.js';
import type { Coverage } from './build-coverage.js';

/** A consumer rerun in this run whose use of an example differs from the usage lock. */
export interface UsageDrift {
  readonly consumer: string;
  readonly file: string;
  readonly label: string;
  /** `new`: used now, not in the lock; `gone`: in the lock, not used now. */
  readonly change: 'new' | 'gone';
}

/** A consumer component the run tested to the end, and the providers it consumes. */
export interface RerunConsumer {
  readonly name: string;
  readonly consumes: readonly string[];
}

/**
 * Compares what each rerun consumer used (current versions) with what the lock says it uses,
 * for the contracts of the components it consumes. Any difference is drift: the lock no longer
 * tells `precision = example` the truth.
 *
 * @example
 * findUsageDrift(coverage, lock, [{ name: 'mailer', consumes: ['api'] }])
 * // [{ consumer: 'mailer', file: 'api/contracts/users/get.json', label: 'not found', change: 'new' }]
 */
export function findUsageDrift(
  coverage: Coverage,
  lock: UsageLock,
  consumers: readonly RerunConsumer[],
): UsageDrift[] {
  const drift: UsageDrift[] = [];
  for (const consumer of consumers) {
    const providers = new Set(consumer.consumes);
    for (const contract of coverage.contracts) {
      if (!providers.has(contract.owner)) continue;
      const used = new Set(
        contract.examples
          .filter((example) => example.consumers.includes(consumer.name))
          .map((example) => example.label),
      );
      const lockedList = lockedLabels(lock, contract.file, consumer.name); // sorted
      const locked = new Set(lockedList);
      for (const label of [...used].sort()) {
        if (!locked.has(label)) {
          drift.push({ consumer: consumer.name, file: contract.file, label, change: 'new' });
        }
      }
      for (const label of lockedList) {
        if (!used.has(label)) {
          drift.push({ consumer: consumer.name, file: contract.file, label, change: 'gone' });
        }
      }
    }
  }
  return drift;
}
