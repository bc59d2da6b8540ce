import { imageName, imageVariable } from '../config/image-name.js';
import type { BuilderConfig, Component } from '../config/types.js';
import { COMPONENT_VARIABLE, LEDGER_DIR_VARIABLE, ROOT_VARIABLE } from '../ledger/ledger-entry.js';

/**
 * Variables abe never hands to `make`: the token it uses for the GitHub API must not end up in
 * a log file because a Makefile ran `env`. Pass a token a build needs under another name.
 */
const WITHHELD = new Set(['GITHUB_TOKEN']);

export interface ComponentEnvOptions {
  /** The image tag of this run (`--tag`, `$DOCKER_TAG`, or the short sha). */
  readonly tag: string;
  /** The environment to inherit. Default: `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * Where the step records its verifications and mocked uses: sets `ABE_LEDGER_DIR`,
   * `ABE_COMPONENT` and `ABE_ROOT`. Absent (release, tag, `ABE_LEDGER=off`): none are set.
   */
  readonly ledger?: { readonly dir: string; readonly root: string } | undefined;
}

/**
 * The environment `make` runs with for one component: the inherited environment (without
 * `GITHUB_TOKEN`), one `<UPSTREAM>_IMAGE=<image>:<tag>` per direct upstream, then `NAME`,
 * `DOCKER_IMAGE` and `DOCKER_TAG`, which win over an upstream variable of the same name, and
 * the ledger's variables when the run records one.
 *
 * @example
 * componentEnv(config, api, { tag: '1f3e2d1' }).DOCKER_IMAGE // 'registry/api'
 */
export function componentEnv(
  config: Pick<BuilderConfig, 'registry'>,
  component: Pick<Component, 'name' | 'upstream'>,
  options: ComponentEnvOptions,
): Record<string, string> {
  const inherited = Object.entries(options.env ?? process.env).filter(
    (entry): entry is [string, string] => entry[1] !== undefined && !WITHHELD.has(entry[0]),
  );
  const upstream = component.upstream.map(
    (name) => [imageVariable(name), `${imageName(config, name)}:${options.tag}`] as const,
  );
  return Object.fromEntries([
    ...inherited,
    ...upstream,
    ['NAME', component.name],
    ['DOCKER_IMAGE', imageName(config, component.name)],
    ['DOCKER_TAG', options.tag],
    ...(options.ledger === undefined
      ? []
      : [
          [LEDGER_DIR_VARIABLE, options.ledger.dir],
          [COMPONENT_VARIABLE, component.name],
          [ROOT_VARIABLE, options.ledger.root],
        ]),
  ]);
}
