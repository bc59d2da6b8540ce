import { existsSync, lstatSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { CONFIG_FILE_NAME, loadConfig } from '../config/load-config.js';
import { AbeError } from '../core/abe-error.js';
import { displayPath } from '../core/display-path.js';
import { checkMakefile } from './check-makefile.js';
import { chooseProvider } from './choose-provider.js';
import { detectComponents, WHAT_INIT_LOOKS_FOR } from './detect-components.js';
import { MAKEFILE_NAMES } from './find-projects.js';
import { planCi } from './plan-ci.js';
import { planFile } from './plan-file.js';
import { readProject } from './read-project.js';
import { CONTRACTS_GLOB, renderBuilderIni } from './render-builder-ini.js';
import {
  EXAMPLE_CONTRACT,
  renderExampleContract,
  schemaReference,
} from './render-example-contract.js';
import { renderMakefile } from './render-makefile.js';
import { renderWorkflow, WORKFLOW_FILE } from './render-workflow.js';
import type { InitComponent, InitNote, InitPlan, PlannedFile, ProviderChoice } from './types.js';

export interface PlanInitOptions {
  /** Replace files init would write that exist (never links, directories or own Makefiles). */
  readonly force?: boolean;
  /** Messages show paths relative to it. Default: `process.cwd()`. */
  readonly cwd?: string;
}

/** Shared root files of a workspace: a change to one reruns every component. */
const WORKSPACE_FILES = [
  'package.json',
  'pnpm-workspace.yaml',
  'go.work',
  'tsconfig.json',
  'tsconfig.base.json',
];

/**
 * Everything `abe init` would do in `root`, as data, writing nothing: builder.ini made from
 * the project directories (or, when one exists and is kept, the components it declares), an
 * example contract for the component that looks most like an HTTP service, a Makefile for
 * each component without one, and a GitHub Actions workflow; each file with its action
 * (create, overwrite with `force`, skip, unchanged) and contents. Throws `usage` when `root`
 * is not a directory, or holds no project.
 *
 * @example
 * const plan = await planInit('/repo');
 * plan.files.map((file) => `${file.action} ${file.path}`); // ['create builder.ini', 'create api/contracts/example/get.json', …]
 */
export async function planInit(root: string, options: PlanInitOptions = {}): Promise<InitPlan> {
  const cwd = options.cwd ?? process.cwd();
  const force = options.force === true;
  checkDirectory(root, cwd);
  const scope = keepsConfig(root, force)
    ? await existingScope(root, cwd)
    : detectedScope(root, cwd, force);
  const contract =
    scope.provider === undefined ? undefined : contractPath(scope.components, scope.provider);
  const ci = planCi(root);
  const files = [
    scope.config,
    ...(contract === undefined || scope.provider === undefined
      ? []
      : [exampleContract(root, contract, scope.provider.component, force)]),
    ...scope.components.flatMap((component) => makefile(root, component, force)),
    ...(ci.kind === 'github' ? [workflow(root, scope.components, force)] : []),
  ];
  return {
    root,
    configSource: scope.source,
    components: scope.components,
    provider: scope.provider,
    contract,
    files,
    notes: [...scope.notes, ...makefileNotes(root, scope.components, files), ...ciNotes(ci)],
    ci,
    abeInstalled: readProject(root, '.').packageLinks.includes('abe-ts'),
  };
}

/** The components planned for, and where they come from. */
interface Scope {
  readonly source: InitPlan['configSource'];
  readonly config: PlannedFile;
  readonly components: readonly InitComponent[];
  readonly provider: ProviderChoice | undefined;
  readonly notes: readonly InitNote[];
}

function detectedScope(root: string, cwd: string, force: boolean): Scope {
  const detected = detectComponents(root);
  if (detected.components.length === 0) {
    const left = detected.notes.filter((note) => note.code === 'path-not-writable');
    throw new AbeError(
      'usage',
      `no project found in ${displayPath(root, cwd)}: abe init looks for ${WHAT_INIT_LOOKS_FOR}.${left.length > 0 ? ` ${left.map((note) => note.message).join(' ')}` : ''}`,
      {
        hint: 'Run abe init at the top of your repository (or pass --dir with its path). To declare components by hand instead, write builder.ini as in docs/affected.md.',
      },
    );
  }
  const provider = chooseProvider(detected.components);
  const globalFiles = detected.workspaceRoot
    ? WORKSPACE_FILES.filter((file) => existsSync(join(root, file)))
    : [];
  const text = renderBuilderIni({
    components: detected.components,
    provider: provider?.component,
    globalFiles,
  });
  return {
    source: 'detected',
    config: planFile(root, CONFIG_FILE_NAME, 'config', text, { force }),
    components: detected.components,
    provider,
    notes: detected.notes,
  };
}

/** builder.ini exists and stays: without `force`, or when it is no regular file to replace. */
function keepsConfig(root: string, force: boolean): boolean {
  let stats: ReturnType<typeof lstatSync>;
  try {
    stats = lstatSync(join(root, CONFIG_FILE_NAME));
  } catch {
    return false;
  }
  return !force || !stats.isFile();
}

async function existingScope(root: string, cwd: string): Promise<Scope> {
  const file = join(root, CONFIG_FILE_NAME);
  const config = await loadConfig(file, { cwd }).catch((error: unknown) => {
    throw new AbeError(
      'usage',
      `${displayPath(file, cwd)} exists but does not load: ${error instanceof Error ? error.message : String(error)}`,
      {
        hint: 'Fix it and run abe init again, or run abe init --force to replace it with one made from the directories.',
        cause: error,
      },
    );
  });
  const components = config.components.map(
    (component): InitComponent => ({
      name: component.name,
      path: component.path,
      ...readProject(root, component.path),
      upstream: component.upstream,
      steps: component.steps,
    }),
  );
  const declared = config.components.some((component) => component.contracts.length > 0);
  const provider = declared ? undefined : chooseProvider(components);
  const notes: InitNote[] = [
    {
      code: 'config-kept',
      path: CONFIG_FILE_NAME,
      message:
        provider === undefined
          ? `${CONFIG_FILE_NAME} exists: init keeps it and plans for the ${components.length} components it declares.`
          : `${CONFIG_FILE_NAME} exists: init keeps it and plans for the ${components.length} components it declares. Add \`contracts = ${CONTRACTS_GLOB}\` under [${provider.component}] so abe lints the example contract and reruns ${provider.component}'s consumers when it changes.`,
    },
  ];
  return {
    source: 'existing',
    config: {
      path: CONFIG_FILE_NAME,
      role: 'config',
      action: 'skip',
      skipReason: lstatSync(file).isSymbolicLink() ? 'symbolic-link' : 'exists',
      contents: readFileSync(file, 'utf8'),
    },
    components,
    provider,
    notes,
  };
}

function contractPath(components: readonly InitComponent[], provider: ProviderChoice): string {
  const path = components.find((component) => component.name === provider.component)?.path ?? '.';
  return posix.join(path, EXAMPLE_CONTRACT);
}

function exampleContract(
  root: string,
  path: string,
  component: string,
  force: boolean,
): PlannedFile {
  const text = renderExampleContract(component, schemaReference(root, path));
  return planFile(root, path, 'contract', text, { force });
}

/**
 * The Makefile of a component abe runs make in. An existing one is named as make would read
 * it (GNUmakefile, makefile, Makefile); when init has no tooling to call, it stays even with
 * `force`: a placeholder is never better than the component's own.
 */
function makefile(root: string, component: InitComponent, force: boolean): PlannedFile[] {
  if (component.steps.length === 0) return [];
  const name =
    MAKEFILE_NAMES.find((candidate) => existsSync(join(root, component.path, candidate))) ??
    'Makefile';
  const path = posix.join(component.path, name);
  const text = renderMakefile(component.name, component.tooling);
  const planned = planFile(root, path, 'makefile', text, { force });
  const { tooling } = component;
  if (
    tooling.kind === 'none' &&
    (planned.action === 'overwrite' || planned.skipReason === 'exists')
  ) {
    return [{ ...planned, action: 'skip', skipReason: 'own-makefile', tooling }];
  }
  return [{ ...planned, tooling }];
}

function workflow(root: string, components: readonly InitComponent[], force: boolean): PlannedFile {
  const kinds = new Set(components.map((component) => component.tooling.kind));
  const otherLanguages = [
    ...(kinds.has('python') ? ['Python'] : []),
    ...(kinds.has('go') ? ['Go'] : []),
  ];
  return planFile(root, WORKFLOW_FILE, 'workflow', renderWorkflow({ otherLanguages }), { force });
}

/** What the Makefiles init keeps lack for abe: a rule for a step, or `.PHONY`. */
function makefileNotes(
  root: string,
  components: readonly InitComponent[],
  files: readonly PlannedFile[],
): InitNote[] {
  return components.flatMap((component) => {
    const kept = files.find(
      (file) =>
        file.role === 'makefile' &&
        file.action === 'skip' &&
        posix.dirname(file.path) === component.path,
    );
    if (kept === undefined || kept.skipReason === 'not-a-file') return [];
    let text: string;
    try {
      text = readFileSync(join(root, kept.path), 'utf8');
    } catch {
      return [];
    }
    const gaps = checkMakefile(text, component.steps);
    if (gaps === undefined) return [];
    const notes: InitNote[] = [];
    if (gaps.missing.length > 0) {
      notes.push({
        code: 'makefile-targets',
        path: kept.path,
        message: `${kept.path} has no rule for ${gaps.missing.join(' or ')}: abe runs \`make ${gaps.missing.join('` and `make ')}\` in ${component.name}. Add the target, or list the steps it has with steps= in builder.ini.`,
      });
    }
    if (gaps.notPhony.length > 0) {
      notes.push({
        code: 'makefile-targets',
        path: kept.path,
        message: `${kept.path} does not declare ${gaps.notPhony.join(' and ')} .PHONY: a file or directory of that name (a test/ folder) makes make do nothing, which abe reports as a failure. Add \`.PHONY: ${gaps.notPhony.join(' ')}\`.`,
      });
    }
    return notes;
  });
}

function ciNotes(ci: InitPlan['ci']): InitNote[] {
  if (ci.kind === 'other') {
    return [
      {
        code: 'ci-other',
        path: ci.systems[0]?.file ?? '.',
        message: `${ci.systems.map((system) => `${system.name} (${system.file})`).join(', ')} found and no .github directory: no GitHub Actions workflow written.`,
      },
    ];
  }
  if (ci.kind === 'not-top') {
    return [
      {
        code: 'ci-not-top',
        message: `this directory is not the top of its git repository (${ci.top}), where GitHub reads workflows: no workflow written. Run \`npx abe check\` from this directory in your CI job.`,
      },
    ];
  }
  return [];
}

function checkDirectory(root: string, cwd: string): void {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(root).isDirectory();
  } catch {
    throw new AbeError('usage', `${displayPath(root, cwd)} does not exist.`, {
      hint: 'Run abe init at the top of your repository, or pass its path with --dir.',
    });
  }
  if (!isDirectory) {
    throw new AbeError('usage', `${displayPath(root, cwd)} is not a directory.`, {
      hint: 'Pass the repository directory with --dir, not a file in it.',
    });
  }
}
