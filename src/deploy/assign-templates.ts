import { glob } from 'glob';
import { AbeError } from '../core/abe-error.js';
import type { DeployComponent, DeployConfig } from './deploy-config.js';

/** A template file and the component it belongs to. */
export interface TemplateFile {
  /** Relative to the templates directory, POSIX separators. */
  readonly path: string;
  readonly component: DeployComponent;
}

/**
 * Lists the YAML files of a directory (recursively), sorted, relative to it.
 *
 * @example
 * await listYamlFiles('operations/production/static') // ['configmap.yaml', 'namespace.yaml']
 */
export async function listYamlFiles(dir: string, json = false): Promise<string[]> {
  const files = await glob(json ? '**/*.{yaml,yml,json}' : '**/*.{yaml,yml}', {
    cwd: dir,
    nodir: true,
    posix: true,
  });
  return files.sort();
}

/**
 * Gives every template file to exactly one component (by the components' `templates` globs).
 * A file no component claims, a file two components claim, and an explicit glob that matches
 * nothing are config errors: each would deploy something other than what the config says.
 *
 * @example
 * const files = await assignTemplates(config); // [{ path: 'api.yaml', component: { name: 'api', … } }]
 */
export async function assignTemplates(config: DeployConfig): Promise<TemplateFile[]> {
  const all = await listYamlFiles(config.templatesDir);
  const owner = new Map<string, DeployComponent>();
  const problems: string[] = [];
  for (const component of config.components) {
    const matched = (
      await glob([...component.templates], { cwd: config.templatesDir, nodir: true, posix: true })
    ).filter((file) => /\.ya?ml$/.test(file));
    if (matched.length === 0 && component.templatesListed) {
      problems.push(
        `components.${component.name}.templates (${component.templates.join(', ')}) matches no .yaml file in ${config.templatesDir}.`,
      );
    }
    for (const file of matched) {
      const other = owner.get(file);
      if (other !== undefined && other !== component) {
        problems.push(
          `template "${file}" is claimed by both "${other.name}" and "${component.name}"; list it under one component.`,
        );
      } else {
        owner.set(file, component);
      }
    }
  }
  for (const file of all) {
    if (!owner.has(file)) {
      problems.push(
        `template "${file}" belongs to no component; list it in components.<name>.templates (or move it to the static directory if it has no placeholders).`,
      );
    }
  }
  if (problems.length > 0) {
    throw new AbeError(
      'deploy.config',
      problems.length === 1
        ? (problems[0] as string)
        : `${problems.length} problems assigning templates:\n${problems.map((p) => `  ${p}`).join('\n')}`,
      { file: config.shownFile },
    );
  }
  // Config order first (a database before the API that needs it), then file order.
  return config.components.flatMap((component) =>
    all.filter((path) => owner.get(path) === component).map((path) => ({ path, component })),
  );
}
