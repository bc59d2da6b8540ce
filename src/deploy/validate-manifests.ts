import { didYouMean } from '../core/did-you-mean.js';
import { isRecord } from '../core/is-record.js';
import { escapePointerSegment, pointerSegments } from '../core/json-pointer.js';
import { findModelClass } from './find-model-class.js';
import type { Manifest } from './manifest.js';

/** Something that makes a manifest unfit to apply. */
export interface ManifestProblem {
  readonly file: string;
  /** 1-based document index in the file. */
  readonly document: number;
  readonly line: number | undefined;
  /** JSON pointer of the offending value in the object (`''` for the whole object). */
  readonly pointer: string;
  readonly message: string;
}

/** Something worth saying that does not stop the deploy, e.g. a custom resource checked by shape only. */
export interface ManifestNote {
  readonly file: string;
  readonly document: number;
  readonly message: string;
}

export interface ManifestValidation {
  readonly problems: ManifestProblem[];
  readonly notes: ManifestNote[];
}

export interface ValidateManifestsOptions {
  /** The namespace the deploy targets; an object naming another one is a problem. */
  readonly namespace?: string;
}

/** Kinds whose pod template must carry the labels their selector asks for. */
const SELECTING_WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

/**
 * Checks every manifest offline: the Kubernetes schema of its apiVersion/kind (from
 * kubernetes-models), plus what a schema cannot say — a workload's selector must select its own
 * pod template, the namespace must be the deploy's, and no object may appear twice. Objects of
 * API groups kubernetes-models does not know (custom resources) need apiVersion, kind and
 * metadata.name, and get a note.
 *
 * @example
 * const { problems } = await validateManifests(manifests, { namespace: 'ployst' });
 * if (problems.length > 0) … // apply nothing
 */
export async function validateManifests(
  manifests: readonly Manifest[],
  options: ValidateManifestsOptions = {},
): Promise<ManifestValidation> {
  const problems: ManifestProblem[] = [];
  const notes: ManifestNote[] = [];
  const seen = new Map<string, Manifest>();
  for (const manifest of manifests) {
    const report = (pointer: string, message: string): void => {
      problems.push({
        file: manifest.file,
        document: manifest.document,
        line: manifest.lineOf(pointerSegments(pointer)),
        pointer,
        message,
      });
    };
    const object = manifest.object;
    if (!isRecord(object)) {
      report('', 'a manifest document must be a mapping with apiVersion, kind and metadata.');
      continue;
    }
    const { apiVersion, kind } = object;
    const metadata = isRecord(object.metadata) ? object.metadata : undefined;
    const name = metadata?.name;
    if (typeof apiVersion !== 'string' || apiVersion === '') {
      report('/apiVersion', 'apiVersion is missing: every object needs one (e.g. "apps/v1").');
    }
    if (typeof kind !== 'string' || kind === '') {
      report('/kind', 'kind is missing: every object needs one (e.g. "Deployment").');
    }
    if (typeof name !== 'string' || name === '') {
      report(
        '/metadata/name',
        'metadata.name is missing: kubectl apply needs a name to find the object again (generateName is not enough).',
      );
    }
    if (typeof apiVersion !== 'string' || typeof kind !== 'string') continue;

    const model = await findModelClass(apiVersion, kind);
    if (model.found) {
      for (const issue of model.validate(object)) {
        report(issue.pointer, `${issue.message}.`);
      }
    } else if (model.reason === 'unknown-group') {
      notes.push({
        file: manifest.file,
        document: manifest.document,
        message: `${kind} (${apiVersion}) is not a built-in Kubernetes kind, so only apiVersion, kind and metadata.name were checked offline; --dry-run checks it against the cluster.`,
      });
    } else if (model.reason === 'unknown-version') {
      report(
        '/apiVersion',
        `apiVersion "${apiVersion}" is not a version Kubernetes serves for this API group.${didYouMean(apiVersion, model.versions) || ` Known: ${model.versions.join(', ')}.`}`,
      );
    } else {
      report(
        '/kind',
        `kind "${kind}" does not exist in ${apiVersion}.${didYouMean(kind, model.kinds) || ' Check the kind, or the apiVersion it belongs to.'}`,
      );
    }

    if (SELECTING_WORKLOADS.has(kind)) checkSelector(object, report);

    const namespace = metadata?.namespace;
    if (
      typeof namespace === 'string' &&
      options.namespace !== undefined &&
      namespace !== options.namespace
    ) {
      report(
        '/metadata/namespace',
        `metadata.namespace is "${namespace}" but this deployment targets namespace "${options.namespace}": kubectl refuses the mismatch. Remove metadata.namespace or set it to "${options.namespace}".`,
      );
    }

    if (typeof name === 'string') {
      const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
      const key = `${group}/${kind}/${typeof namespace === 'string' ? namespace : ''}/${name}`;
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, manifest);
      } else {
        report(
          '/metadata/name',
          `${kind} "${name}" is also defined in ${first.file} (document ${first.document}): the second would silently replace the first. Keep one.`,
        );
      }
    }
  }
  return { problems, notes };
}

