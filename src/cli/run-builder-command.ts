import { dirname, resolve } from 'node:path';
import { findAffected } from '../affected/find-affected.js';
import { formatAffectedHuman } from '../affected/format-affected.js';
import { readHeadSha } from '../affected/read-head-from-files.js';
import type { ContractLintReport } from '../config/lint-declared-contracts.js';
import { findConfigFile, loadConfig } from '../config/load-config.js';
import type { BuilderConfig } from '../config/types.js';
import { AbeError } from '../core/abe-error.js';
import { displayPath } from '../core/display-path.js';
import { cpuCount, fsPromises } from '../core/on-first-use.js';
import type { CommitStatusReporter } from '../github/commit-status-reporter.js';
import { type GithubContext, githubContextFromEnv } from '../github/github-context.js';
import { formatSummary } from '../report/format-summary.js';
import { type RunReport, reportPassed } from '../report/run-report.js';
import { runComponents, type StepAction } from '../runner/run-components.js';
import { createRunProgress } from '../runner/run-progress.js';
import type { RunResult } from '../runner/run-result.js';
import { type CliContext, EXIT_FAILURES, EXIT_OK, type OutputStream } from './cli-context.js';
import { parseReporters, type ReporterSpec } from './parse-reporters.js';
import type { BuilderCommand } from './program.js';

