import type { BuilderConfig } from './types.js';

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