function checkSelector(
  object: Record<string, unknown>,
  report: (pointer: string, message: string) => void,
): void {
  const spec = isRecord(object.spec) ? object.spec : undefined;
  const selector = spec !== undefined && isRecord(spec.selector) ? spec.selector : undefined;
  const template = spec !== undefined && isRecord(spec.template) ? spec.template : undefined;
  if (selector === undefined || template === undefined) return; // the schema reports these
  const templateMetadata = isRecord(template.metadata) ? template.metadata : undefined;
  const labels = isRecord(templateMetadata?.labels) ? templateMetadata.labels : {};
  const has = (key: string): boolean => Object.hasOwn(labels, key);
  const fix = 'Kubernetes rejects a workload whose selector does not select its own pods.';
  const matchLabels = isRecord(selector.matchLabels) ? selector.matchLabels : {};
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  if (Object.keys(matchLabels).length === 0 && expressions.length === 0) {
    report(
      '/spec/selector',
      'spec.selector is empty: give it matchLabels that the pod template (spec.template.metadata.labels) carries.',
    );
    return;
  }
  for (const [key, value] of Object.entries(matchLabels)) {
    if (has(key) && labels[key] === value) continue;
    const actual = has(key) ? `has ${key}=${JSON.stringify(labels[key])}` : `has no label ${key}`;
    report(
      `/spec/selector/matchLabels/${escapePointerSegment(key)}`,
      `spec.selector.matchLabels asks for ${key}=${JSON.stringify(value)} but the pod template ${actual}. ${fix} Make spec.template.metadata.labels include ${key}: ${JSON.stringify(value)}.`,
    );
  }
  expressions.forEach((expression, index) => {
    if (!isRecord(expression) || typeof expression.key !== 'string') return;
    const { key, operator } = expression;
    const values = Array.isArray(expression.values) ? expression.values : [];
    const present = has(key);
    const holds =
      operator === 'In'
        ? present && values.includes(labels[key])
        : operator === 'NotIn'
          ? !present || !values.includes(labels[key])
          : operator === 'Exists'
            ? present
            : operator === 'DoesNotExist'
              ? !present
              : true;
    if (!holds) {
      report(
        `/spec/selector/matchExpressions/${index}`,
        `spec.selector.matchExpressions[${index}] (${key} ${String(operator)}${values.length > 0 ? ` ${JSON.stringify(values)}` : ''}) does not hold for the pod template's labels. ${fix}`,
      );
    }
  });
}

/** `/spec/template/spec/containers/0/image` → `spec.template.spec.containers[0].image`. */
export function pathText(pointer: string): string {
  if (pointer === '') return '(the object)';
  return pointerSegments(pointer)
    .map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`))
    .join('');
}
