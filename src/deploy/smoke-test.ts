import { loadContracts } from '../contract/load-contracts.js';
import type { Contract, Example } from '../contract/types.js';
import { AbeError } from '../core/abe-error.js';
import type { DeployConfig } from './deploy-config.js';
import { interrupted } from './deploy-interrupted.js';
import type { SmokeOutcome } from './deploy-report.js';
import { redactCredentials } from './redact-credentials.js';
import { SMOKE_URL_CREDENTIALS_HINT, smokeUrlProblem } from './smoke-url-problem.js';
import type { TimeLimit } from './time-limit.js';

/** A smoke test ready to run: contracts loaded and checked before anything is applied. */
export interface SmokePlan {
  readonly baseUrl: string;
  readonly contracts: readonly Contract[];
  readonly methods: ReadonlySet<string>;
  /** Roll back when it fails. */
  readonly rollback: boolean;
  /** Examples that will be sent. */
  readonly selected: number;
  /** How long one example may take, request and response body together. */
  readonly timeout: TimeLimit;
}

/**
 * Decides whether a deploy smoke-tests, and loads the contracts it will use. `override` is
 * `--smoke URL` (a string), `false` for `--no-smoke`, or undefined to follow the config.
 * Fails early (before apply) when the settings cannot work: a URL that is not http(s) or holds
 * credentials, no contracts, no safe example.
 *
 * @example
 * const plan = await planSmokeTest(config, 'http://localhost:8080', timeLimit(undefined, '--smoke-timeout', '30s', 'smoke.timeout'));
 */
export async function planSmokeTest(
  config: DeployConfig,
  override: string | false | undefined,
  timeout: TimeLimit,
): Promise<SmokePlan | undefined> {
  if (override === false) return undefined;
  const settings = config.smoke;
  const baseUrl = override ?? settings?.baseUrl;
  if (baseUrl === undefined) return undefined;
  const shownUrl = redactCredentials(baseUrl);
  if (settings === undefined) {
    throw new AbeError(
      'deploy.config',
      `--smoke ${shownUrl} was given but the deploy config has no "smoke" section naming the contracts to run.`,
      {
        file: config.shownFile,
        hint: 'Add smoke: { contracts: [...] } (see docs/deploy.md in the abe-ts package).',
      },
    );
  }
  const problem = smokeUrlProblem(baseUrl);
  if (problem === 'not-http') {
    throw new AbeError(
      'deploy.config',
      `the smoke-test base URL "${shownUrl}" is not an http:// or https:// URL.`,
    );
  }
  if (problem === 'credentials') {
    throw new AbeError(
      'deploy.config',
      `the smoke-test base URL ${shownUrl} holds credentials; nothing was applied.`,
      { hint: SMOKE_URL_CREDENTIALS_HINT },
    );
  }
  const contracts = await loadContracts(settings.contracts, { cwd: config.dir });
  const methods = new Set(settings.methods);
  const selected = contracts.reduce(
    (count, contract) => count + contract.examples.filter((e) => isSafe(e, methods)).length,
    0,
  );
  if (selected === 0) {
    throw new AbeError(
      'deploy.config',
      `no example in smoke.contracts (${settings.contracts.join(', ')}) uses a safe method (${[...methods].join(', ')}), so the smoke test would prove nothing.`,
      {
        hint: 'Point smoke.contracts at contracts with GET examples, or list more methods in smoke.methods.',
      },
    );
  }
  return { baseUrl, contracts, methods, rollback: settings.rollback, selected, timeout };
}

/**
 * Sends the plan's safe examples to the deployed service over HTTP with `verifyProvider`. An
 * example with no response (body included) within the plan's timeout fails; an abort (Ctrl-C)
 * ends the request in flight and rejects with `deploy.kubectl` ("stopped: …"), sending nothing
 * more.
 *
 * @example
 * const outcome = await runSmokeTest(plan, { signal });
 * if (outcome.failed.length > 0) …
 */
export async function runSmokeTest(
  plan: SmokePlan,
  options: { readonly signal?: AbortSignal } = {},
): Promise<SmokeOutcome> {
  const { signal } = options;
  // A function, not a test of `signal.aborted` itself: it changes while the examples run.
  const aborted = (): boolean => signal?.aborted === true;
  const stopped = (): AbeError => interrupted(`the smoke test against ${plan.baseUrl}`);
  if (aborted()) throw stopped();
  const { verifyProvider } = await import('../provider/index.js');
  let report: Awaited<ReturnType<typeof verifyProvider>>;
  try {
    report = await verifyProvider(plan.baseUrl, [...plan.contracts], {
      filter: (_contract: Contract, example: Example) => isSafe(example, plan.methods),
      throw: false,
      timeout: plan.timeout.ms,
      ...(signal === undefined ? {} : { signal }),
    });
  } catch (error) {
    // An abort rejects with the signal's reason (`SIGINT`); say what stopped instead.
    if (aborted()) throw stopped();
    throw error;
  }
  if (aborted()) throw stopped();
  return {
    baseUrl: plan.baseUrl,
    passed: report.passed.length,
    failed: report.failed.map((failure) => ({
      file: failure.file,
      label: failure.label,
      request: failure.request,
      problems:
        failure.error !== undefined
          ? [describeError(failure.error, plan.timeout)]
          : failure.mismatches.map((m) => `${m.path}: ${m.message}`),
    })),
    skipped: report.skipped.length,
  };
}

// verifyProvider's words for a request with no response in time, whose advice is for a test
// (`{ timeout }` on the call); a deploy sets its limit in abe-deploy.yaml or with a flag.
const NO_RESPONSE = /^no response within [\d.]+ ms \(the timeout\)/;

function describeError(error: string, timeout: TimeLimit): string {
  if (!NO_RESPONSE.test(error)) return error;
  return `no response within ${timeout.text} (${timeout.setting}). If the service is only slow, raise ${timeout.setting}.`;
}

function isSafe(example: Example, methods: ReadonlySet<string>): boolean {
  return methods.has(example.request.method.toUpperCase());
}
