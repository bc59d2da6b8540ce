import { loadContracts } from '../contract/load-contracts.js';
import type { Contract, Example } from '../contract/types.js';
import { AbeError } from '../core/abe-error.js';
import type { DeployConfig } from './deploy-config.js';
import type { SmokeOutcome } from './deploy-report.js';
import { isHttpUrl } from './is-http-url.js';

/** A smoke test ready to run: contracts loaded and checked before anything is applied. */
export interface SmokePlan {
  readonly baseUrl: string;
  readonly contracts: readonly Contract[];
  readonly methods: ReadonlySet<string>;
  /** Roll back when it fails. */
  readonly rollback: boolean;
  /** Examples that will be sent. */
  readonly selected: number;
}

/**
 * Decides whether a deploy smoke-tests, and loads the contracts it will use. `override` is
 * `--smoke URL` (a string), `false` for `--no-smoke`, or undefined to follow the config.
 * Fails early (before apply) when the settings cannot work: no contracts, no safe example.
 *
 * @example
 * const plan = await planSmokeTest(config, 'http://localhost:8080');
 */
export async function planSmokeTest(
  config: DeployConfig,
  override: string | false | undefined,
): Promise<SmokePlan | undefined> {
  if (override === false) return undefined;
  const settings = config.smoke;
  const baseUrl = override ?? settings?.baseUrl;
  if (baseUrl === undefined) return undefined;
  if (settings === undefined) {
    throw new AbeError(
      'deploy.config',
      `--smoke ${baseUrl} was given but the deploy config has no "smoke" section naming the contracts to run.`,
      { file: config.shownFile, hint: 'Add smoke: { contracts: [...] } (see docs/deploy.md).' },
    );
  }
  if (!isHttpUrl(baseUrl)) {
    throw new AbeError(
      'deploy.config',
      `the smoke-test base URL "${baseUrl}" is not an http:// or https:// URL.`,
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
  return { baseUrl, contracts, methods, rollback: settings.rollback, selected };
}

/**
 * Sends the plan's safe examples to the deployed service over HTTP with `verifyProvider`.
 *
 * @example
 * const outcome = await runSmokeTest(plan);
 * if (outcome.failed.length > 0) …
 */
export async function runSmokeTest(plan: SmokePlan): Promise<SmokeOutcome> {
  const { verifyProvider } = await import('../provider/index.js');
  const report = await verifyProvider(plan.baseUrl, [...plan.contracts], {
    filter: (_contract: Contract, example: Example) => isSafe(example, plan.methods),
    throw: false,
  });
  return {
    baseUrl: plan.baseUrl,
    passed: report.passed.length,
    failed: report.failed.map((failure) => ({
      file: failure.file,
      label: failure.label,
      request: failure.request,
      problems:
        failure.error !== undefined
          ? [failure.error]
          : failure.mismatches.map((m) => `${m.path}: ${m.message}`),
    })),
    skipped: report.skipped.length,
  };
}

function isSafe(example: Example, methods: ReadonlySet<string>): boolean {
  return methods.has(example.request.method.toUpperCase());
}
