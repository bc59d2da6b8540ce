import { resolve } from 'node:path';
import type { AffectedResult } from '../affected/types.js';
import { loadDeclaredContracts } from '../config/load-declared-contracts.js';
import { type BuilderConfig, DEFAULT_LEDGER_SETTINGS } from '../config/types.js';
import { readUsageLock } from '../contract/usage-lock.js';
import { AbeError } from '../core/abe-error.js';
import { buildCoverage } from '../ledger/build-coverage.js';
import { evaluateLedgerGate, type ProviderStepStatus } from '../ledger/evaluate-ledger-gate.js';
import { findUsageDrift, type RerunConsumer, type UsageDrift } from '../ledger/find-usage-drift.js';
import type { LedgerGateReport } from '../ledger/ledger-gate-report.js';
import { ledgerDirOf, ledgerEnabled } from '../ledger/ledger-run.js';
import { readLedger } from '../ledger/read-ledger.js';
import type { RunResult } from '../runner/run-result.js';

export interface LedgerGateInput {
  readonly config: BuilderConfig;
  readonly affected: AffectedResult;
  readonly run: RunResult;
  /** `--all`: every declared contract is in scope. */
  readonly all: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * The gate at the end of `abe check`: reads the ledger the steps wrote, checks each example of
 * the contracts in scope against the policies of builder.ini, and compares what the rerun
 * consumers used with the usage lock.
 *
 * @example
 * const ledger = await runLedgerGate({ config, affected, run, all: false, env });
 * ledger.errors // 1: a consumer used an example no provider test verified
 */
export async function runLedgerGate(input: LedgerGateInput): Promise<LedgerGateReport> {
  const { config, affected, run } = input;
  const settings = config.ledger ?? DEFAULT_LEDGER_SETTINGS;
  const base = { checked: [], findings: [], drift: [], usageFile: settings.usageFile };
  const skip = (why: string): LedgerGateReport => ({
    ...base,
    ran: false,
    note: `The contract ledger gate did not run: ${why}.`,
    errors: 0,
    warnings: 0,
  });
  if (!ledgerEnabled(input.env)) return skip('ABE_LEDGER=off, so nothing was recorded');
  if (run.aborted) return skip('the run was cancelled');
  const scope = input.all
    ? ('all' as const)
    : (affected.changedContracts ?? [])
        .filter((contract) => contract.kind !== 'deleted')
        .map((contract) => contract.file);
  const lock = await readUsageLock(resolve(config.root, settings.usageFile), settings.usageFile);
  const consumers = rerunConsumers(config, run);
  if (scope !== 'all' && scope.length === 0 && (lock === undefined || consumers.length === 0)) {
    return skip(
      affected.changedContracts === undefined
        ? 'components were named, so no contract meaning was compared (--all checks every contract)'
        : "no contract's meaning changed in this change",
    );
  }

  let entries: Awaited<ReturnType<typeof readLedger>>;
  try {
    entries = await readLedger(ledgerDirOf(config.root));
  } catch (error) {
    if (!(error instanceof AbeError)) throw error;
    return { ...skip('the ledger could not be read'), problem: error.message, errors: 1 };
  }
  const coverage = buildCoverage(await loadDeclaredContracts(config), entries.entries);
  const gate = evaluateLedgerGate(coverage, {
    scope,
    unverifiedUse: settings.unverifiedUse,
    neverVerified: settings.neverVerified,
    providerSteps: providerSteps(run),
  });
  const drift: UsageDrift[] = lock === undefined ? [] : findUsageDrift(coverage, lock, consumers);
  const errors = gate.findings.filter((f) => f.severity === 'error').length + drift.length;
  const examples = coverage.contracts
    .filter((contract) => gate.checked.includes(contract.file))
    .reduce((sum, contract) => sum + contract.examples.length, 0);
  const notes = [
    `${gate.checked.length} contract(s) checked (${examples} example(s), ${scope === 'all' ? 'every declared contract (--all)' : 'those whose meaning changed'})`,
    lock === undefined
      ? settings.precision === 'example'
        ? `no usage lock ${settings.usageFile}, so no drift check`
        : undefined
      : `${consumers.length} rerun consumer(s) compared with ${settings.usageFile}`,
    entries.partialLines === 0
      ? undefined
      : `${entries.partialLines} partial ledger line(s) left out`,
  ].filter((part): part is string => part !== undefined);
  return {
    ...base,
    ran: true,
    note: `${notes.join('; ')}.`,
    checked: gate.checked,
    findings: gate.findings,
    drift,
    errors,
    warnings: gate.findings.filter((f) => f.severity === 'warning').length,
  };
}

/** Each provider's test step in this run: passed, failed, or not run (skipped or absent). */
function providerSteps(run: RunResult): Map<string, ProviderStepStatus> {
  const steps = new Map<string, ProviderStepStatus>();
  for (const step of run.steps) {
    if (step.step !== 'test') continue;
    steps.set(step.component, step.status === 'skipped' ? 'not run' : step.status);
  }
  return steps;
}

/**
 * Consumers whose every step passed in this run: a consumer that failed part-way used only part
 * of what it uses, and its failure already fails the check.
 */
function rerunConsumers(config: BuilderConfig, run: RunResult): RerunConsumer[] {
  return config.components
    .filter((component) => component.consumes.length > 0)
    .filter((component) => {
      const steps = run.steps.filter((step) => step.component === component.name);
      return steps.some((s) => s.step === 'test') && steps.every((s) => s.status === 'passed');
    })
    .map((component) => ({ name: component.name, consumes: component.consumes }));
}
