import type { DelayMode, RequestHandler } from 'msw';
import { type AbeViolation, currentTestScope } from './abe-mocks.js';
import { AbeRequestHandler } from './abe-request-handler.js';
import { parseBaseUrls } from './base-url.js';
import { EndpointIndex } from './endpoint-index.js';
import { pinExamples } from './pin-examples.js';
import { type ContractsInput, resolveContracts } from './resolve-contracts.js';

export interface MockFromAbeOptions {
  /**
   * Where the provider lives: absolute URLs (`https://api.example.com`,
   * `http://localhost:3000/api`) or paths (`/api`, any origin). Default: any origin, root path.
   */
  baseUrl?: string | readonly string[];
  /**
   * Pins the example a contract answers with, by file: `{ 'users/get.json': 'not found' }`.
   * A key names a contract by the end of its path on whole segments, or by endpoint
   * (`'GET /users/[0-9]+'`). The request must still be allowed by some example.
   */
  examples?: Readonly<Record<string, string>>;
  /** Pins one label for every contract passed: `server.use(...mockFromAbe(file, { example: 'not found' }))`. */
  example?: string;
  /** Delays every mocked response, as msw's `delay()`: milliseconds, `'real'` or `'infinite'`. */
  delay?: number | DelayMode;
  /** Directory relative contract paths are resolved against. Default: `process.cwd()`. */
  cwd?: string;
  /** Called with each request no example allows, before the network error is returned. */
  onViolation?: (violation: AbeViolation) => void;
}

/**
 * msw request handlers that answer with the examples of ABE contracts. Each request gets the
 * example whose request it matches (the most specific, then file order); a request that
 * reaches a mocked endpoint but that no example allows gets a network error and is recorded,
 * so that `abeMocks.assertNoViolations()` fails the test. Requests to endpoints no contract
 * describes fall through to msw's `onUnhandledRequest` (`onUnhandledFrame` in msw 3). Returns
 * synchronously; paths, directories and globs need Node.js (≥ 20.16), contract objects work in
 * a browser too.
 *
 * @example
 * const server = setupServer(...mockFromAbe('contracts/', { baseUrl: 'https://api.example.com' }));
 * afterEach(() => abeMocks.assertNoViolations());
 * server.use(...mockFromAbe('contracts/users/get.json', { example: 'not found' }));
 */
export function mockFromAbe(
  contracts: ContractsInput,
  options: MockFromAbeOptions = {},
): RequestHandler[] {
  const loaded = resolveContracts(contracts, options.cwd);
  const pins = pinExamples(loaded, options.examples, options.example);
  const index = new EndpointIndex();
  for (const contract of loaded) index.addContract(contract, pins);
  const first = loaded[0]?.source ?? 'no contracts';
  const header = `abe-ts ${index.size} endpoint${index.size === 1 ? '' : 's'} (${first}${loaded.length > 1 ? ', …' : ''})`;
  const handler = new AbeRequestHandler(
    {
      index,
      bases: parseBaseUrls(options.baseUrl),
      delay: options.delay,
      onViolation: options.onViolation,
      scope: currentTestScope(),
    },
    header,
  );
  return [handler];
}
