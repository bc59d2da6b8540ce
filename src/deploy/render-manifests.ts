import { isDeepStrictEqual } from 'node:util';
import {
  type Alias,
  type Document,
  isAlias,
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

/**
 * How far a document's aliases may expand (the `yaml` package's `maxAliasCount`, whose default
 * this is): ordinary reuse (one env list in three containers) stays far below it, an alias bomb
 * ("billion laughs") goes far above it.
 */
export const MAX_ALIAS_COUNT = 100;

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
 * A `<<` merge key is a problem: YAML 1.2 has none, so it would be validated as an ordinary key,
 * while kubectl (YAML 1.1) merges it. So is a document whose aliases expand past
 * {@link MAX_ALIAS_COUNT}.
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
    const mergeKeys = findMergeKeys(doc);
    for (const key of mergeKeys) {
      problems.push({
        file: options.file,
        line: lineAt(key.range?.[0]),
        message: `"<<" is a YAML merge key: kubectl merges it, while abe would validate it as an ordinary key, so what is checked would not be what is applied. Write the merged keys out in full.`,
      });
    }
    if (mergeKeys.length > 0) return;
    if (options.lookup !== undefined) {
      substituteDocument(doc, text, options, lineAt, problems);
    }
    const docText = doc.toString();
    rendered.push(docText);
    if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) return;
    const object = toData(doc);
    if (object === ALIAS_BOMB) {
      const alias = firstAlias(doc);
      problems.push({
        file: options.file,
        line: lineAt(alias?.range?.[0] ?? doc.range[0]),
        message: `document ${index + 1}: its aliases${alias === undefined ? '' : ` (*${alias.source})`} expand to more than ${MAX_ALIAS_COUNT} nodes, as in a "billion laughs" alias bomb; abe does not expand them. Write the repeated values out, or reuse them less.`,
      });
      return;
    }
    // Belt and braces: the rendered text must read back as exactly the data that was checked,
    // or kubectl would apply something other than what was validated.
    const reread = parseAllDocuments(docText);
    if (
      !Array.isArray(reread) ||
      reread.length !== 1 ||
      reread[0]?.errors.length !== 0 ||
      !isDeepStrictEqual(toData(reread[0]), object)
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

const ALIAS_BOMB = Symbol('alias bomb');

/** The document as data, or ALIAS_BOMB when its aliases expand past MAX_ALIAS_COUNT. */
function toData(doc: Document): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // The yaml package's only sign of it: "Excessive alias count indicates a resource exhaustion attack".
    if (error instanceof ReferenceError && /alias count/i.test(error.message)) return ALIAS_BOMB;
    throw error;
  }
}

/**
 * Keys that are `<<`: plain, quoted (written out again plain, kubectl would merge it), already
 * resolved as a merge by a `%YAML 1.1` document, or reached through an alias.
 */
function findMergeKeys(doc: Document): Node[] {
  const found: Node[] = [];
  const isMerge = (node: unknown): boolean => {
    if (isAlias(node)) return isMerge(node.resolve(doc));
    if (!isScalar(node)) return false;
    const { value } = node;
    return value === '<<' || (typeof value === 'symbol' && value.description === '<<');
  };
  visit(doc, {
    Pair(_key, pair) {
      if (isMerge(pair.key)) found.push(pair.key as Node);
    },
  });
  return found;
}

function firstAlias(doc: Document): Alias | undefined {
  let found: Alias | undefined;
  visit(doc, {
    Alias(_key, node) {
      found = node;
      return visit.BREAK;
    },
  });
  return found;
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
