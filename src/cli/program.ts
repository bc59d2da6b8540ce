import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { AffectedOptions, SelectionOptions } from './affected-command.js';
import type { CliContext } from './cli-context.js';
import type { CoverageCliOptions } from './coverage-command.js';
import type { DeployFlags } from './deploy-command.js';
import type { InitCliOptions } from './init-command.js';
import type { LintCliOptions } from './lint-command.js';
import type { MockCliOptions } from './mock-command.js';
import type { BuilderCliOptions } from './run-builder-command.js';
import { useColor } from './use-color.js';

// Every command, argument and option of `abe`, in the order help lists them. Only the
// declarations live here: each action imports its command's module when it runs, so
// `abe --version` or `abe lint` loads no runner, reporter or deploy code.

const SELECTION_HELP = {
  base: "compare with the merge-base of REF and HEAD (default: what the CI system says, a pull request's base or a push's range; else [abe] base; else origin/main, origin/master, main, master)",
  all: 'select every component, without looking at git',
  committedOnly: 'ignore staged, unstaged and untracked changes',
  excludeDownstream: 'do not add the downstream of selected components',
};

const STRICT_HELP =
  'treat every unknown config key as an error (one near a known key always is; others warn)';

// Help epilogues are printed as written: lines stay within 80 columns.
const COLOUR_VARIABLES = `  FORCE_COLOR     colours on (off with 0), even off a terminal
  NO_COLOR        when not empty, no colours`;

const CI_VARIABLES = `  CI              in CI, HEAD being its own base is an error (nothing to check)
  GITHUB_ACTIONS, GITHUB_EVENT_NAME, GITHUB_BASE_REF, GITHUB_EVENT_PATH
                  GitHub Actions: the pull request's base, a push's range
  GITLAB_CI, CI_MERGE_REQUEST_IID, CI_MERGE_REQUEST_DIFF_BASE_SHA,
  CI_MERGE_REQUEST_TARGET_BRANCH_NAME, CI_PIPELINE_SOURCE,
  CI_COMMIT_BEFORE_SHA, CI_DEFAULT_BRANCH
                  GitLab CI: the merge request's base, a push's range
  BUILDKITE, BUILDKITE_PULL_REQUEST, BUILDKITE_PULL_REQUEST_BASE_BRANCH
                  Buildkite: the pull request's base`;

const LINT_HELP = `
Examples:
  abe lint                          the contracts builder.ini declares
  abe lint contracts/               every *.json below contracts/
  abe lint 'api/**/*.json' -f github
                                    GitHub annotations, one per problem

Environment:
${COLOUR_VARIABLES}

Exit codes: 0 no problems, 1 problems found, 2 usage error (a pattern that
matches no file, no builder.ini without patterns).`;

const AFFECTED_HELP = `
Examples:
  abe affected                      what this change affects, and why
  abe affected --base origin/main --json
  matrix="$(abe affected --matrix)" a GitHub Actions matrix; the assignment
                                    keeps abe's exit code

Environment (the base when --base is not given):
${CI_VARIABLES}
${COLOUR_VARIABLES}

Exit codes: 0 done (whether or not anything is affected), 2 bad config, shallow
clone or unknown base.`;

const BUILDER_HELP = `
Examples:
  abe check                         in CI: lint, then build and test what the
                                    change affects
  abe test --all -j 4 --reporter junit=reports/junit.xml
  abe release && abe tag            on a push to main: what the push brought

Environment:
  DOCKER_TAG      the image tag when --tag is not given (else the short sha)
  GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_SHA, GITHUB_API_URL, GITHUB_RUN_ID
                  on GitHub Actions: component:<name> labels, commit statuses
  GITHUB_STEP_SUMMARY
                  where --reporter github appends the step summary
  ABE_GITHUB_TIMEOUT, ABE_GITHUB_WAIT
                  seconds per GitHub request (10), and at most waited for
                  GitHub at the end of the run (15)
  ABE_LEDGER      off: record no ledger of verifications and uses
                  (docs/ledger.md)
${CI_VARIABLES}
${COLOUR_VARIABLES}
make gets NAME, DOCKER_IMAGE, DOCKER_TAG and <UPSTREAM>_IMAGE, never
GITHUB_TOKEN; build, test and check also give it ABE_LEDGER_DIR,
ABE_COMPONENT and ABE_ROOT, where abe-ts records to .abe/ledger/.

Exit codes: 0 every step passed, 1 a step failed (or a contract has lint
errors), 2 bad flags, config or git state, 130/143 stopped by Ctrl-C / SIGTERM.`;

