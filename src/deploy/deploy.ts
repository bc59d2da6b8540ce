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
import { readStaticManifests, renderTemplates } from './render-templates.js';
import { resolveTags } from './resolve-tags.js';
import { resolveVariables } from './resolve-variables.js';
import { isChanged, rollBack } from './roll-back.js';
import { type KubectlOptions, runKubectl } from './run-kubectl.js';
import { planSmokeTest, runSmokeTest } from './smoke-test.js';
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
  /** Every unknown key of abe-deploy.yaml is an error, not only those near a known key. */
  readonly strict?: boolean;
  readonly signal?: AbortSignal;
  /** Progress: each kubectl command line and its output, and each step. */
  readonly onEvent?: (event: DeployEvent) => void;
  /** Clock, for the record. */
  readonly now?: () => Date;
}

const DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;

/**
 * Deploys an environment: renders the templates, validates every object offline, applies
 * static manifests and rendered templates with kubectl, waits for each rollout, smoke-tests the
 * service, rolls back what this deploy changed when a rollout (or, if configured, the smoke
 * test) fails, and appends a record line.
 *
 * Throws an `AbeError` when nothing was applied (bad config or flags, a template that does not
 * render, an invalid manifest, kubectl missing); returns a report once the cluster was touched.
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
  const timeout = options.timeout ?? config.rolloutTimeout;
  if (!DURATION.test(timeout)) {
    throw new AbeError(
      'deploy.config',
      `rollout timeout "${timeout}" is not a duration; write it with units, such as "5m", "90s" or "1h30m".`,
    );
  }
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
  const smoke = options.dryRun === true ? undefined : await planSmokeTest(config, options.smoke);

  const kubectl: KubectlOptions = {
    kubectl: nonEmpty(env.KUBECTL) ?? 'kubectl',
    context: config.context,
    namespace: config.namespace,
    env,
    cwd: config.dir,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.onEvent === undefined ? {} : { onEvent: options.onEvent }),
  };
  const stream = manifests.map((m) => stringify(m.object, { lineWidth: 0 })).join('---\n');

  let diffChanged: boolean | undefined;
  if (options.diff === true) {
    emit('diff');
    const diff = await runKubectl(['diff', '-f', '-'], kubectl, stream);
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
    const done = { ...report, ...rest, result } as const;
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
      failure: `kubectl apply failed (exit ${apply.code}): ${lastLine(apply.stderr)}`,
      ...(rollback === undefined ? {} : { rollback }),
    });
  }
  if (dryRun) return finish('succeeded', { rollouts: [] });

  const rollouts: RolloutOutcome[] = [];
  for (const workload of workloads) {
    emit(`wait for ${workload.target}`);
    const status = await runKubectl(
      ['rollout', 'status', workload.target, `--timeout=${timeout}`],
      kubectl,
    );
    if (status.code === 0) {
      rollouts.push({ target: workload.target, ok: true });
      continue;
    }
    const message = lastLine(status.stderr) || lastLine(status.stdout) || `exit ${status.code}`;
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
    const outcome = await runSmokeTest(smoke);
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

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