export interface BuilderCliOptions {
  readonly all?: boolean;
  readonly base?: string;
  readonly committedOnly?: boolean;
  readonly excludeDownstream?: boolean;
  readonly jobs?: number;
  readonly reporter?: readonly string[];
  readonly config?: string;
  readonly tag?: string;
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

/**
 * `abe build|test|release|tag|check`: select components (affected by default), run their
 * steps, show progress, write the reports and, on GitHub, labels and commit statuses.
 * Returns the exit code.
 */
export async function runBuilderCommand(
  command: BuilderCommand,
  names: readonly string[],
  options: BuilderCliOptions,
  context: CliContext,
): Promise<number> {
  const reporters = parseReporters(options.reporter ?? []);
  const concurrency = options.jobs ?? cpuCount();
  // Machine-readable reports on stdout keep it clean: everything for people goes to stderr.
  const toStdout = reporters.some(
    (r) => r.file === undefined && (r.name === 'json' || r.name === 'junit'),
  );
  const human = toStdout ? context.stderr : context.stdout;
  const color = human.isTTY === true && context.env.NO_COLOR === undefined;
  const heading = (text: string): string => (color ? `\u001b[1m${text}\u001b[22m` : text);

  const configFile = options.config ?? (await findConfigFile(context.cwd));
  const config = await loadConfig(configFile, { cwd: context.cwd });

  let lint: ContractLintReport | undefined;
  if (command === 'check') {
    const { lintDeclaredContracts } = await import('../config/lint-declared-contracts.js');
    lint = await lintDeclaredContracts(config);
    human.write(`${heading('Contracts')}\n${describeLint(lint, config, color)}\n`);
  }

  const affected = await findAffected(config, {
    ...(options.base === undefined ? {} : { base: options.base }),
    all: options.all === true,
    committedOnly: options.committedOnly === true,
    components: names,
    excludeDownstream: options.excludeDownstream === true,
    env: context.env,
  });
  human.write(`${heading('Affected')}\n${formatAffectedHuman(affected, { color })}\n`);

  const steps = STEPS[command];
  const needsHead = command === 'release' || command === 'tag';
  const head =
    needsHead || (options.tag === undefined && !context.env.DOCKER_TAG)
      ? (affected.head ??
        (await readHead(config.root, options.tag === undefined ? '--tag' : undefined)))
      : undefined;
  const tag = options.tag ?? (context.env.DOCKER_TAG || head?.slice(0, 7) || '');
  const actions: Record<string, StepAction> = {};
  // Modules for steps and integrations load only when used: every import is start-up time
  // paid before the first make.
  if (head !== undefined && steps.includes('release')) {
    const { createReleaseAction } = await import('../release/release-step.js');
    actions.release = createReleaseAction({ head });
  }
  if (head !== undefined && steps.includes('tag')) {
    const { createTagAction } = await import('../release/tag-step.js');
    actions.tag = createTagAction({ head });
  }

  const github = await githubContextFromEnv(context.env);
  // One client serves the commit statuses and the labels.
  const api = github === undefined ? undefined : await client(github);
  const statuses =
    github === undefined || api === undefined
      ? undefined
      : (await import('../github/commit-status-reporter.js')).createCommitStatusReporter(
          api,
          github,
        );
  const githubWarnings: string[] = [];
  if (github !== undefined && api !== undefined) {
    const changeBased =
      options.all !== true && names.length === 0 && command !== 'release' && command !== 'tag';
    if (github.pullRequest !== undefined && changeBased) {
      try {
        const { syncComponentLabels } = await import('../github/sync-component-labels.js');
        const { added, removed } = await syncComponentLabels(
          api,
          { owner: github.owner, repo: github.repo, pullRequest: github.pullRequest },
          affected.components.map((component) => component.name),
        );
        if (added.length + removed.length > 0) {
          human.write(
            `Pull request #${github.pullRequest} labels:${added.map((l) => ` +${l}`).join('')}${removed.map((l) => ` -${l}`).join('')}\n\n`,
          );
        }
      } catch (error) {
        githubWarnings.push(
          `could not update the pull request labels: ${(error as Error).message}`,
        );
      }
    }
    statuses?.start(
      affected.components.flatMap((component) =>
        steps.map((step) => ({ component: component.name, step })),
      ),
    );
  }

  human.write(
    `${heading('Run')}\n${steps.join(' then ')} for ${affected.components.length} component${affected.components.length === 1 ? '' : 's'} (-j ${concurrency}, DOCKER_TAG ${tag}), logs in ${displayPath(resolve(config.root, '.abe/logs'), context.cwd)}\n`,
  );
  const progress = createRunProgress(human, {
    mode: human.isTTY === true ? 'tty' : context.env.GITHUB_ACTIONS === 'true' ? 'github' : 'plain',
    color,
    root: config.root,
  });
  let run: RunResult;
  try {
    run = await runComponents({
      config,
      components: affected.components.map((component) => component.name),
      steps,
      tag,
      concurrency,
      env: context.env,
      actions,
      ...(context.signal === undefined ? {} : { signal: context.signal }),
      onEvent: (event) => {
        progress.onEvent(event);
        statuses?.onEvent(event);
      },
    });
  } catch (error) {
    progress.stop();
    await crashStatuses(statuses, error);
    throw error;
  }
  progress.stop();

  const report: RunReport = {
    command,
    steps,
    tag,
    root: config.root,
    affected,
    run,
    ...(lint === undefined ? {} : { lint }),
  };
  human.write(`\n${heading('Summary')}\n${formatSummary(report, { color })}`);
  await writeReports(report, reporters, context, human);

  for (const failure of (await statuses?.flush()) ?? []) {
    githubWarnings.push(`could not post a commit status: ${failure.message}`);
  }
  for (const warning of githubWarnings) context.stderr.write(`abe: warning: ${warning}\n`);

  if (run.aborted) {
    const reason = context.signal?.reason;
    return EXIT_SIGNAL[typeof reason === 'string' ? reason : ''] ?? 130;
  }
  return reportPassed(report) ? EXIT_OK : EXIT_FAILURES;
}

async function readHead(root: string, alternative: string | undefined): Promise<string> {
  const head = await readHeadSha(root, process.env);
  if (head.sha === undefined) {
    throw new AbeError(
      'git.failed',
      `cannot read the HEAD commit in ${root}: ${head.stderr || 'git rev-parse failed'}.`,
      {
        hint:
          alternative === undefined
            ? 'Run abe inside a git repository with at least one commit.'
            : `Run abe inside a git repository with at least one commit, or give the image tag with ${alternative}.`,
      },
    );
  }
  return head.sha;
}

function describeLint(lint: ContractLintReport, config: BuilderConfig, color: boolean): string {
  const paint = (code: string, text: string): string =>
    color ? `\u001b[${code}m${text}\u001b[0m` : text;
  const declaring = config.components.filter((component) => component.contracts.length > 0);
  if (declaring.length === 0) {
    return 'No component declares contracts (add contracts=<glob> to a component in builder.ini).\n';
  }
  const lines = [`Declared by ${declaring.map((component) => component.name).join(', ')}.`];
  for (const d of lint.diagnostics) {
    const severity = paint(d.severity === 'error' ? '31' : '33', d.severity);
    lines.push(
      `  ${d.file}:${d.line}:${d.column}  ${severity}  ${d.message}  ${paint('2', d.code)}`,
    );
  }
  const files = `${lint.files.length} contract file${lint.files.length === 1 ? '' : 's'} linted`;
  lines.push(
    lint.diagnostics.length === 0
      ? `${paint('32', '✔')} ${files}, no problems`
      : `${lint.errorCount > 0 ? paint('31', '✖') : paint('33', '!')} ${files}: ${lint.errorCount} error${lint.errorCount === 1 ? '' : 's'}, ${lint.warningCount} warning${lint.warningCount === 1 ? '' : 's'}`,
  );
  return `${lines.join('\n')}\n`;
}

async function writeReports(
  report: RunReport,
  reporters: readonly ReporterSpec[],
  context: CliContext,
  human: OutputStream,
): Promise<void> {
  for (const reporter of reporters) {
    if (reporter.name === 'github') {
      const [{ formatDiagnosticsGithub }, { formatGithubAnnotations, formatGithubStepSummary }] =
        await Promise.all([
          import('../report/format-diagnostics.js'),
          import('../report/format-github-report.js'),
        ]);
      const annotations =
        formatDiagnosticsGithub(report.lint?.diagnostics ?? []) + formatGithubAnnotations(report);
      human.write(annotations);
      const file = reporter.file ?? context.env.GITHUB_STEP_SUMMARY;
      if (file) await appendTo(resolve(context.cwd, file), formatGithubStepSummary(report));
      continue;
    }
    const text =
      reporter.name === 'json'
        ? (await import('../report/format-json-report.js')).formatJsonReport(report)
        : reporter.name === 'junit'
          ? (await import('../report/format-junit.js')).formatJunit(report)
          : formatSummary(report);
    if (reporter.file === undefined) {
      if (reporter.name !== 'summary') context.stdout.write(text);
    } else {
      const file = resolve(context.cwd, reporter.file);
      const { mkdir, writeFile } = fsPromises();
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, text);
      human.write(`Wrote the ${reporter.name} report to ${displayPath(file, context.cwd)}\n`);
    }
  }
}

async function appendTo(file: string, text: string): Promise<void> {
  const { mkdir, appendFile } = fsPromises();
  await mkdir(dirname(file), { recursive: true });
  await appendFile(file, text);
}

async function client(github: GithubContext) {
  const { createGithubClient } = await import('../github/github-client.js');
  return createGithubClient({ apiUrl: github.apiUrl, token: github.token });
}

async function crashStatuses(
  statuses: CommitStatusReporter | undefined,
  error: unknown,
): Promise<void> {
  if (statuses === undefined) return;
  statuses.crash(error instanceof AbeError ? error.code : 'internal error');
  await statuses.flush();
}