/** Name, summary (for the command list) and description (for the command's own help). */
const BUILDER_COMMANDS = [
  [
    'build',
    'run `make build` in the affected components',
    'run `make build` in the affected components, in dependency order',
  ],
  [
    'test',
    'run `make test` in the affected components',
    'run `make test` in the affected components, in dependency order',
  ],
  [
    'release',
    'release the affected components',
    'release the affected components: docker tag + push (release-process=docker) or `make release` (custom)',
  ],
  [
    'tag',
    'tag each component released at HEAD',
    'create an annotated git tag <component>-<version> for each component released at HEAD',
  ],
  [
    'check',
    'the CI one-stop: lint, find what a change affects, build and test it',
    'the CI one-stop: lint every contract builder.ini declares, find the affected components, `make build` then `make test` them in dependency order, report',
  ],
] as const;

/** The name of a command that runs steps over components. */
export type BuilderCommand = (typeof BUILDER_COMMANDS)[number][0];

/**
 * The `abe` program: every command declared, each action loading its implementation on use.
 * Output goes to the context's streams and usage errors throw (`exitOverride`), so `main` can
 * run it in-process and turn the outcome into an exit code.
 *
 * @example
 * await createProgram(context).parseAsync(['lint', 'contracts/'], { from: 'user' });
 */
export function createProgram(context: CliContext): Command {
  const program = new Command('abe')
    .description(
      'Contract testing and change-aware CI for monorepos of HTTP services, from API by Example files.',
    )
    .version(readVersion(), '-v, --version', 'output the version number');
  program.addCommand(initCommand(context));
  program.addCommand(lintCommand(context));
  program.addCommand(mockCommand(context));
  program.addCommand(verifyCommand(context));
  for (const command of affectedCommands(context)) program.addCommand(command);
  for (const [name, summary, description] of BUILDER_COMMANDS) {
    program.addCommand(builderCommand(name, summary, description, context));
  }
  program.addCommand(coverageCommand(context));
  program.addCommand(deployCommand(context));
  configure(program, context);
  return program;
}

/** Applies the settings every command shares; commander copies them to commands added later only. */
function configure(program: Command, context: CliContext): void {
  const width = (stream: CliContext['stdout']): number =>
    stream.isTTY === true ? ((stream as { columns?: number }).columns ?? 80) : 80;
  for (const command of [program, ...program.commands]) {
    command
      .exitOverride()
      .showHelpAfterError(false)
      .configureOutput({
        writeOut: (text) => context.stdout.write(text),
        writeErr: (text) => context.stderr.write(text),
        getOutHelpWidth: () => width(context.stdout),
        getErrHelpWidth: () => width(context.stderr),
        getOutHasColors: () => context.color,
        getErrHasColors: () => useColor(context.stderr, context.env),
      });
  }
}

function initCommand(context: CliContext): Command {
  return new Command('init')
    .summary('set up abe in a repository: builder.ini, a contract, Makefiles, CI')
    .description(
      'set up abe in an existing repository: builder.ini with a component per project directory (package.json, pyproject.toml, go.mod or Makefile), an example contract for the component that looks like an HTTP service, a Makefile with build and test for each component without one, and a GitHub Actions workflow; prints the plan, writes it, then the next steps',
    )
    .option('-d, --dir <dir>', 'the repository to set up', '.')
    .option(
      '--force',
      'overwrite the files init writes when they exist (never a symbolic link, nor a Makefile init has nothing better for)',
    )
    .option('--dry-run', 'print the plan and write nothing')
    .addHelpText('after', INIT_HELP)
    .action(async (options: InitCliOptions) =>
      (await import('./init-command.js')).runInit(options, context),
    );
}

const INIT_HELP = `
Examples:
  abe init                          plan and write builder.ini, a contract,
                                    Makefiles and a workflow, here
  abe init --dry-run                show the plan, write nothing
  abe init --dir ../shop --force    replace the files init writes there

Environment:
${COLOUR_VARIABLES}

Exit codes: 0 written (or nothing to write), 2 not a directory, no project
found, a builder.ini that does not load, or a file that cannot be written.
Nothing is overwritten without --force. More: docs/init.md of the abe-ts
package.`;

function lintCommand(context: CliContext): Command {
  return new Command('lint')
    .summary('check ABE contract files')
    .description(
      'check ABE contract files: JSON syntax, duplicate keys, schema, urls, methods, statuses, bodies',
    )
    .argument(
      '[patterns...]',
      'files, directories (every *.json below) or quoted globs; default: the contracts builder.ini declares',
    )
    .addOption(
      new Option('-f, --format <format>', 'output format')
        .choices(['human', 'json', 'github'])
        .default('human'),
    )
    .option('--config <file>', 'builder.ini to read the declared contracts from, without patterns')
    .option('--strict', STRICT_HELP)
    .addHelpText('after', LINT_HELP)
    .action(async (patterns: string[], options: LintCliOptions) =>
      (await import('./lint-command.js')).runLint(patterns, options, context),
    );
}

