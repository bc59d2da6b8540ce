import { USAGE_LOCK_VERSION, type UsageLock } from '../contract/usage-lock.js';
import type { Coverage } from './build-coverage.js';

/**
 * The usage lock a full run proves: every example of a declared contract that a consumer used,
 * with the consumers that used it. Examples nobody used are left out.
 *
 * @example
 * formatUsageLock(usageFromCoverage(coverage)) // the text of abe-usage.json
 */
export function usageFromCoverage(coverage: Coverage): UsageLock {
  const contracts: Record<string, Record<string, string[]>> = {};
  for (const contract of coverage.contracts) {
    const used = contract.examples.filter((example) => example.consumers.length > 0);
    if (used.length === 0) continue;
    contracts[contract.file] = Object.fromEntries(
      used.map((example) => [example.label, [...example.consumers]]),
    );
  }
  return { version: USAGE_LOCK_VERSION, contracts };
}
