import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { stringify } from 'yaml';
import { AbeError } from '../core/abe-error.js';
import type { DeployConfig } from './deploy-config.js';
import type { DeployEvent } from './deploy-event.js';
import type {
  DeployedComponent,
  DeployReport,
  FailedStage,
  RollbackOutcome,
  RolloutOutcome,
  SmokeOutcome,
} from './deploy-report.js';
import { findWorkloads } from './find-workloads.js';
import { formatManifestProblems, formatRenderProblems } from './format-manifest-problems.js';
import { lastLine } from './last-line.js';
import { loadDeployConfig } from './load-deploy-config.js';
import type { Manifest } from './manifest.js';
import { parseApplyOutput } from './parse-apply-output.js';
import { deploymentRecord, recordDeployment } from './record-deployment.js';
import { redactCredentialsIn } from './redact-credentials.js';
import { readStaticManifests, renderTemplates } from './render-templates.js';
import { resolveTags } from './resolve-tags.js';
import { resolveVariables } from './resolve-variables.js';
import { isChanged, rollBack } from './roll-back.js';
import { type KubectlOptions, type KubectlResult, runKubectl } from './run-kubectl.js';
import { planSmokeTest, runSmokeTest } from './smoke-test.js';
import { formatDuration, type TimeLimit, timeLimit } from './time-limit.js';
import { type ManifestNote, validateManifests } from './validate-manifests.js';

export interface DeployOptions {
  /** The deployment directory (holds `abe-deploy.yaml`). Default: the working directory. */
  readonly dir?: string;
  /** Config file to read instead of `<dir>/abe-deploy.yaml`. */
  readonly config?: string;
  /** Working directory; relative paths and messages are relative to it. Default: `process.cwd()`. */
  readonly cwd?: string;
  /** Environment: `DOCKER_TAG`, `KUBECTL`, `PATH` (for kubectl), `KUBECONFIG`… Default: `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Image tag for every component. Default: `DOCKER_TAG` from the environment. */
  readonly tag?: string;
  /** Tags for single components, overriding `tag`. */
  readonly componentTags?: ReadonlyMap<string, string>;
  /** Values for declared variables, overriding the config (`--var NAME=VALUE`). */
  readonly variables?: ReadonlyMap<string, string>;
  /** Write the rendered templates to this directory, validate them, and stop. */
  readonly renderOnly?: string;
  /** Run `kubectl diff` before applying. */
  readonly diff?: boolean;
  /** Apply with `--dry-run=server`; no rollout wait, smoke test or record. */
  readonly dryRun?: boolean;
  /** Smoke-test base URL overriding the config's, or false to skip the smoke test. */
  readonly smoke?: string | false;
  /** Rollout timeout overriding the config's (a Go duration such as `5m`). */
  readonly timeout?: string;
  /** Limit of every other kubectl call, overriding `kubectl_timeout` (a Go duration). */
  readonly kubectlTimeout?: string;
  /** Limit of each smoke-test example, overriding `smoke.timeout` (a Go duration). */
  readonly smokeTimeout?: string;
  /** Every unknown key of abe-deploy.yaml is an error, not only those near a known key. */
  readonly strict?: boolean;
  /**
   * Ctrl-C / SIGTERM: stops the kubectl call or the smoke request in flight at once and rejects
   * with `deploy.kubectl` ("stopped: …"); nothing is rolled back or recorded then.
   */
  readonly signal?: AbortSignal;
  /** Progress: each kubectl command line and its output, and each step. */
  readonly onEvent?: (event: DeployEvent) => void;
  /** Clock, for the record. */
  readonly now?: () => Date;
}

