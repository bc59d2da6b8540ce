import type { Command } from 'commander';
import { AbeError } from '../abe-error.js';
import type { DeployEvent } from '../deploy/deploy-event.js';
import { type CliContext, EXIT_FAILURES } from './cli-context.js';

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

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function registerDeploy(program: Command, context: CliContext): void {
  program
    .command('deploy')
    .description(
      'render the Kubernetes templates of a deployment directory, validate every object offline, apply with kubectl, wait for the rollouts (rolling back on failure), smoke-test with the contracts, and record the deployment',
    )
    .option('-d, --dir <dir>', 'deployment directory holding abe-deploy.yaml', '.')
    .option('-c, --config <file>', 'config file to read instead of <dir>/abe-deploy.yaml')
    .option(
      '-t, --tag <tag>',
      'image tag of every component, or NAME=TAG for one component; repeatable (default: $DOCKER_TAG)',
      collect,
    )
    .option(
      '--var <NAME=VALUE>',
      'value for a variable declared in the config, overriding it; repeatable',
      collect,
    )
    .option(
      '--render-only <dir>',
      'write the rendered templates to <dir>, validate them, and stop (kubectl is not run)',
    )
    .option('--diff', 'show `kubectl diff` before applying')
    .option(
      '--dry-run',
      'apply with --dry-run=server: the cluster checks everything, nothing changes; no rollout wait, smoke test or record',
    )
    .option('--smoke <url>', 'smoke-test this base URL (overrides smoke.base_url)')
    .option('--no-smoke', 'skip the smoke test even if the config sets one')
    .option(
      '--timeout <duration>',
      'rollout timeout for each workload, e.g. 90s or 5m (overrides rollout_timeout)',
    )
    .option('--json', 'print the deploy report as JSON on stdout (progress goes to stderr)')
    .addHelpText(
      'after',
      `
Steps: render templates/ (\${NAME} substituted in YAML string values only) → validate every
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
    )
    .action(async (flags: DeployFlags) => {
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
    });
}

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
