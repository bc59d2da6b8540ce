import { join, posix } from 'node:path';
import { displayPath } from '../core/display-path.js';
import { CONTRACTS_GLOB } from './render-builder-ini.js';
import type { FileAction, InitPlan, PlannedFile, ProviderReason, Tooling } from './types.js';

export interface FormatInitOptions {
  /** Paths are shown relative to it. */
  readonly cwd: string;
  readonly color?: boolean;
}

/**
 * The plan as the user reads it before anything is written: the components (with their
 * project files and upstream), where the example contract goes and why, each file with its
 * action, and the notes.
 *
 * @example
 * formatInitPlan(plan, { cwd: '/repo' });
 * // 'abe init in /repo\n\nComponents (2, from the directories):\n  api  api  package.json …'
 */
export function formatInitPlan(plan: InitPlan, { cwd, color = false }: FormatInitOptions): string {
  const show = (path: string): string => displayPath(join(plan.root, path), cwd);
  const lines = [`abe init in ${displayPath(plan.root, cwd)}`, ''];
  const source = plan.configSource === 'existing' ? 'from builder.ini' : 'from the directories';
  lines.push(`Components (${plan.components.length}, ${source}):`);
  lines.push(
    ...table(
      plan.components.map((component) => [
        component.name,
        show(component.path),
        [
          component.markers.join(', ') || 'no project file',
          ...(component.upstream.length > 0 ? [`after ${component.upstream.join(', ')}`] : []),
        ].join('; '),
      ]),
    ),
  );
  if (plan.provider !== undefined && plan.contract !== undefined) {
    lines.push(
      '',
      `Example contract for ${plan.provider.component}, ${providerReason(plan.provider.reason)}.`,
    );
  }
  lines.push('', 'Files:');
  lines.push(
    ...table(
      plan.files.map((file) => [
        paint(file.action, color),
        show(file.path),
        fileDetail(file, plan.configSource),
      ]),
    ),
  );
  if (plan.notes.length > 0) {
    lines.push('', 'Notes:', ...plan.notes.map((note) => wrap(`- ${note.message}`, '  ', '    ')));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The line after the plan: what was written (and overwritten), or with `dryRun` what would be.
 *
 * @example
 * formatInitOutcome(plan, { cwd: '/repo', dryRun: false }); // 'Wrote 5 files.\n'
 */
export function formatInitOutcome(
  plan: InitPlan,
  { cwd, dryRun }: { readonly cwd: string; readonly dryRun: boolean },
): string {
  const writes = plan.files.filter(
    (file) => file.action === 'create' || file.action === 'overwrite',
  );
  const overwritten = writes
    .filter((file) => file.action === 'overwrite')
    .map((file) => displayPath(join(plan.root, file.path), cwd));
  const count = `${writes.length} file${writes.length === 1 ? '' : 's'}`;
  const replacing = overwritten.length === 0 ? '' : `, overwriting ${overwritten.join(', ')}`;
  if (dryRun) {
    return writes.length === 0
      ? 'Dry run: nothing would be written; every file is already there.\n'
      : `Dry run: nothing written. Without --dry-run, abe init would write ${count}${replacing}.\n`;
  }
  if (writes.length === 0) return 'Nothing to write: every file is already there.\n';
  return `Wrote ${count}${overwritten.length === 0 ? '' : ` (overwrote ${overwritten.join(', ')})`}.\n`;
}

/**
 * What to do after init, numbered, for this plan: install abe-ts, write the contracts, fill
 * in builder.ini and the placeholder recipes, add the provider and consumer tests, run
 * `abe check`, and wire CI.
 *
 * @example
 * formatNextSteps(plan, { cwd: '/repo' }); // 'Next steps:\n  1. Install abe-ts …'
 */
export function formatNextSteps(plan: InitPlan, { cwd }: { readonly cwd: string }): string {
  const show = (path: string): string => displayPath(join(plan.root, path), cwd);
  const provider = plan.provider?.component;
  const steps: string[] = [];
  if (!plan.abeInstalled) {
    steps.push(
      'Install abe-ts at the root, where CI runs `npm ci` and `npx abe`: `npm install --save-dev abe-ts` (and msw, vitest or jest for the tests).',
    );
  }
  if (provider !== undefined && plan.contract !== undefined) {
    steps.push(contractStep(plan, provider, plan.contract, show));
  }
  if (plan.components.length > 1) {
    const consumes =
      provider === undefined ? '`consumes =` the provider' : `\`consumes = ${provider}\``;
    steps.push(
      `In builder.ini, add ${consumes} under each component whose tests stub its contracts, and \`downstream =\` under a component others build on (integration tests after the services, say): abe reruns them when it changes.`,
    );
  }
  const placeholders = plan.files.filter(
    (file) => file.role === 'makefile' && file.tooling?.kind === 'none' && file.action !== 'skip',
  );
  if (placeholders.length > 0) {
    steps.push(
      `Write the build and test recipes of ${placeholders.map((file) => show(file.path)).join(', ')}: the placeholders fail until you do.`,
    );
  }
  if (provider !== undefined) {
    steps.push(
      `Prove that ${provider} answers as its contracts say, in its tests: \`configure({ root: <its contracts directory> })\`, then \`await verifyProvider(app, '.')\`, from abe-ts/provider (an Express, Fastify, Koa or fetch app in-process; a running service in any language by its base URL).`,
      `Stub ${provider} in the tests of its consumers: \`setupServer(...mockFromAbe(<its contracts directory>, { baseUrl }))\`, from abe-ts/msw; a request no example allows fails the test.`,
    );
  }
  steps.push(
    'Run `npx abe check --all`: it lints the contracts, then runs `make build` and `make test` in every component, in dependency order.',
  );
  steps.push(ciStep(plan, show));
  const numbered = steps.map((step, index) => wrap(`${index + 1}. ${step}`, '  ', '     '));
  return `Next steps:\n${numbered.join('\n')}\nMore: node_modules/abe-ts/docs/init.md\n`;
}

function contractStep(
  plan: InitPlan,
  provider: string,
  contract: string,
  show: (path: string) => string,
): string {
  const folder = show(posix.dirname(posix.dirname(contract)));
  const declare =
    plan.configSource === 'existing'
      ? ` Declare them in builder.ini: \`contracts = ${CONTRACTS_GLOB}\` under [${provider}].`
      : '';
  const guess =
    plan.provider?.reason.kind === 'framework'
      ? ''
      : ` (init guessed ${provider}: if another component serves HTTP, move the contracts there, and the contracts= line with them.)`;
  return `Describe the endpoints of ${provider} as ABE contracts in ${folder}, one file per endpoint, in place of the example ${show(contract)} (the format: node_modules/abe-ts/spec/README.md), and check them with \`npx abe lint\`.${declare}${guess}`;
}

/** Width of the wrapped next steps and notes: within a terminal, and an 80-column log. */
const WIDTH = 88;

/**
 * Text wrapped at {@link WIDTH} columns, the first line after `first`, the others after
 * `rest`. A `code span` is never broken, so a command stays whole to copy.
 */
function wrap(text: string, first: string, rest: string): string {
  const lines: string[] = [];
  let line = first;
  for (const word of text.match(/`[^`]*`\S*|\S+/g) ?? []) {
    const start = line === first || line === rest;
    if (!start && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = rest + word;
    } else {
      line += start ? word : ` ${word}`;
    }
  }
  lines.push(line);
  return lines.join('\n');
}

function ciStep(plan: InitPlan, show: (path: string) => string): string {
  const { ci } = plan;
  if (ci.kind === 'github') {
    const workflow = plan.files.find((file) => file.role === 'workflow');
    return `Commit and open a pull request: ${workflow === undefined ? 'the workflow' : show(workflow.path)} runs \`abe check\` on it, for the components the change can break.`;
  }
  if (ci.kind === 'not-top') {
    return `In CI, run \`npx abe check\` in ${show('.')} with the whole git history (a shallow clone stops abe with exit 2).`;
  }
  const names = new Set(ci.systems.map((system) => system.name));
  const parts = [
    'In CI, run `npx abe check` with the whole git history (a shallow clone stops abe with exit 2)',
  ];
  if (names.has('GitLab CI')) parts.push('on GitLab CI, set `GIT_DEPTH: 0` in the job');
  if (names.has('CircleCI')) {
    parts.push('on CircleCI, pass `--base << pipeline.git.base_revision >>`');
  }
  return `${parts.join('; ')}. Recipes: examples/shop/ci in the abe-ts repository.`;
}

function providerReason(reason: ProviderReason): string {
  switch (reason.kind) {
    case 'framework':
      return `which depends on ${reason.framework}`;
    case 'name':
      return 'whose name says it is a service (no component depends on a known HTTP framework)';
    case 'first':
      return 'the first component (none depends on a known HTTP framework or is named like a service)';
  }
}

const TOOLING: Readonly<Record<Tooling['kind'], string>> = {
  npm: 'npm run build --if-present, npm test',
  python: 'python: compileall, then',
  go: 'go build ./..., go test ./...',
  none: 'placeholders that fail until you write build and test',
};

function fileDetail(file: PlannedFile, source: InitPlan['configSource']): string {
  if (file.action === 'skip') {
    switch (file.skipReason) {
      case 'exists':
        return source === 'existing' && file.role === 'config'
          ? 'exists: its components are used (--force replaces it with one made from the directories)'
          : 'exists (--force replaces it)';
      case 'symbolic-link':
        return 'a symbolic link: init never writes through one';
      case 'not-a-file':
        return 'not a regular file';
      case 'own-makefile':
        return "the component's own Makefile, kept";
      default:
        return '';
    }
  }
  if (file.action === 'unchanged') return 'already as init writes it';
  const tooling = file.role === 'makefile' ? file.tooling : undefined;
  if (tooling === undefined) return '';
  return tooling.kind === 'python' ? `${TOOLING.python} ${tooling.tests}` : TOOLING[tooling.kind];
}

const COLORS: Readonly<Record<FileAction, number>> = {
  create: 32,
  overwrite: 33,
  unchanged: 2,
  skip: 2,
};

function paint(action: FileAction, color: boolean): string {
  return color ? `\u001b[${COLORS[action]}m${action}\u001b[0m` : action;
}

/** Rows as aligned columns, indented by two spaces; the last column is not padded. */
function table(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, index) => {
      widths[index] = Math.max(widths[index] ?? 0, visibleLength(cell));
    });
  }
  return rows.map((row) =>
    `  ${row
      .map((cell, index) =>
        index === row.length - 1
          ? cell
          : cell + ' '.repeat((widths[index] ?? 0) - visibleLength(cell)),
      )
      .join('  ')}`.trimEnd(),
  );
}

function visibleLength(text: string): number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: colour codes take no column
  return text.replace(/\u001b\[[0-9;]*m/g, '').length;
}