/**
 * Deploys an environment: renders the templates, validates every object offline, applies
 * static manifests and rendered templates with kubectl, waits for each rollout, smoke-tests the
 * service, rolls back what this deploy changed when a rollout (or, if configured, the smoke
 * test) fails, and appends a record line.
 *
 * Throws an `AbeError` when nothing was applied (bad config or flags, a template that does not
 * render, an invalid manifest, kubectl missing, a `kubectl apply` that failed before applying
 * any object) or when `signal` stopped it; returns a report once the cluster was touched.
 * Every kubectl call and every smoke request has a time limit (see `TimeLimits`).
 *
 * @example
 * const report = await deploy({ dir: 'operations/production', tag: '1.4.2' });
 * if (report.result === 'failed') console.error(report.failure);
 */
export async function deploy(options: DeployOptions = {}): Promise<DeployReport> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const time = (options.now?.() ?? new Date()).toISOString();
  const config = await loadDeployConfig(options.dir ?? '.', {
    cwd,
    ...(options.config === undefined ? {} : { file: options.config }),
    strict: options.strict === true,
  });
  for (const message of config.warnings ?? []) options.onEvent?.({ type: 'warning', message });
  const shown = (path: string): string => relative(cwd, path) || '.';
  const tags = resolveTags(config, options.tag ?? nonEmpty(env.DOCKER_TAG), options.componentTags);
  const variables = resolveVariables(config, options.variables);
  const limits = timeLimits(options, config);
  const timeout = limits.rollout.text;
  const components: DeployedComponent[] = config.components.map((c) => ({
    name: c.name,
    image: c.image,
    tag: c.image === undefined ? undefined : tags.get(c.name),
  }));

  const emit = (message: string): void => options.onEvent?.({ type: 'step', message });
  emit(`render ${shown(config.templatesDir)}`);
  const templates = await renderTemplates(config, tags, variables, shown);
  const statics = await readStaticManifests(config, shown);
  const problems = [...templates.problems, ...statics.problems];
  if (problems.length > 0) {
    throw new AbeError(
      'deploy.render',
      `${count(problems.length, 'problem')} rendering the manifests; nothing was applied:\n${formatRenderProblems(problems)}`,
    );
  }

  const base = {
    time,
    environment: config.environment,
    context: config.context,
    namespace: config.namespace,
    components,
  };
  if (options.renderOnly !== undefined) {
    const out = resolve(cwd, options.renderOnly);
    const written: string[] = [];
    for (const file of templates.files) {
      const target = join(out, file.relativePath);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, file.text, 'utf8');
      written.push(shown(target));
    }
    const notes = await validateOrThrow(
      templates.manifests,
      config,
      `; the rendered files were written to ${shown(out)}`,
    );
    return {
      ...base,
      result: 'rendered',
      dryRun: false,
      objects: templates.manifests.length,
      notes,
      renderedFiles: written,
      applied: [],
      rollouts: [],
    };
  }

  const manifests = [...statics.manifests, ...templates.manifests];
  if (manifests.length === 0) {
    throw new AbeError(
      'deploy.config',
      `nothing to deploy: no manifests in ${shown(config.templatesDir)}${config.staticDir === undefined ? '' : ` or ${shown(config.staticDir)}`}.`,
      { file: config.shownFile },
    );
  }
  emit(`validate ${count(manifests.length, 'object')}`);
  const notes = await validateOrThrow(manifests, config, '');
  const smoke =
    options.dryRun === true ? undefined : await planSmokeTest(config, options.smoke, limits.smoke);

  const kubectl: KubectlOptions = {
    kubectl: nonEmpty(env.KUBECTL) ?? 'kubectl',
    context: config.context,
    namespace: config.namespace,
    env,
    cwd: config.dir,
    timeoutMs: limits.kubectl.ms,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.onEvent === undefined ? {} : { onEvent: options.onEvent }),
  };
  const overran = (result: KubectlResult, limit: string): string =>
    `${describeCall(result)} did not finish within ${limit} and was stopped`;
  const kubectlLimit = `${limits.kubectl.text} (${limits.kubectl.setting})`;
  // kubectl reads YAML 1.1 (go-yaml v2): written as 1.1, a string such as "on", "yes" or "0777"
  // is quoted, so kubectl reads the same string that was validated, not a boolean or a number.
  const stream = manifests
    .map((m) => stringify(m.object, { lineWidth: 0, version: '1.1' }))
    .join('---\n');

  let diffChanged: boolean | undefined;
  if (options.diff === true) {
    emit('diff');
    const diff = await runKubectl(['diff', '-f', '-'], kubectl, stream);
    if (diff.timedOut) {
      throw new AbeError('deploy.kubectl', `${overran(diff, kubectlLimit)}; nothing was applied.`, {
        hint: 'Check that the cluster is reachable, or raise kubectl_timeout.',
      });
    }
    // kubectl diff exits 1 when there are differences, above 1 when it failed.
    if (diff.code > 1) {
      throw new AbeError(
        'deploy.kubectl',
        `kubectl diff failed (exit ${diff.code}); nothing was applied: ${lastLine(diff.stderr)}`,
        { hint: 'Check the context and namespace, and that the cluster is reachable.' },
      );
    }
    diffChanged = diff.code === 1;
  }

  const dryRun = options.dryRun === true;
  emit(dryRun ? 'apply (server dry run)' : 'apply');
  const apply = await runKubectl(
    ['apply', ...(dryRun ? ['--dry-run=server'] : []), '-f', '-'],
    kubectl,
    stream,
  );
  const applied = parseApplyOutput(apply.stdout);
  if (apply.code !== 0 && !apply.timedOut && applied.length === 0) {
    // Nothing reached the cluster (an unknown context, an unreachable server, every object
    // refused): like a diff that fails, this is not a deploy to record or roll back.
    throw new AbeError(
      'deploy.kubectl',
      `${describeCall(apply)} failed (exit ${apply.code}); nothing was applied: ${lastLine(apply.stderr) || lastLine(apply.stdout)}`,
      { hint: 'Check the context and namespace, and that the cluster is reachable.' },
    );
  }
  const workloads = findWorkloads(manifests, applied);
  const report = {
    ...base,
    dryRun,
    objects: manifests.length,
    notes,
    renderedFiles: [],
    ...(diffChanged === undefined ? {} : { diffChanged }),
    applied,
  };
  const finish = async (
    result: 'succeeded' | 'failed',
    rest: {
      rollouts: RolloutOutcome[];
      failedStage?: FailedStage;
      failure?: string;
      rollback?: RollbackOutcome;
      smoke?: SmokeOutcome;
    },
  ): Promise<DeployReport> => {
    // Whatever reached a message (kubectl's last line, a URL) goes out with no credential in it.
    const done = redactCredentialsIn({ ...report, ...rest, result } as const);
    if (dryRun) return done;
    try {
      await recordDeployment(config.record, deploymentRecord(done));
      return { ...done, recordFile: shown(config.record) };
    } catch (error) {
      return { ...done, recordError: `cannot append to ${shown(config.record)}: ${String(error)}` };
    }
  };

  if (apply.code !== 0) {
    const changed = workloads.filter(isChanged);
    const rollback =
      dryRun || changed.length === 0 ? undefined : await rollBack(changed.reverse(), kubectl, emit);
    return finish('failed', {
      rollouts: [],
      failedStage: 'apply',
      failure: apply.timedOut
        ? overran(apply, kubectlLimit)
        : `kubectl apply failed (exit ${apply.code}): ${lastLine(apply.stderr)}`,
      ...(rollback === undefined ? {} : { rollback }),
    });
  }
  if (dryRun) return finish('succeeded', { rollouts: [] });

  const rollouts: RolloutOutcome[] = [];
  for (const workload of workloads) {
    emit(`wait for ${workload.target}`);
    // kubectl enforces --timeout itself; the call's own limit catches a kubectl that hangs anyway.
    const status = await runKubectl(
      ['rollout', 'status', workload.target, `--timeout=${timeout}`],
      { ...kubectl, timeoutMs: limits.rollout.ms + limits.kubectl.ms },
    );
    if (status.code === 0 && !status.timedOut) {
      rollouts.push({ target: workload.target, ok: true });
      continue;
    }
    const message = status.timedOut
      ? overran(
          status,
          `${formatDuration(limits.rollout.ms + limits.kubectl.ms)} (the rollout timeout ${timeout} + ${limits.kubectl.setting} ${limits.kubectl.text})`,
        )
      : lastLine(status.stderr) || lastLine(status.stdout) || `exit ${status.code}`;
    rollouts.push({ target: workload.target, ok: false, message });
    // The failed one first, then the rest of what this deploy changed, newest first.
    const changed = [workload, ...workloads.filter((w) => w !== workload).reverse()].filter(
      isChanged,
    );
    const rollback = await rollBack(changed, kubectl, emit);
    return finish('failed', {
      rollouts,
      failedStage: 'rollout',
      failure: `rollout of ${workload.target} failed (timeout ${timeout}): ${message}`,
      rollback,
    });
  }

  if (smoke !== undefined) {
    emit(`smoke-test ${smoke.baseUrl} (${count(smoke.selected, 'example')})`);
    const outcome = await runSmokeTest(
      smoke,
      options.signal === undefined ? {} : { signal: options.signal },
    );
    if (outcome.failed.length > 0) {
      const rollback = smoke.rollback
        ? await rollBack([...workloads].reverse().filter(isChanged), kubectl, emit)
        : undefined;
      return finish('failed', {
        rollouts,
        smoke: outcome,
        failedStage: 'smoke',
        failure: `${count(outcome.failed.length, 'smoke-test example')} failed against ${outcome.baseUrl}`,
        ...(rollback === undefined ? {} : { rollback }),
      });
    }
    return finish('succeeded', { rollouts, smoke: outcome });
  }
  return finish('succeeded', { rollouts });
}

