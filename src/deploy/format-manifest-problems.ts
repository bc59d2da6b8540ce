import type { RenderProblem } from './manifest.js';
import { type ManifestProblem, pathText } from './validate-manifests.js';

/**
 * One line per problem: `file:line: document N, spec.replicas: must be integer.`
 *
 * @example
 * formatManifestProblems(problems) // '  templates/api.yaml:9: document 1, spec.replicas: must be integer.'
 */
export function formatManifestProblems(problems: readonly ManifestProblem[]): string {
  return problems
    .map(
      (p) =>
        `  ${p.file}${p.line === undefined ? '' : `:${p.line}`}: document ${p.document}, ${pathText(p.pointer)}: ${p.message}`,
    )
    .join('\n');
}

/**
 * One line per rendering problem: `file:line: message`.
 *
 * @example
 * formatRenderProblems(problems) // '  templates/api.yaml:7: ${DOMAN} has no value. …'
 */
export function formatRenderProblems(problems: readonly RenderProblem[]): string {
  return problems
    .map((p) => `  ${p.file}${p.line === undefined ? '' : `:${p.line}`}: ${p.message}`)
    .join('\n');
}