// `abe mock`: declared by the mock-server work (issue 19); only this function is its to edit.
function mockCommand(context: CliContext): Command {
  return new Command('mock')
    .summary('serve contracts as a mock HTTP server, for consumers in any language')
    .description(
      'serve ABE contracts over HTTP with the engine mockFromAbe uses: each request gets the example that allows it, a request no example allows gets a 422 problem document and is recorded; with a command after --, run it against the mock and fail if it fails or broke the contracts',
    )
    .argument('[contracts...]', 'contract files, directories (every *.json below) or quoted globs')
    .option(
      '--component <name>',
      'add the contracts builder.ini declares for this component; repeatable',
      collect,
    )
    .option('--config <file>', 'builder.ini to read --component from (default: found upward)')
    .option('-p, --port <n>', 'port (default: 4010; a free one when running a command)')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--base-path <path>', 'serve the contracts under this path, e.g. /api')
    .option('--watch', 'reload contract files when they change, are added or deleted')
    .option('--cors', 'answer CORS preflights and allow every origin, for browsers')
    .option('--strict', STRICT_HELP)
    .addHelpText('after', MOCK_HELP)
    .action(async (operands: string[], options: MockCliOptions, command: Command) => {
      // Commander folds the words after `--` into the operands and drops the `--`; the raw
      // arguments the program parsed say where the wrapped command starts.
      const raw = (command.parent as unknown as { rawArgs?: string[] } | null)?.rawArgs ?? [];
      const separator = raw.indexOf('--', raw.indexOf('mock') + 1);
      const wrapped = separator === -1 ? [] : raw.slice(separator + 1);
      const contracts = operands.slice(0, operands.length - wrapped.length);
      await (await import('./mock-command.js')).runMock(contracts, wrapped, options, context);
    });
}

const MOCK_HELP = `
Examples:
  abe mock api/contracts            serve at http://127.0.0.1:4010 until Ctrl-C
  abe mock --component api --watch --cors -p 8080
                                    a browser app's backend, reloaded on edit
  abe mock api/contracts -- python3 -m unittest
                                    run the tests against the mock, at
                                    $ABE_MOCK_URL; fail if a request broke
                                    the contracts

Environment:
  ABE_MOCK_URL    set for the command after --: the mock's URL with the base
                  path, no trailing slash
  ABE_LEDGER_DIR, ABE_COMPONENT, ABE_ROOT
                  set by abe for each step: each answer and refusal by an
                  example is a line of the ledger (docs/ledger.md)
${COLOUR_VARIABLES}

Requests: the example that allows the request answers (header Abe-Example:
LABEL picks one); no example allows it: 422; no endpoint: 404; unknown
label: 400; each an application/problem+json document, recorded.

Admin API (never matched against the contracts, always at the root):
  GET /__abe/health                 {"status": "ok", "endpoints": N}
  GET /__abe/endpoints              the endpoints served, with their labels
  GET /__abe/violations             the requests that broke the contracts
  GET /__abe/used                   the examples that answered, with counts
  PUT /__abe/pins                   {"users/get.json": "not found"}: pin
  DELETE /__abe/pins                unpin every contract
  POST /__abe/reset                 forget violations, used examples, pins
  GET /__abe/problems               contract files --watch cannot load

Exit codes: 0 no request broke the contracts (and the command passed), 1 a
request broke them or the command failed, 2 a contract that does not load, a
port in use, bad flags, a command not found. More: docs/mock.md of the abe-ts
package.`;