/**
 * Every time limit of a deploy: `rollout status` gets `--timeout=<rollout>` and is stopped after
 * rollout + kubectl; every other kubectl call is stopped after `kubectl`; each smoke example
 * after `smoke`.
 */
interface TimeLimits {
  readonly rollout: TimeLimit;
  readonly kubectl: TimeLimit;
  readonly smoke: TimeLimit;
}

function timeLimits(options: DeployOptions, config: DeployConfig): TimeLimits {
  return {
    rollout: timeLimit(options.timeout, '--timeout', config.rolloutTimeout, 'rollout_timeout'),
    kubectl: timeLimit(
      options.kubectlTimeout,
      '--kubectl-timeout',
      config.kubectlTimeout,
      'kubectl_timeout',
    ),
    smoke: timeLimit(
      options.smokeTimeout,
      '--smoke-timeout',
      config.smoke?.timeout ?? '30s',
      'smoke.timeout',
    ),
  };
}

async function validateOrThrow(
  manifests: readonly Manifest[],
  config: DeployConfig,
  suffix: string,
): Promise<ManifestNote[]> {
  const { problems, notes } = await validateManifests(manifests, { namespace: config.namespace });
  if (problems.length > 0) {
    throw new AbeError(
      'deploy.validate',
      `${count(problems.length, 'problem')} in the manifests; nothing was applied${suffix}:\n${formatManifestProblems(problems)}`,
    );
  }
  return notes;
}

/**
 * The call as messages name it: `kubectl apply`, `kubectl rollout status deployment/api`; the
 * stdin, timeout and target flags (said elsewhere in the message, or always the same) left out.
 */
function describeCall(result: KubectlResult): string {
  const end = result.args.indexOf('--context');
  const args = result.args.slice(0, end === -1 ? undefined : end);
  const words = args.filter(
    (arg, i) =>
      !arg.startsWith('--timeout=') &&
      !(arg === '-f' && args[i + 1] === '-') &&
      !(arg === '-' && args[i - 1] === '-f'),
  );
  return ['kubectl', ...words].join(' ');
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
