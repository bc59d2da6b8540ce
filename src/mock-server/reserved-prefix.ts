import type { Contract } from '../contract/types.js';
import { AbeError } from '../core/abe-error.js';

/** The path prefix of the admin API; no contract may describe a path below it. */
export const ADMIN_PREFIX = '/__abe/';

/**
 * Whether a path is the admin API's: `/__abe` or below it (`/__abex` is not).
 *
 * @example
 * isAdminPath('/__abe/health') // true
 */
export function isAdminPath(path: string): boolean {
  return path === '/__abe' || path.startsWith(ADMIN_PREFIX);
}

// Paths a pattern with regex parts is tried on: the admin routes and one of each kind of
// segment. Deciding whether two regular languages intersect is out of reach; these catch the
// patterns that would shadow the admin API in practice (`/[^/]+/health`, `/:scope/:id`).
const PROBES = [
  '/__abe',
  '/__abe/',
  '/__abe/health',
  '/__abe/endpoints',
  '/__abe/violations',
  '/__abe/used',
  '/__abe/pins',
  '/__abe/reset',
  '/__abe/problems',
  '/__abe/1',
  '/__abe/a',
  '/__abe/a/1',
];

/**
 * Refuses a contract whose URL pattern could match under `/__abe/`, the admin API's prefix:
 * a request there must reach the admin API, never an example.
 *
 * @example
 * assertOutsideAdminPrefix(contract); // throws for url "/__abe/health"
 */
export function assertOutsideAdminPrefix(contract: Contract): void {
  const { pattern } = contract;
  const prefix = pattern.staticPrefix;
  const reserved =
    isAdminPath(prefix) || (!pattern.literal && PROBES.some((path) => pattern.test(path)));
  if (!reserved) return;
  throw new AbeError(
    'mock.input',
    `contract ${contract.source} has url "${contract.url}", which can match paths under /__abe/, the prefix abe mock keeps for its admin API.`,
    {
      file: contract.source,
      hint: 'Change the url of the contract: /__abe/ is reserved whatever --base-path is, so that one consumer never depends on a path the mock keeps.',
    },
  );
}
