import { AbeError } from '../core/abe-error.js';
import type { DeployEvent } from '../deploy/deploy-event.js';
import { EXIT_FAILURES } from './cli-context.js';
import type { CommandDefinition } from './run-command-line.js';

interface DeployFlags {
  dir: string;
  config?: string;
  tag?: string[];
  var?: string[];
  renderOnly?: string;
  diff?: true;
  dryRun?: true;
  smoke?: string | false;
  timeout?: string;
  json?: true;
}

export const deployCommand: CommandDefinition<DeployFlags> = {
  name: 'deploy',
  description:
    'render the Kubernetes templates of a deployment directory, validate every object offline, apply with kubectl, wait for the rollouts (rolling back on failure), smoke-test with the contracts, and record the deployment',
  options: [
    {
      name: 'dir',
      short: 'd',
      value: 'dir',
      description: 'deployment directory holding abe-deploy.yaml',
      default: '.',
    },
    {
      name: 'config',
      short: 'c',
      value: 'file',
      description: 'config file to read instead of <dir>/abe-deploy.yaml',
    },
    {
      name: 'tag',
      short: 't',
      value: 'tag',
      multiple: true,
      description:
        'image tag of every component, or NAME=TAG for one component; repeatable (default: $DOCKER_TAG)',
    },
    {
      name: 'var',
      value: 'NAME=VALUE',
      multiple: true,
      description: 'value for a variable declared in the config, overriding it; repeatable',
    },
    {
      name: 'render-only',
      value: 'dir',
      description:
        'write the rendered templates to <dir>, validate them, and stop (kubectl is not run)',
    },
    { name: 'diff', description: 'show `kubectl diff` before applying' },
    {
      name: 'dry-run',
      description:
        'apply with --dry-run=server: the cluster checks everything, nothing changes; no rollout wait, smoke test or record',
    },
    {
      name: 'smoke',
      value: 'url',
      description: 'smoke-test this base URL (overrides smoke.base_url)',
      negation: 'skip the smoke test even if the config sets one',
    },
    {
      name: 'timeout',
      value: 'duration',
      description: 'rollout timeout for each workload, e.g. 90s or 5m (overrides rollout_timeout)',
    },
    {
      name: 'json',
      description: 'print the deploy report as JSON on stdout (progress goes to stderr)',
    },
  ],
  epilogue: `Steps: render templates/ (\${NAME} substituted in YAML string values only) → validate every
object (Kubernetes schemas, selectors, namespaces) → kubectl apply static/ and the rendered
templates (one stream on stdin) → kubectl rollout status for each Deployment, StatefulSet and
DaemonSet → smoke test (examples with safe methods, GET by default) → one JSON line appended to
the record file. kubectl is $KUBECTL, else kubectl on PATH; --context and --namespace come from
the config and are passed on every call.

When a rollout fails (or the smoke test, with smoke.rollback: true), every workload this deploy
changed is rolled back with kubectl rollout undo; created ones are listed, not deleted.

Exit codes: 0 deployed (or rendered, or dry run passed), 1 deploy failed or a manifest is
invalid, 2 bad config, flags or template, or kubectl missing. The config format is in
docs/deploy.md.`,
  async run(_args, flags, context) {
    const [{ deploy }, { formatDeployReport }] = await Promise.all([
      import('../deploy/deploy.js'),
      import('../deploy/format-deploy-report.js'),
    ]);
    const { tag, componentTags } = parseTags(flags.tag ?? []);
    const progress = flags.json === true ? context.stderr : context.stdout;
    const report = await deploy({
      dir: flags.dir,
      cwd: context.cwd,
      env: context.env,
      ...(flags.config === undefined ? {} : { config: flags.config }),
      ...(tag === undefined ? {} : { tag }),
      componentTags,
      variables: parseAssignments(flags.var ?? [], '--var'),
      ...(flags.renderOnly === undefined ? {} : { renderOnly: flags.renderOnly }),
      diff: flags.diff === true,
      dryRun: flags.dryRun === true,
      ...(flags.smoke === undefined ? {} : { smoke: flags.smoke }),
      ...(flags.timeout === undefined ? {} : { timeout: flags.timeout }),
      ...(context.signal === undefined ? {} : { signal: context.signal }),
      onEvent: (event) =>
        (event.type === 'output' && event.stream === 'stderr' ? context.stderr : progress).write(
          describeEvent(event),
        ),
    });
    context.stdout.write(
      flags.json === true ? `${JSON.stringify(report, null, 2)}\n` : formatDeployReport(report),
    );
    if (report.result === 'failed' || report.recordError !== undefined) {
      context.exitCode = EXIT_FAILURES;
    }
  },
};

function describeEvent(event: DeployEvent): string {
  if (event.type === 'command') return `$ ${event.argv.map(quote).join(' ')}\n`;
  if (event.type === 'step') return `abe deploy: ${event.message}\n`;
  return event.text;
}

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

function parseTags(values: readonly string[]): {
  tag: string | undefined;
  componentTags: Map<string, string>;
} {
  const plain = values.filter((v) => !v.includes('='));
  if (plain.length > 1) {
    throw new AbeError(
      'usage',
      `--tag was given ${plain.length} tags for every component (${plain.join(', ')}); give one, and NAME=TAG for single components.`,
    );
  }
  return {
    tag: plain[0],
    componentTags: parseAssignments(
      values.filter((v) => v.includes('=')),
      '--tag',
    ),
  };
}

function parseAssignments(values: readonly string[], flag: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const value of values) {
    const equals = value.indexOf('=');
    const name = value.slice(0, equals);
    if (equals <= 0) {
      throw new AbeError('usage', `${flag} ${value}: write NAME=VALUE.`);
    }
    result.set(name, value.slice(equals + 1));
  }
  return result;
}
