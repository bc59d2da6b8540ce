import type { Coverage, ExampleRef } from './build-coverage.js';

/** What a finding does: fail the check, or be printed. (`off` findings are not made.) */
export type FindingSeverity = 'error' | 'warning';

/** The policy of one kind of finding, as `[abe]` sets it. */
export type GatePolicy = 'error' | 'warn' | 'off';

/** How a provider's test step ended in this run, as the gate needs to say it. */
export type ProviderStepStatus = 'passed' | 'failed' | 'not run';

/** One example the gate found wanting. */
export interface LedgerFinding {
  /** `used-not-verified`: a consumer used it, no provider test passed for it in this run. */
  readonly kind: 'used-not-verified' | 'never-verified';
  readonly severity: FindingSeverity;
  readonly file: string;
  readonly owner: string;
  readonly label: string;
  readonly line: number;
  readonly column: number;
  readonly consumers: readonly string[];
  /** The owner's test step in this run. */
  readonly providerStep: ProviderStepStatus;
  /** `example "OK" of api/contracts/users/get.json was used by mailer, but no provider test verified it`. */
  readonly message: string;
}

export interface LedgerGateOptions {
  /** Contracts to check (repository-relative), or every declared one (`--all`). */
  readonly scope: readonly string[] | 'all';
  readonly unverifiedUse: GatePolicy;
  readonly neverVerified: GatePolicy;
  /** The test step of each provider component; a component not named did not run. */
  readonly providerSteps: ReadonlyMap<string, ProviderStepStatus>;
}

/** The findings of the gate and the contracts it looked at. */
export interface LedgerGateResult {
  /** Contracts in scope that builder.ini declares, sorted. */
  readonly checked: readonly string[];
  readonly findings: readonly LedgerFinding[];
}

/**
 * The gate at the end of `abe check`: for each example of a contract in scope, a consumer use
 * without a passing provider verification in this run is `used-not-verified`; an example
 * nobody used and no provider test proved is `never-verified`. Each kind follows its policy.
 *
 * @example
 * evaluateLedgerGate(coverage, { scope: ['api/get.json'], unverifiedUse: 'error', neverVerified: 'warn', providerSteps })
 *   .findings[0].message // 'example "OK" of api/get.json was used by mailer, but no provider test verified it'
 */
export function evaluateLedgerGate(
  coverage: Coverage,
  options: LedgerGateOptions,
): LedgerGateResult {
  const inScope = options.scope === 'all' ? undefined : new Set(options.scope);
  const checked = coverage.contracts
    .map((contract) => contract.file)
    .filter((file) => inScope === undefined || inScope.has(file));
  const wanted = new Set(checked);
  const findings: LedgerFinding[] = [];
  const severity = (policy: GatePolicy): FindingSeverity | undefined =>
    policy === 'error' ? 'error' : policy === 'warn' ? 'warning' : undefined;
  const used = severity(options.unverifiedUse);
  if (used !== undefined) {
    for (const ref of coverage.usedNotVerified.filter((r) => wanted.has(r.file))) {
      findings.push(finding('used-not-verified', used, ref, options.providerSteps));
    }
  }
  const never = severity(options.neverVerified);
  if (never !== undefined) {
    for (const ref of coverage.neither.filter((r) => wanted.has(r.file))) {
      findings.push(finding('never-verified', never, ref, options.providerSteps));
    }
  }
  findings.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
  return { checked, findings };
}

function finding(
  kind: LedgerFinding['kind'],
  severity: FindingSeverity,
  ref: ExampleRef,
  steps: ReadonlyMap<string, ProviderStepStatus>,
): LedgerFinding {
  const providerStep = steps.get(ref.owner) ?? 'not run';
  const head = `example "${ref.label}" of ${ref.file}`;
  const why =
    providerStep === 'failed'
      ? `; the provider's test step failed (${ref.owner} test)`
      : providerStep === 'not run'
        ? `; the provider's test step did not run (${ref.owner} test)`
        : ref.provider === 'failed'
          ? `; its provider test failed`
          : '';
  const message =
    kind === 'used-not-verified'
      ? `${head} was used by ${joinNames(ref.consumers)}, but no provider test verified it${why}`
      : `${head} was never verified by a provider test${why}`;
  return {
    kind,
    severity,
    file: ref.file,
    owner: ref.owner,
    label: ref.label,
    line: ref.line,
    column: ref.column,
    consumers: ref.consumers,
    providerStep,
    message,
  };
}

/** `mailer`, `mailer and ui`, `a, b and c`. */
function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