// `abe verify`: declared by the verify work (issue 19); only this function is its to edit.
function verifyCommand(context: CliContext): Command {
  return (
    new Command('verify')
      .summary('verify a running provider, in any language, against its contracts')
      .description(
        'send every selected example to a running provider over HTTP and compare its answers, setting up provider states through a state endpoint',
      )
      // Short argument names: the longest command term sets the column of `abe --help`.
      .argument(
        '<url>',
        'base URL of the running provider, e.g. http://127.0.0.1:8000 (a path is kept)',
      )
      .argument('[paths...]', 'contract files, directories (every *.json below) or quoted globs')
      .option(
        '--component <name>',
        'verify the contracts builder.ini declares for this component; repeatable',
        collect,
      )
      .option('--config <file>', 'builder.ini to read for --component (default: found from here)')
      .option('--strict', STRICT_HELP)
      .option(
        '--only <id>',
        'run only examples whose <file>#<label> contains this text; repeatable',
        collect,
      )
      .option('--method <method>', 'run only examples with this method; repeatable or a,b', collect)
      .option(
        '--state-setup-url <url>',
        'POST {state, params, action} here to set up and tear down each provider state',
      )
      .option('--ignore-states', 'send examples that assume a state without setting it up')
      .option(
        '--header <header>',
        "'Name: value' added to every request, replacing the example's; never printed; repeatable",
        collect,
      )
      .option('--timeout <duration>', 'wait for each answer, e.g. 500ms, 10s, 2m (default: 10s)')
      .option(
        '--reporter <name[=file]>',
        'summary (default), json, junit or github; repeat or comma-separate for several, =FILE writes to a file',
        collect,
      )
      .addHelpText('after', VERIFY_HELP)
      .action(
        async (
          baseUrl: string,
          contracts: string[],
          options: import('./verify-command.js').VerifyCliOptions,
        ) => (await import('./verify-command.js')).runVerify(baseUrl, contracts, options, context),
      )
  );
}

const VERIFY_HELP = `
Examples:
  abe verify http://127.0.0.1:8000 contracts/
  abe verify http://127.0.0.1:8000/api --component shop-api \\
    --state-setup-url http://127.0.0.1:8000/_pact/state
  abe verify https://staging.example.com contracts/ --method GET \\
    --header "Authorization: Bearer $TOKEN" --reporter junit=reports/verify.xml

Environment:
  GITHUB_STEP_SUMMARY
                  where --reporter github appends the step summary
  ABE_LEDGER_DIR, ABE_COMPONENT, ABE_ROOT
                  set by abe for each step: each example run is a line of
                  the ledger (docs/ledger.md)
${COLOUR_VARIABLES}

Exit codes: 0 every selected example passed, 1 an example failed (a mismatch,
a timeout, a refused connection, a state endpoint that failed), 2 usage or
environment error (bad URL or flag, no contracts, a contract that does not
load, states without --state-setup-url). More: docs/verify.md of the abe-ts
package.`;

function affectedCommands(context: CliContext): Command[] {
  const affected = withSelectionOptions(
    new Command('affected')
      .summary('list the components a change affects, and why')
      .description(
        'list the components a change affects, and why: changed files since the merge-base with the base branch, global files, contracts whose meaning changed, downstream',
      ),
  )
    .addOption(new Option('--json', 'print the stable JSON document').conflicts('matrix'))
    .option('--matrix', 'print a GitHub Actions matrix: {"include":[{component,path}]}')
    .addHelpText('after', AFFECTED_HELP)
    .action(async (components: string[], options: AffectedOptions) =>
      (await import('./affected-command.js')).runAffected(components, options, context),
    );
  const discover = withSelectionOptions(
    new Command('discover')
      .summary('print the affected component names')
      .description('print the affected component names, one per line, in build order'),
  )
    .addHelpText('after', AFFECTED_HELP)
    .action(async (components: string[], options: SelectionOptions) =>
      (await import('./affected-command.js')).runDiscover(components, options, context),
    );
  return [affected, discover];
}

function withSelectionOptions(command: Command): Command {
  return command
    .argument('[components...]', 'select these components (and their downstream) instead')
    .option('--base <ref>', SELECTION_HELP.base)
    .option('--all', SELECTION_HELP.all)
    .option('--committed-only', SELECTION_HELP.committedOnly)
    .option('--exclude-downstream', SELECTION_HELP.excludeDownstream)
    .option(
      '--config <file>',
      'builder.ini to read (default: at the top of the git repository, else the nearest one upward)',
    )
    .option('--strict', STRICT_HELP);
}

function builderCommand(
  name: BuilderCommand,
  summary: string,
  description: string,
  context: CliContext,
): Command {
  return new Command(name)
    .summary(summary)
    .description(description)
    .argument(
      '[components...]',
      'run these components (and their downstream) instead of the affected ones',
    )
    .option('--all', 'run every component')
    .option('--base <ref>', SELECTION_HELP.base)
    .option('--committed-only', SELECTION_HELP.committedOnly)
    .option('--exclude-downstream', SELECTION_HELP.excludeDownstream)
    .option('-j, --jobs <n>', 'components to run at once (default: the number of CPUs)', parseJobs)
    .option(
      '--reporter <name[=file]>',
      'summary (default), json, junit or github; repeat or comma-separate for several, =FILE writes to a file',
      collect,
    )
    .option('--config <file>', 'builder.ini to read (default: found from the working directory)')
    .option('--strict', STRICT_HELP)
    .option(
      '--tag <tag>',
      'image tag, passed as DOCKER_TAG (default: $DOCKER_TAG, else the short sha, else dev)',
    )
    .option('--verbose', 'list every step in the summary, also in a big run')
    .addHelpText('after', BUILDER_HELP)
    .action(async (components: string[], options: BuilderCliOptions) => {
      const { runBuilderCommand } = await import('./run-builder-command.js');
      context.exitCode = await runBuilderCommand(name, components, options, context);
    });
}

