import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadDeclaredContracts } from '../config/load-declared-contracts.js';
import type { BuilderConfig } from '../config/types.js';
import { DEFAULT_LEDGER_SETTINGS } from '../config/types.js';
import { formatUsageLock, type UsageLock } from '../contract/usage-lock.js';
import { AbeError } from '../core/abe-error.js';
import { displayPath } from '../core/display-path.js';
import { buildCoverage } from '../ledger/build-coverage.js';
import { type LedgerRun, ledgerDirOf, readLedgerRun } from '../ledger/ledger-run.js';
import { readLedger } from '../ledger/read-ledger.js';
import { usageFromCoverage } from '../ledger/usage-from-coverage.js';
import { coverageDocument } from '../report/coverage-document.js';
import { formatCoverage } from '../report/format-coverage.js';
import type { CliContext } from './cli-context.js';
import { type ConfigFlags, loadCliConfig } from './component-contracts.js';

export interface CoverageCliOptions extends ConfigFlags {
  readonly json?: boolean;
  readonly writeUsage?: boolean;
}

/**
 * `abe coverage`: what the last run's ledger proves about each declared contract's examples.
 * It reports and exits 0; the gate of `abe check` decides. `--write-usage` writes the usage
 * lock from a run that selected every component.
 */
export async function runCoverage(options: CoverageCliOptions, context: CliContext): Promise<void> {
  const config = await loadCliConfig(options, context);
  const dir = ledgerDirOf(config.root);
  const shownDir = displayPath(dir, context.cwd);
  // Reading the files of both overlaps their I/O; the contracts are wasted only on the error path.
  const [read, declared] = await Promise.all([readLedger(dir), loadDeclaredContracts(config)]);
  const run = readLedgerRun(dir) ?? null;
  if (read.files === 0 && run === null) {
    throw new AbeError(
      'ledger.missing',
      `there is no ledger in ${shownDir}: run abe check (or abe test) first.`,
      {
        hint: 'abe records there every provider verification and consumer use of the steps it runs (unless ABE_LEDGER=off).',
      },
    );
  }
  const coverage = buildCoverage(declared, read.entries);
  if (options.writeUsage === true) {
    await writeUsage(config, run, usageFromCoverage(coverage), shownDir, context);
    return;
  }
  if (options.json === true) {
    context.stdout.write(
      `${JSON.stringify(coverageDocument(coverage, run, { files: read.files, partialLines: read.partialLines }), null, 2)}\n`,
    );
    return;
  }
  context.stdout.write(
    formatCoverage(coverage, { partialLines: read.partialLines, color: context.color }),
  );
}

async function writeUsage(
  config: BuilderConfig,
  run: LedgerRun | null,
  lock: UsageLock,
  shownDir: string,
  context: CliContext,
): Promise<void> {
  if (run === null || !run.all) {
    throw new AbeError(
      'ledger.missing',
      `the ledger in ${shownDir} is not of a run that selected every component${run === null ? '' : ` (it is of abe ${run.command} on ${run.components.length} component(s))`}: run abe check --all first.`,
      {
        hint: 'A lock written from part of the components would leave out the consumers that did not run: `abe check --all && abe coverage --write-usage`.',
      },
    );
  }
  const usageFile = (config.ledger ?? DEFAULT_LEDGER_SETTINGS).usageFile;
  const file = resolve(config.root, usageFile);
  await writeFile(file, formatUsageLock(lock));
  const examples = Object.values(lock.contracts).reduce((n, e) => n + Object.keys(e).length, 0);
  context.stdout.write(
    `abe: wrote ${displayPath(file, context.cwd)}: ${examples} used example(s) of ${Object.keys(lock.contracts).length} contract(s). Commit it.\n`,
  );
}
