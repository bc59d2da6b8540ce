import { isDeepStrictEqual } from 'node:util';
import {
  type Document,
  isScalar,
  LineCounter,
  type Node,
  parseAllDocuments,
  type Scalar,
  visit,
} from 'yaml';
import type { VariableValue } from './deploy-config.js';
import type { Manifest, RenderProblem } from './manifest.js';
import { type PlaceholderProblem, substitutePlaceholders } from './substitute-placeholders.js';

export interface RenderManifestsOptions {
  /** The file, as messages should name it. */
  readonly file: string;
  /** The file relative to its templates or static directory. */
  readonly relativePath: string;
  readonly source: 'static' | 'template';
  readonly component?: string;
  /** Resolves a variable. Absent for static manifests, which are taken as written. */
  readonly lookup?: (name: string) => VariableValue | undefined;
  /** Says why a name has no value and how to fix it; appended to the unresolved-variable message. */
  readonly explain?: (name: string) => string;
}

export interface RenderedFile {
  readonly manifests: Manifest[];
  readonly problems: RenderProblem[];
  /** The whole file as rendered (all documents), for `--render-only`. */
  readonly text: string;
}

/**
 * Parses a manifest file as YAML (every document) and, for templates, substitutes `${NAME}`
 * inside string scalar values only. The structure is fixed before any value is seen, so no
 * value can add a key, a document or another placeholder. Returns every problem found.
 *
 * @example
 * const { manifests, problems } = renderManifests(text, {
 *   file: 'templates/api.yaml', relativePath: 'api.yaml', source: 'template',
 *   lookup: (name) => (name === 'DOCKER_TAG' ? '1.4.2' : undefined),
 * });
 */
export function renderManifests(text: string, options: RenderManifestsOptions): RenderedFile {
  const lines = new LineCounter();
  const lineAt = (offset: number | undefined): number | undefined =>
    offset === undefined ? undefined : lines.linePos(offset).line;
  const problems: RenderProblem[] = [];
  const manifests: Manifest[] = [];
  const parsed = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: true });
  const documents = Array.isArray(parsed) ? parsed : [];
  for (const doc of documents) {
    for (const error of doc.errors) {
      problems.push({
        file: options.file,
        line: error.linePos?.[0].line,
        message: `not valid YAML: ${error.message.split('\n')[0]}`,
      });
    }
  }
  if (problems.length > 0) return { manifests, problems, text };

  const rendered: string[] = [];
  documents.forEach((doc, index) => {
    if (options.lookup !== undefined) {
      substituteDocument(doc, text, options, lineAt, problems);
    }
    const docText = doc.toString();
    rendered.push(docText);
    if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) return;
    const object: unknown = doc.toJS();
    // Belt and braces: the rendered text must read back as exactly the data that was checked,
    // or kubectl would apply something other than what was validated.
    const reread = parseAllDocuments(docText);
    if (
      !Array.isArray(reread) ||
      reread.length !== 1 ||
      reread[0]?.errors.length !== 0 ||
      !isDeepStrictEqual(reread[0].toJS(), object)
    ) {
      problems.push({
        file: options.file,
        line: lineAt(doc.range[0]),
        message: `document ${index + 1} does not read back as rendered; please report this with the template.`,
      });
      return;
    }
    manifests.push({
      file: options.file,
      relativePath: options.relativePath,
      document: index + 1,
      source: options.source,
      component: options.component,
      object,
      lineOf: (path) => lineOfPath(doc, path, lineAt),
    });
  });
  return { manifests, problems, text: rendered.join('') };
}

function substituteDocument(
  doc: Document,
  text: string,
  options: RenderManifestsOptions,
  lineAt: (offset: number | undefined) => number | undefined,
  problems: RenderProblem[],
): void {
  const lookup = options.lookup ?? (() => undefined);
  visit(doc, {
    Scalar(key, node) {
      if (typeof node.value !== 'string' || !node.value.includes('${')) return;
      if (key === 'key') {
        problems.push({
          file: options.file,
          line: lineAt(node.range?.[0]),
          message: `"${node.value}" is a key: placeholders are substituted in values only, so keys stay as written. Move the variable part into a value.`,
        });
        return;
      }
      const result = substitutePlaceholders(node.value, lookup);
      for (const problem of result.problems) {
        problems.push({
          file: options.file,
          line: placeholderLine(node, text, problem, lineAt),
          message: describeProblem(problem, options.explain),
        });
      }
      if (!result.changed) return;
      // Only a plain scalar may become a number or boolean; a quoted one stays a string.
      node.value =
        node.type === 'PLAIN' || node.type === undefined ? result.value : String(result.value);
    },
  });
}

function describeProblem(
  problem: PlaceholderProblem,
  explain: ((name: string) => string) | undefined,
): string {
  if (problem.kind === 'syntax') {
    return `"\${${problem.name}" is not a placeholder: write \${NAME} with letters, digits and underscores, or $\${ for a literal "\${".`;
  }
  return `\${${problem.name}} has no value.${explain === undefined ? '' : ` ${explain(problem.name)}`}`;
}

function placeholderLine(
  node: Scalar,
  text: string,
  problem: PlaceholderProblem,
  lineAt: (offset: number | undefined) => number | undefined,
): number | undefined {
  const [start, end] = node.range ?? [];
  if (start === undefined) return undefined;
  const needle = problem.kind === 'unresolved' ? `\${${problem.name}}` : `\${${problem.name}`;
  const found = text.slice(start, end).indexOf(needle);
  return lineAt(found === -1 ? start : start + found);
}

function lineOfPath(
  doc: Document,
  path: readonly (string | number)[],
  lineAt: (offset: number | undefined) => number | undefined,
): number | undefined {
  for (let length = path.length; length > 0; length -= 1) {
    const node = doc.getIn(path.slice(0, length), true) as Node | undefined;
    const offset = node?.range?.[0];
    if (offset !== undefined) return lineAt(offset);
  }
  const root = doc.contents as Node | null;
  return lineAt(root?.range?.[0]);
}
