import type { Contract, Example } from '../contract/types.js';
import { AbeError } from '../core/abe-error.js';
import { didYouMean } from '../core/did-you-mean.js';
import { responseFailure } from './assert-response.js';
import { type BuiltRequest, buildRequest, requestLine } from './build-request.js';
import { requestTimeout } from './configure.js';
import { ExampleAssertionError } from './example-assertion-error.js';
import { verifyFailureMessage } from './format-failure.js';
import { type OpenTarget, openTarget } from './open-target.js';
import { requestProblem } from './request-problem.js';
import { resolveContracts } from './resolve-contract.js';
import { settleWithin } from './settle-within.js';
import type {
  ContractInput,
  ExampleContext,
  ExampleFailure,
  ExampleHook,
  Target,
  VerifyProviderOptions,
  VerifyReport,
} from './types.js';

/**
 * Runs every example of every contract against `target`, one at a time in file order:
 * `beforeEach`, the example's provider state, the request, the comparison, `afterEach`.
 * Returns what passed, failed and was skipped; unless `throw: false`, throws one
 * `AssertionError` listing every failure. A hook or state that throws, an app that throws,
 * and a request with no response within `timeout` ms fail their example only; `signal`
 * stops the run. Contracts are paths, globs, loaded contracts or parsed ABE documents.
 *
 * @example
 * test('the users API keeps its contracts', async () => {
 *   await verifyProvider(app, 'contracts/users/', {
 *     states: { 'users/get.json#OK': () => db.insert({ id: 1 }) },
 *     beforeEach: () => db.clear(),
 *   });
 * });
 */
export async function verifyProvider(
  target: Target,
  contracts: ContractInput | readonly ContractInput[],
  options: VerifyProviderOptions = {},
): Promise<VerifyReport> {
  const timeout = requestTimeout(options.timeout);
  const loaded = await resolveContracts(contracts, options.root);
  const states = checkStates(options.states, loaded);
  const selected = selector(options);
  const report: VerifyReport = { passed: [], failed: [], skipped: [] };

  const runs: { contract: Contract; example: Example }[] = [];
  for (const contract of loaded) {
    for (const example of contract.examples) {
      if (selected(contract, example)) runs.push({ contract, example });
      else report.skipped.push({ file: contract.source, label: example.label });
    }
  }
  if (options.only !== undefined && runs.length === 0) {
    const ids = loaded.flatMap((c) => c.examples.map((e) => `${c.source}#${e.label}`));
    throw new AbeError(
      'usage',
      `verifyProvider: only ${String(options.only)} selects none of the ${ids.length} examples.`,
      {
        hint: `Examples are named "<file>#<label>": ${ids.slice(0, 10).join(', ')}${ids.length > 10 ? ', …' : ''}.`,
      },
    );
  }

  options.signal?.throwIfAborted();
  const open = await openTarget(target);
  try {
    for (const { contract, example } of runs) {
      const failure = await runExample(open, contract, example, states, { ...options, timeout });
      // An abort stops the run: what the example did meanwhile is not a failure of its own.
      options.signal?.throwIfAborted();
      if (failure === undefined)
        report.passed.push({ file: contract.source, label: example.label });
      else report.failed.push(failure);
    }
  } finally {
    await open.close();
  }

  if (report.failed.length > 0 && options.throw !== false) {
    throw new ExampleAssertionError(
      verifyFailureMessage(report.failed, runs.length),
      report.failed,
      { report },
    );
  }
  return report;
}

async function runExample(
  open: OpenTarget,
  contract: Contract,
  example: Example,
  states: ReadonlyMap<string, ExampleHook>,
  options: VerifyProviderOptions & { readonly timeout: number },
): Promise<ExampleFailure | undefined> {
  const context: ExampleContext = {
    file: contract.source,
    label: example.label,
    contract,
    example,
  };
  let request = `${example.request.method} ${example.request.url}`;
  const fail = (step: string, error: unknown): ExampleFailure => ({
    file: contract.source,
    label: example.label,
    request,
    mismatches: [],
    error:
      requestProblem(error) ?? `${step}: ${error instanceof Error ? error.message : String(error)}`,
  });
  // Hooks have no timeout of their own (a test runner's applies), but an abort stops them.
  const { signal } = options;
  const hook = (run: ExampleHook | undefined) =>
    run === undefined ? undefined : settleWithin(() => run(context), Infinity, signal);

  let built: BuiltRequest;
  try {
    built = buildRequest(contract, example);
    request = requestLine(built);
  } catch (error) {
    return fail('the request cannot be built', error);
  }
  const state = states.get(`${contract.source}#${example.label}`) ?? states.get(example.label);
  let failure: ExampleFailure | undefined;
  let step = 'beforeEach threw';
  try {
    await hook(options.beforeEach);
    step = 'its provider state threw';
    await hook(state);
    step = 'the request failed';
    const response = await settleWithin((stop) => open.send(built, stop), options.timeout, signal);
    step = 'comparing the response failed';
    failure = responseFailure(contract, example, request, response, options.nonStrict);
  } catch (error) {
    failure = fail(step, error);
  }
  try {
    await hook(options.afterEach);
  } catch (error) {
    failure ??= fail('afterEach threw', error);
  }
  return failure;
}

function selector(
  options: VerifyProviderOptions,
): (contract: Contract, example: Example) => boolean {
  const { only, filter } = options;
  const matchesOnly =
    only === undefined
      ? () => true
      : typeof only === 'string'
        ? (id: string) => id.includes(only)
        : only instanceof RegExp
          ? (id: string) => {
              only.lastIndex = 0;
              return only.test(id);
            }
          : only;
  return (contract, example) =>
    matchesOnly(`${contract.source}#${example.label}`) &&
    (filter === undefined || filter(contract, example));
}

/** A state key that names no example is a typo that would leave its example failing for no clear reason. */
function checkStates(
  states: Readonly<Record<string, ExampleHook>> | undefined,
  contracts: readonly Contract[],
): ReadonlyMap<string, ExampleHook> {
  const map = new Map(Object.entries(states ?? {}));
  if (map.size === 0) return map;
  const keys = new Set<string>();
  for (const contract of contracts) {
    for (const example of contract.examples) {
      keys.add(`${contract.source}#${example.label}`);
      keys.add(example.label);
    }
  }
  for (const key of map.keys()) {
    if (keys.has(key)) continue;
    throw new AbeError(
      'usage',
      `verifyProvider: the state "${key}" names no example of the contracts given.${didYouMean(key, keys)}`,
      {
        hint: 'Key states by "<file>#<label>" (file as in the report, relative to the root) or by a label alone.',
      },
    );
  }
  return map;
}
