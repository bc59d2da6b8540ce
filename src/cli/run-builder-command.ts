import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { findAffected } from '../affected/find-affected.js';
import { formatAffectedHuman } from '../affected/format-affected.js';
import type { AffectedResult } from '../affected/types.js';
import type { ContractLintReport } from '../config/lint-declared-contracts.js';
import { findConfigFile, loadConfig } from '../config/load-config.js';
import type { BuilderConfig } from '../config/types.js';
import { displayPath } from '../core/display-path.js';
import type { OutputStream } from '../core/output-stream.js';
import { publishRun, type RunPublication } from '../github/publish-run.js';
import type { LedgerGateReport } from '../ledger/ledger-gate-report.js';
import { ledgerDirOf, ledgerEnabled, startLedgerRun } from '../ledger/ledger-run.js';
import { releaseActions } from '../release/release-actions.js';
import { formatSummary } from '../report/format-summary.js';
import { parseReporters } from '../report/parse-reporters.js';
import { type RunReport, reportPassed } from '../report/run-report.js';
import { writeReports } from '../report/write-reports.js';
import { resolveImageTag } from '../runner/resolve-image-tag.js';
import { runComponents } from '../runner/run-components.js';
import { createRunProgress } from '../runner/run-progress.js';
import type { RunResult } from '../runner/run-result.js';
import type { StepAction } from '../runner/step-action.js';
import { type CliContext, EXIT_FAILURES, EXIT_OK } from './cli-context.js';
import type { BuilderCommand } from './program.js';
import { useColor } from './use-color.js';
import { warnUnknownKeys } from './warn-unknown-keys.js';

export interface BuilderCliOptions {
  readonly all?: boolean;
  readonly base?: string;
  readonly committedOnly?: boolean;
  readonly excludeDownstream?: boolean;
  readonly jobs?: number;
  readonly reporter?: readonly string[];
  readonly config?: string;
  readonly strict?: boolean;
  readonly tag?: string;
  readonly verbose?: boolean;
}

const STEPS: Readonly<Record<BuilderCommand, readonly string[]>> = {
  build: ['build'],
  test: ['test'],
  release: ['release'],
  tag: ['tag'],
  check: ['build', 'test'],
};

/** Exit codes of a run stopped by Ctrl-C / SIGTERM, as a shell reports them. */
const EXIT_SIGNAL: Readonly<Record<string, number>> = { SIGINT: 130, SIGTERM: 143 };

/** The human-readable side of a run: a terminal or a log, whichever stdout does not carry. */
interface Human {
  readonly stream: OutputStream;
  readonly color: boolean;
  section(title: string, text: string): void;
}

/**
 * `abe build|test|release|tag|check`: select the components (affected by default), run their
 * steps, report. Returns the exit code.
 */
export async function runBuilderCommand(
  command: BuilderCommand,
  names: readonly string[],
  options: BuilderCliOptions,
  context: CliContext,
): Promise<number> {
  const reporters = parseReporters(options.reporter ?? []);
  // Machine-readable reports on stdout keep it clean: everything for people goes to stderr.
  const human = humanOutput(
    reporters.some((r) => r.file === undefined && (r.name === 'json' || r.name === 'junit')),
    context,
  );
  const config = await loadConfig(options.config ?? (await findConfigFile(context.cwd)), {
    cwd: context.cwd,
    strict: options.strict === true,
  });
  warnUnknownKeys(config, context);
  const lint = command === 'check' ? await lintContracts(config, human) : undefined;
  const affected = await selectComponents(config, names, options, context, human);

  const steps = STEPS[command];
  const { head, tag, source } = await resolveImageTag({
    tag: options.tag,
    env: context.env,
    needsHead: command === 'release' || command === 'tag',
    knownHead: affected.head,
    root: config.root,
  });
  const github = await publishRun({
    env: context.env,
    affected,
    steps,
    changeBased:
      options.all !== true && names.length === 0 && command !== 'release' && command !== 'tag',
    human: human.stream,
    ...(context.signal === undefined ? {} : { signal: context.signal }),
  });
  const ledgerDir = startLedger(command, config, affected, options, context);
  const run = await runSteps(config, affected, {
    steps,
    ledgerDir,
    tag,
    tagShown: source === 'no-commit' ? `${tag} as there is no commit` : tag,
    concurrency: options.jobs ?? availableParallelism(),
    actions: await releaseActions(steps, head),
    github,
    context,
    human,
  });

  const ledger =
    command === 'check'
      ? await ledgerGate(config, affected, run, options, context, human)
      : undefined;
  const report: RunReport = {
    command,
    steps,
    tag,
    root: config.root,
    affected,
    run,
    ...(lint === undefined ? {} : { lint }),
    ...(ledger === undefined ? {} : { ledger }),
  };
  const verbose = options.verbose === true;
  human.section('Summary', formatSummary(report, { color: human.color, verbose }));
  await writeReports(report, reporters, { ...context, human: human.stream, verbose });
  for (const warning of await github.finish()) context.stderr.write(`abe: warning: ${warning}\n`);

  if (run.aborted) {
    const reason = context.signal?.reason;
    return EXIT_SIGNAL[typeof reason === 'string' ? reason : ''] ?? 130;
  }
  return reportPassed(report) ? EXIT_OK : EXIT_FAILURES;
}

