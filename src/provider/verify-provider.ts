import type { Contract, Example, JsonObject } from '../contract/types.js';
import { AbeError } from '../core/abe-error.js';
import { didYouMean } from '../core/did-you-mean.js';
import { recordInLedger } from '../ledger/record-in-ledger.js';
import { runnerTestName } from '../ledger/runner-test-name.js';
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
  ExampleResult,
  StateHandler,
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
export function verifyProvider(
  target: Target,
  contracts: ContractInput | readonly ContractInput[],
  options: VerifyProviderOptions = {},
): Promise<VerifyReport> {
  return verifyExamples(target, contracts, options, 'verifyProvider');
}

/**
 * Internal: `verifyProvider`, each example run recorded in the ledger as `tool` (`abe verify`
 * records as itself); skipped examples are not recorded.
 */
export async function verifyExamples(
  target: Target,
  contracts: ContractInput | readonly ContractInput[],
  options: VerifyProviderOptions,
  tool: 'verifyProvider' | 'abe verify',
): Promise<VerifyReport> {
  const test = runnerTestName();
  const timeout = requestTimeout(options.timeout);
  const loaded = await resolveContracts(contracts, options.root);
  const states = checkStates(options.states, loaded);
  const selected = selector(options);
  const report: VerifyReport = { passed: [], failed: [], skipped: [] };

  const all: { contract: Contract; example: Example; run: boolean }[] = [];
  for (const contract of loaded) {
    for (const example of contract.examples) {
      all.push({ contract, example, run: selected(contract, example) });
    }
  }
  const runs = all.filter((item) => item.run);
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
    for (const { contract, example, run } of all) {
      const id = { file: contract.source, label: example.label };
      if (!run) {
        report.skipped.push(id);
        options.onResult?.(skippedResult(contract, example));
        continue;
      }
      const started = performance.now();
      const { failure, sent } = await runExample(open, contract, example, states, {
        ...options,
        timeout,
      });
      // An abort stops the run: what the example did meanwhile is not a failure of its own.
      options.signal?.throwIfAborted();
      const outcome = failure === undefined ? 'passed' : 'failed';
      recordInLedger({ side: 'provider', tool, contract, example, outcome, test });
      if (failure === undefined) report.passed.push(id);
      else report.failed.push(failure);
      options.onResult?.({
        ...id,
        outcome,
        method: sent.method,
        url: sent.url,
        ...stateOf(example),
        durationMs: performance.now() - started,
        ...(failure === undefined ? {} : { failure }),
      });
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

function skippedResult(contract: Contract, example: Example): ExampleResult {
  return {
    file: contract.source,
    label: example.label,
    outcome: 'skipped',
    method: example.request.method,
    url: example.request.url,
    ...stateOf(example),
    durationMs: 0,
  };
}

/** What a result tells of the example's provider state: its name and params, when it has one. */
function stateOf(example: Example): Pick<ExampleResult, 'state' | 'stateParams'> {
  return example.state === undefined
    ? {}
    : { state: example.state.name, stateParams: example.state.params };
}

// Shared by every example without params: frozen, so a hook cannot leak into the next one.
const NO_PARAMS: JsonObject = Object.freeze({}) as JsonObject;

interface ExampleRun {
  readonly failure: ExampleFailure | undefined;
  /** The request as sent, or as the example writes it when it could not be built. */
  readonly sent: { readonly method: string; readonly url: string };
}

async function runExample(
  open: OpenTarget,
  contract: Contract,
  example: Example,
  states: ReadonlyMap<string, StateHandler>,
  options: VerifyProviderOptions & { readonly timeout: number },
): Promise<ExampleRun> {
  const context: ExampleContext = {
    file: contract.source,
    label: example.label,
    contract,
    example,
    ...(example.state === undefined ? {} : { state: example.state.name }),
    params: example.state?.params ?? NO_PARAMS,
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
    built = withHeaders(buildRequest(contract, example), options.headers);
    request = requestLine(built);
  } catch (error) {
    return { failure: fail('the request cannot be built', error), sent: example.request };
  }
  const state =
    states.get(`${contract.source}#${example.label}`) ??
    states.get(example.label) ??
    (example.state === undefined ? undefined : states.get(example.state.name));
  let failure: ExampleFailure | undefined;
  let stateSetUp = false;
  let step = 'beforeEach threw';
  try {
    await hook(options.beforeEach);
    step = 'its provider state threw';
    stateSetUp = true;
    await hook(state?.setup);
    step = 'the request failed';
    const response = await settleWithin((stop) => open.send(built, stop), options.timeout, signal);
    step = 'comparing the response failed';
    failure = responseFailure(contract, example, request, response, options.nonStrict);
  } catch (error) {
    failure = fail(step, error);
  }
  // What fails after the example's own result is added to it, never hides it.
  const after = async (what: string, run: ExampleHook | undefined): Promise<void> => {
    try {
      await hook(run);
    } catch (error) {
      failure = addError(failure, fail(what, error));
    }
  };
  if (stateSetUp) await after('its provider state teardown threw', state?.teardown);
  await after('afterEach threw', options.afterEach);
  return { failure, sent: built };
}

function addError(failure: ExampleFailure | undefined, later: ExampleFailure): ExampleFailure {
  if (failure === undefined) return later;
  const error = failure.error === undefined ? later.error : `${failure.error}\n${later.error}`;
  return error === undefined ? failure : { ...failure, error };
}

/** The request with `headers` set, replacing the example's header of the same name in any case. */
function withHeaders(
  built: BuiltRequest,
  headers: Readonly<Record<string, string>> | undefined,
): BuiltRequest {
  if (headers === undefined) return built;
  const replaced = new Set(Object.keys(headers).map((name) => name.toLowerCase()));
  return {
    ...built,
    headers: Object.fromEntries([
      ...Object.entries(built.headers).filter(([name]) => !replaced.has(name.toLowerCase())),
      ...Object.entries(headers),
    ]),
  };
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
  states: Readonly<Record<string, ExampleHook | StateHandler>> | undefined,
  contracts: readonly Contract[],
): ReadonlyMap<string, StateHandler> {
  const map = new Map<string, StateHandler>(
    Object.entries(states ?? {}).map(([key, value]) => [
      key,
      typeof value === 'function' ? { setup: value } : value,
    ]),
  );
  if (map.size === 0) return map;
  const keys = new Set<string>();
  for (const contract of contracts) {
    for (const example of contract.examples) {
      keys.add(`${contract.source}#${example.label}`);
      keys.add(example.label);
      if (example.state !== undefined) keys.add(example.state.name);
    }
  }
  for (const key of map.keys()) {
    if (keys.has(key)) continue;
    throw new AbeError(
      'usage',
      `verifyProvider: the state "${key}" names no example, label or state of the contracts given.${didYouMean(key, keys)}`,
      {
        hint: 'Key states by "<file>#<label>" (file as in the report, relative to the root), by a label alone, or by the "state" examples assume.',
      },
    );
  }
  return map;
}