// `abe coverage`: declared by the ledger work (issue 20).
function coverageCommand(context: CliContext): Command {
  return new Command('coverage')
    .summary('what the last run proved about each contract example')
    .description(
      'read the ledger of the last abe check or abe test (.abe/ledger): for each declared contract and example, whether a provider test verified it, which consumers used it, and the examples used but not verified, verified but never used, or neither',
    )
    .option('--json', 'print the stable JSON document')
    .option(
      '--write-usage',
      'write the usage lock (abe-usage.json, or [abe] usage-file) from the ledger of abe check --all',
    )
    .option('--config <file>', 'builder.ini to read (default: found upward)')
    .option('--strict', STRICT_HELP)
    .addHelpText('after', COVERAGE_HELP)
    .action(async (options: CoverageCliOptions) =>
      (await import('./coverage-command.js')).runCoverage(options, context),
    );
}

const COVERAGE_HELP = `
Examples:
  abe check && abe coverage         what the check's run proved, per example
  abe coverage --json > coverage.json
  abe check --all && abe coverage --write-usage
                                    write abe-usage.json, then commit it

Environment:
${COLOUR_VARIABLES}

Exit codes: 0 reported (the gate of abe check decides what fails), 2 no ledger
(run abe check or abe test first), --write-usage after a run that did not
select every component, a bad builder.ini or ledger. More: docs/ledger.md.`;

function deployCommand(context: CliContext): Command {
  return new Command('deploy')
    .summary('render, validate, apply, wait for and smoke-test a Kubernetes deployment')
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
    .option(
      '--kubectl-timeout <duration>',
      'limit of every other kubectl call (apply, diff, undo), e.g. 2m (overrides kubectl_timeout)',
    )
    .option(
      '--smoke-timeout <duration>',
      'limit of each smoke-test example, e.g. 30s (overrides smoke.timeout)',
    )
    .option('--json', 'print the deploy report as JSON on stdout (progress goes to stderr)')
    .option('--strict', STRICT_HELP)
    .addHelpText('after', DEPLOY_HELP)
    .action(async (options: DeployFlags) =>
      (await import('./deploy-command.js')).runDeploy(options, context),
    );
}

const DEPLOY_HELP = `
Steps: render templates/ (\${NAME} substituted in YAML string values only)
→ validate every object (Kubernetes schemas, selectors, namespaces)
→ kubectl apply static/ and the rendered templates (one stream on stdin)
→ kubectl rollout status for each Deployment, StatefulSet and DaemonSet
→ smoke test (examples with safe methods, GET by default)
→ one JSON line appended to the record file.
--context and --namespace come from the config and are passed on every call.

When a rollout fails (or the smoke test, with smoke.rollback: true), every
workload this deploy changed is rolled back with kubectl rollout undo; created
ones are listed, not deleted.

Examples:
  abe deploy -d deploy/production -t 1.4.2 --render-only /tmp/manifests
  abe deploy -d deploy/production -t 1.4.2 --diff
  abe deploy -d deploy/staging -t api=1.4.2 -t worker=2.0.0 \\
    --smoke https://staging.example.com

Environment:
  KUBECTL         the kubectl to run (default: kubectl on PATH)
  DOCKER_TAG      the tag of every component when --tag is not given
${COLOUR_VARIABLES}

Exit codes: 0 deployed (or rendered, or dry run passed), 1 deploy failed or a
manifest is invalid, 2 bad config, flags or template, or kubectl missing. The
config format is in docs/deploy.md of the abe-ts package.`;

/** Collects every value of a repeatable option, in order. */
function collect(value: string, previous: readonly string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function parseJobs(value: string): number {
  if (!/^[1-9][0-9]*$/.test(value)) {
    throw new InvalidArgumentError(
      `-j needs a whole number of components to run at once, e.g. -j 4; without -j, abe runs as many as there are CPUs (${availableParallelism()}).`,
    );
  }
  return Number(value);
}

function readVersion(): string {
  const file = new URL('../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}
