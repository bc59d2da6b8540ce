import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { didYouMean } from '../core/did-you-mean.js';
import { assignTemplates, listYamlFiles } from './assign-templates.js';
import type { DeployComponent, DeployConfig, VariableValue } from './deploy-config.js';
import type { Manifest, RenderProblem } from './manifest.js';
import { renderManifests } from './render-manifests.js';

export interface RenderedTemplates {
  readonly manifests: Manifest[];
  readonly problems: RenderProblem[];
  readonly files: { relativePath: string; text: string }[];
}

/**
 * Renders every template file of the config with its component's variables.
 *
 * @example
 * const { manifests, problems } = await renderTemplates(config, tags, variables, (p) => p);
 */
export async function renderTemplates(
  config: DeployConfig,
  tags: ReadonlyMap<string, string>,
  variables: ReadonlyMap<string, VariableValue>,
  shown: (path: string) => string,
): Promise<RenderedTemplates> {
  const result: RenderedTemplates = { manifests: [], problems: [], files: [] };
  // The loader falls back to `<dir>/templates` without requiring it to exist (a deployment may
  // have static manifests only), so this check is what keeps a missing default directory from
  // failing in assignTemplates.
  if (!(await exists(config.templatesDir))) return result;
  const byImageVariable = new Map(config.components.map((c) => [c.imageVariable, c]));
  for (const template of await assignTemplates(config)) {
    const { component } = template;
    const path = join(config.templatesDir, template.path);
    const file = shown(path);
    const reference = (c: DeployComponent): string | undefined => {
      const tag = tags.get(c.name);
      return c.image === undefined || tag === undefined ? undefined : `${c.image}:${tag}`;
    };
    const rendered = renderManifests(await readFile(path, 'utf8'), {
      file,
      relativePath: template.path,
      source: 'template',
      component: component.name,
      lookup: (name) => {
        if (name === 'DOCKER_TAG') return tags.get(component.name);
        if (name === 'DOCKER_IMAGE') return reference(component);
        const owner = byImageVariable.get(name);
        if (owner !== undefined) return reference(owner);
        return component.templateArgs.includes(name) ? variables.get(name) : undefined;
      },
      explain: (name) => explainMissing(name, component, config, byImageVariable, tags),
    });
    result.manifests.push(...rendered.manifests);
    result.problems.push(...rendered.problems);
    result.files.push({ relativePath: template.path, text: rendered.text });
  }
  return result;
}

/**
 * Reads the static manifests as written (no substitution).
 *
 * @example
 * const { manifests } = await readStaticManifests(config, (p) => p);
 */
export async function readStaticManifests(
  config: DeployConfig,
  shown: (path: string) => string,
): Promise<{ manifests: Manifest[]; problems: RenderProblem[] }> {
  const result = { manifests: [] as Manifest[], problems: [] as RenderProblem[] };
  if (config.staticDir === undefined) return result;
  for (const relativePath of await listYamlFiles(config.staticDir, true)) {
    const path = join(config.staticDir, relativePath);
    const read = renderManifests(await readFile(path, 'utf8'), {
      file: shown(path),
      relativePath,
      source: 'static',
    });
    result.manifests.push(...read.manifests);
    result.problems.push(...read.problems);
  }
  return result;
}

function explainMissing(
  name: string,
  component: DeployComponent,
  config: DeployConfig,
  byImageVariable: ReadonlyMap<string, DeployComponent>,
  tags: ReadonlyMap<string, string>,
): string {
  const imageOwner = name === 'DOCKER_IMAGE' ? component : byImageVariable.get(name);
  if (name === 'DOCKER_TAG' || (imageOwner !== undefined && imageOwner.image !== undefined)) {
    const who = imageOwner ?? component;
    if (!tags.has(who.name)) {
      return `No image tag for component "${who.name}": pass --tag TAG (or --tag ${who.name}=TAG), or set DOCKER_TAG.`;
    }
  }
  if (imageOwner !== undefined && imageOwner.image === undefined) {
    return `Component "${imageOwner.name}" has no image: set components.${imageOwner.name}.image, or a registry.`;
  }
  if (config.variables.has(name)) {
    return `Variable "${name}" is declared but not in components.${component.name}.template_args; add it there to let this template use it.`;
  }
  const allowed = [
    'DOCKER_TAG',
    'DOCKER_IMAGE',
    ...byImageVariable.keys(),
    ...component.templateArgs,
    ...config.variables.keys(),
  ];
  return `It is not a declared variable for component "${component.name}".${didYouMean(name, allowed)} Declare it under "variables" and list it in components.${component.name}.template_args, or write $\${${name}} for a literal "\${${name}}".`;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}