function humanOutput(stdoutIsForMachines: boolean, context: CliContext): Human {
  const stream = stdoutIsForMachines ? context.stderr : context.stdout;
  const color = useColor(stream, context.env);
  const heading = (text: string): string => (color ? `\u001b[1m${text}\u001b[22m` : text);
  let first = true;
  return {
    stream,
    color,
    section(title, text) {
      stream.write(`${first ? '' : '\n'}${heading(title)}\n${text}`);
      first = false;
    },
  };
}

/** `abe check` first lints every contract the config declares. */
async function lintContracts(config: BuilderConfig, human: Human): Promise<ContractLintReport> {
  const [{ lintDeclaredContracts }, { formatContractLint }] = await Promise.all([
    import('../config/lint-declared-contracts.js'),
    import('../report/format-contract-lint.js'),
  ]);
  const lint = await lintDeclaredContracts(config);
  human.section('Contracts', formatContractLint(lint, config, { color: human.color }));
  return lint;
}

/** `abe check` ends with the contract ledger gate (docs/ledger.md). */
async function ledgerGate(
  config: BuilderConfig,
  affected: AffectedResult,
  run: RunResult,
  options: BuilderCliOptions,
  context: CliContext,
  human: Human,
): Promise<LedgerGateReport> {
  const [{ runLedgerGate }, { formatLedgerGate }] = await Promise.all([
    import('./run-ledger-gate.js'),
    import('../report/format-ledger-gate.js'),
  ]);
  const ledger = await runLedgerGate({
    config,
    affected,
    run,
    all: options.all === true,
    env: context.env,
  });
  human.section('Contract ledger', formatLedgerGate(ledger, { color: human.color }));
  return ledger;
}

async function selectComponents(
  config: BuilderConfig,
  names: readonly string[],
  options: BuilderCliOptions,
  context: CliContext,
  human: Human,
): Promise<AffectedResult> {
  const affected = await findAffected(config, {
    ...(options.base === undefined ? {} : { base: options.base }),
    all: options.all === true,
    committedOnly: options.committedOnly === true,
    components: names,
    excludeDownstream: options.excludeDownstream === true,
    env: context.env,
  });
  human.section('Affected', formatAffectedHuman(affected, { color: human.color }));
  return affected;
}

/**
 * Steps of build, test and check record what they verify and mock: the ledger directory is
 * emptied and the run described in run.json, unless `ABE_LEDGER=off`. Release and tag run no
 * tests and record nothing.
 */
function startLedger(
  command: BuilderCommand,
  config: BuilderConfig,
  affected: AffectedResult,
  options: BuilderCliOptions,
  context: CliContext,
): string | undefined {
  if (command === 'release' || command === 'tag' || !ledgerEnabled(context.env)) return undefined;
  const dir = ledgerDirOf(config.root);
  startLedgerRun(dir, {
    v: 1,
    command,
    all: options.all === true,
    components: affected.components.map((component) => component.name),
    startedAt: new Date().toISOString(),
    head: affected.head,
  });
  return dir;
}

interface RunStepsOptions {
  readonly steps: readonly string[];
  /** Where steps record to; absent when the run records no ledger. */
  readonly ledgerDir: string | undefined;
  readonly tag: string;
  /** The tag as the Run line says it, with why when it is not the commit's. */
  readonly tagShown: string;
  readonly concurrency: number;
  readonly actions: Readonly<Record<string, StepAction>>;
  readonly github: RunPublication;
  readonly context: CliContext;
  readonly human: Human;
}

/** Runs the steps with live progress, telling GitHub as they go. */
async function runSteps(
  config: BuilderConfig,
  affected: AffectedResult,
  {
    steps,
    ledgerDir,
    tag,
    tagShown,
    concurrency,
    actions,
    github,
    context,
    human,
  }: RunStepsOptions,
): Promise<RunResult> {
  const count = affected.components.length;
  human.section(
    'Run',
    `${steps.join(' then ')} for ${count} component${count === 1 ? '' : 's'} (-j ${concurrency}, DOCKER_TAG ${tagShown}), logs in ${displayPath(resolve(config.root, '.abe/logs'), context.cwd)}\n`,
  );
  const progress = createRunProgress(human.stream, {
    mode:
      human.stream.isTTY === true
        ? 'tty'
        : context.env.GITHUB_ACTIONS === 'true'
          ? 'github'
          : 'plain',
    color: human.color,
    root: config.root,
    total: affected.components.length * steps.length,
  });
  try {
    return await runComponents({
      config,
      components: affected.components.map((component) => component.name),
      steps,
      tag,
      concurrency,
      env: context.env,
      ...(ledgerDir === undefined ? {} : { ledgerDir }),
      actions,
      ...(context.signal === undefined ? {} : { signal: context.signal }),
      onEvent: (event) => {
        progress.onEvent(event);
        github.onEvent(event);
      },
    });
  } catch (error) {
    await github.crash(error);
    throw error;
  } finally {
    progress.stop();
  }
}
