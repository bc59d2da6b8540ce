import type { BuilderConfig, Component } from './types.js';

/**
 * Variables abe never hands to `make`: the token it uses for the GitHub API must not end up in
 * a log file because a Makefile ran `env`. Pass a token a build needs under another name.
 */
const WITHHELD = new Set(['GITHUB_TOKEN']);

/**
 * The image name of a component: `<registry>/<name>`, or `<name>` when the config sets no registry.
 *
 * @example
 * imageName({ registry: 'ghcr.io/acme' } as BuilderConfig, 'api') // 'ghcr.io/acme/api'
 */
export function imageName(config: Pick<BuilderConfig, 'registry'>, component: string): string {
  const registry = config.registry?.replace(/\/+$/, '');
  return registry === undefined || registry === '' ? component : `${registry}/${component}`;
}

/**
 * The variable that carries an upstream's image reference: the component name upper-cased, every
 * run of other characters turned into `_`, then `_IMAGE`.
 *
 * @example
 * imageVariable('ployst-api') // 'PLOYST_API_IMAGE'
 */
export function imageVariable(component: string): string {
  const stem = component
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return `${/^[0-9]/.test(stem) ? `_${stem}` : stem}_IMAGE`;
}

export interface ComponentEnvOptions {
  /** The image tag of this run (`--tag`, `$DOCKER_TAG`, or the short sha). */
  readonly tag: string;
  /** The environment to inherit. Default: `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * The environment `make` runs with for one component: the inherited environment (without
 * `GITHUB_TOKEN`), one `<UPSTREAM>_IMAGE=<image>:<tag>` per direct upstream, then `NAME`,
 * `DOCKER_IMAGE` and `DOCKER_TAG`, which win over an upstream variable of the same name.
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
  ]);
}
