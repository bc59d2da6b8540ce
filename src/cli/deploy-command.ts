import { AbeError } from '../core/abe-error.js';
import { shellQuote } from '../core/shell-quote.js';
import type { DeployEvent } from '../deploy/deploy-event.js';
import { type CliContext, EXIT_FAILURES } from './cli-context.js';

export interface DeployFlags {
  dir: string;
  config?: string;
  tag?: string[];
  var?: string[];
  renderOnly?: string;
  diff?: true;
  dryRun?: true;
  smoke?: string | false;
  timeout?: string;
  /** `--kubectl-timeout <duration>`: overrides kubectl_timeout. */
  kubectlTimeout?: string;
  /** `--smoke-timeout <duration>`: overrides smoke.timeout. */
  smokeTimeout?: string;
  json?: true;
  strict?: true;
}

/**
 * `abe deploy`: render, validate, apply, wait, smoke-test and record one deployment, printing
 * progress as it goes and the report at the end.
 */
export async function runDeploy(flags: DeployFlags, context: CliContext): Promise<void> {
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
    ...(flags.kubectlTimeout === undefined ? {} : { kubectlTimeout: flags.kubectlTimeout }),
    ...(flags.smokeTimeout === undefined ? {} : { smokeTimeout: flags.smokeTimeout }),
    strict: flags.strict === true,
    ...(context.signal === undefined ? {} : { signal: context.signal }),
    onEvent: (event) =>
      ((event.type === 'output' && event.stream === 'stderr') || event.type === 'warning'
        ? context.stderr
        : progress
      ).write(describeEvent(event)),
  });
  context.stdout.write(
    flags.json === true ? `${JSON.stringify(report, null, 2)}\n` : formatDeployReport(report),
  );
  if (report.result === 'failed' || report.recordError !== undefined) {
    context.exitCode = EXIT_FAILURES;
  }
}

function describeEvent(event: DeployEvent): string {
  if (event.type === 'command') return `$ ${event.argv.map(shellQuote).join(' ')}\n`;
  if (event.type === 'step') return `abe deploy: ${event.message}\n`;
  if (event.type === 'warning') return `abe: warning: ${event.message}\n`;
  return event.text;
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
