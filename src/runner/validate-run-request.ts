import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BuilderConfig, Component } from '../config/types.js';
import { AbeError } from '../core/abe-error.js';
import { didYouMean } from '../core/did-you-mean.js';
import { DOCKER_TAG_RULE, isDockerTag } from '../core/is-docker-tag.js';
import type { StepAction } from './step-action.js';
import { unlistedStepNote } from './unlisted-step-note.js';

/** What a run is asked to do, as `runComponents` gets it. */
export interface RunRequest {
  /** Names of the components to run. */
  readonly components: readonly string[];
  /** Steps run for each component. */
  readonly steps: readonly string[];
  readonly concurrency: number;
  /** The image tag, `DOCKER_TAG`; checked when given. */
  readonly tag?: string | undefined;
  /** Actions of the steps that are not plain make targets (`release`, `tag`). */
  readonly actions?: Readonly<Record<string, StepAction>> | undefined;
}

/** The names GNU make looks for in a directory, in its order. */
const MAKEFILE_NAMES = ['GNUmakefile', 'makefile', 'Makefile'] as const;

/**
 * Checks a run request before anything starts, so that a bad one runs nothing: `-j` must be a
 * whole number of at least 1; the tag must follow Docker's tag grammar, as Makefiles paste it
 * into shell recipes (`docker build -t $(DOCKER_IMAGE):$(DOCKER_TAG)`); every name must be a
 * component of the config (the error suggests the nearest one); and every component this run
 * runs make in must have a Makefile, or make's own "No rule to make target" would fail it
 * halfway through the run.
 *
 * @example
 * validateRunRequest(config, { components: ['api', 'ui'], steps: ['build'], concurrency: 4 });
 * // throws AbeError 'usage', 'config.unknown-component' or 'config.invalid'
 */
export function validateRunRequest(config: BuilderConfig, request: RunRequest): void {
  const { concurrency } = request;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new AbeError('usage', `-j must be a whole number of at least 1, not "${concurrency}".`);
  }
  if (request.tag !== undefined && !isDockerTag(request.tag)) {
    throw new AbeError(
      'usage',
      `the image tag ${JSON.stringify(request.tag)} is not a valid image tag: ${DOCKER_TAG_RULE}.`,
    );
  }
  const names = new Set(config.components.map((component) => component.name));
  const wanted = new Set(request.components);
  for (const name of wanted) {
    if (!names.has(name)) {
      throw new AbeError(
        'config.unknown-component',
        `"${name}" is not a component of ${config.file}.${didYouMean(name, names.keys())}`,
        { hint: `Components: ${[...names].join(', ')}.` },
      );
    }
  }
  const missing = config.components
    .filter((component) => wanted.has(component.name))
    .map((component) => ({ component, steps: stepsNeedingMake(component, request) }))
    .filter(({ component, steps }) => steps.length > 0 && !hasMakefile(config, component));
  if (missing.length > 0) throw noMakefile(config, missing);
}

/**
 * The steps of the run that run make in the component: a make target it lists in `steps=`
 * (any step without an action of its own is one), and `release` with `release-process=custom`.
 */
function stepsNeedingMake(component: Component, request: RunRequest): string[] {
  return request.steps.filter((step) => {
    if (unlistedStepNote(component, step) !== null) return false;
    if (request.actions?.[step] === undefined) return true;
    return step === 'release' && component.releaseProcess === 'custom';
  });
}

function hasMakefile(config: BuilderConfig, component: Component): boolean {
  const directory = join(config.root, component.path);
  return MAKEFILE_NAMES.some((name) => existsSync(join(directory, name)));
}

function noMakefile(
  config: BuilderConfig,
  missing: readonly { component: Component; steps: readonly string[] }[],
): AbeError {
  const problems = missing.map(({ component, steps }) => {
    const directory = component.path === '.' ? 'the repository root' : `${component.path}/`;
    const makefile = component.path === '.' ? 'Makefile' : `${component.path}/Makefile`;
    const section = `its [${component.name}] section of ${config.file}`;
    const fixes = [
      `add ${makefile} with ${steps.length === 1 ? 'the target' : 'the targets'} ${steps.join(' and ')}, declared phony (.PHONY: ${steps.join(' ')})`,
      ...(steps.some((step) => step !== 'release')
        ? [
            `list the steps it has in ${section} (steps=build, steps=test, or steps=none for a component with no Makefile)`,
          ]
        : []),
      ...(steps.includes('release') ? [`set release-process to docker or none in ${section}`] : []),
    ];
    return {
      what: `component "${component.name}" has no Makefile: this run runs make in ${directory} for ${steps.join(' and ')}, and ${directory} holds no GNUmakefile, makefile or Makefile`,
      fix: `${fixes.join(', or ')}.`,
    };
  });
  const [only] = problems;
  if (problems.length === 1 && only !== undefined) {
    return new AbeError('config.invalid', `${only.what}.`, { hint: capitalise(only.fix) });
  }
  return new AbeError(
    'config.invalid',
    `${problems.length} components have no Makefile, and this run runs make in each:\n${problems
      .map(({ what, fix }) => `- ${what}. ${capitalise(fix)}`)
      .join('\n')}`,
  );
}

function capitalise(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
