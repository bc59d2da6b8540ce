import { createRequire } from 'node:module';

/** A schema issue as kubernetes-models (ajv) reports it. */
export interface SchemaIssue {
  /** JSON pointer into the object, e.g. `/spec/replicas`. */
  readonly pointer: string;
  readonly message: string;
}

/** What kubernetes-models knows about an apiVersion/kind pair. */
export type ModelLookup =
  | { readonly found: true; readonly validate: (object: unknown) => SchemaIssue[] }
  /** The API group is not one kubernetes-models ships: a custom resource. */
  | { readonly found: false; readonly reason: 'unknown-group' }
  | { readonly found: false; readonly reason: 'unknown-version'; readonly versions: string[] }
  | { readonly found: false; readonly reason: 'unknown-kind'; readonly kinds: string[] };

interface ModelClass {
  new (data: unknown): { validate(): void };
  readonly apiVersion: string;
  readonly kind: string;
}

const require = createRequire(import.meta.url);
const VERSION = /^v\d+((alpha|beta)\d+)?$/;

// The group-versions the package exports (`v1`, `apps/v1`, `networking.k8s.io/v1`, …), read
// from its exports map so a newer kubernetes-models adds versions without code changes.
const GROUP_VERSIONS: ReadonlySet<string> = new Set(
  Object.keys(
    (require('kubernetes-models/package.json') as { exports: Record<string, unknown> }).exports,
  )
    .map((key) => key.replace(/^\.\//, ''))
    .filter((key) => VERSION.test(key.split('/').at(-1) ?? '')),
);

const modules = new Map<string, Promise<ModelClass[]>>();

/**
 * Finds the kubernetes-models class for an apiVersion and kind, and returns its schema check.
 * Only the group-version's own module is loaded (its schemas are large).
 *
 * @example
 * const model = await findModelClass('apps/v1', 'Deployment');
 * if (model.found) model.validate({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api' }, spec: {} });
 */
export async function findModelClass(apiVersion: string, kind: string): Promise<ModelLookup> {
  if (!GROUP_VERSIONS.has(apiVersion)) {
    const group = groupOf(apiVersion);
    const versions = [...GROUP_VERSIONS].filter((gv) => groupOf(gv) === group);
    return versions.length === 0
      ? { found: false, reason: 'unknown-group' }
      : { found: false, reason: 'unknown-version', versions };
  }
  let classes = modules.get(apiVersion);
  if (classes === undefined) {
    classes = loadClasses(apiVersion);
    modules.set(apiVersion, classes);
  }
  const all = await classes;
  const model = all.find((c) => c.kind === kind);
  if (model === undefined) {
    return { found: false, reason: 'unknown-kind', kinds: [...new Set(all.map((c) => c.kind))] };
  }
  return { found: true, validate: (object) => validateWith(model, object) };
}

async function loadClasses(apiVersion: string): Promise<ModelClass[]> {
  // apiVersion is one of the package's own export keys (checked above), never free text.
  const namespace = (await import(/* @vite-ignore */ `kubernetes-models/${apiVersion}`)) as Record<
    string,
    unknown
  >;
  return Object.values(namespace).filter(
    (value): value is ModelClass =>
      typeof value === 'function' &&
      (value as Partial<ModelClass>).apiVersion === apiVersion &&
      typeof (value as Partial<ModelClass>).kind === 'string',
  );
}

function validateWith(model: ModelClass, object: unknown): SchemaIssue[] {
  try {
    new model(object).validate();
    return [];
  } catch (error) {
    const errors = (error as { errors?: unknown }).errors;
    if (!Array.isArray(errors)) throw error;
    return errors.map((e: { instancePath?: string; message?: string; params?: unknown }) => ({
      pointer: e.instancePath ?? '',
      message: describeIssue(e),
    }));
  }
}

function describeIssue(issue: { message?: string; params?: unknown }): string {
  const params = issue.params as { allowedValues?: unknown[] } | undefined;
  const allowed = params?.allowedValues;
  return `${issue.message ?? 'is not valid'}${Array.isArray(allowed) ? `: ${allowed.map((v) => JSON.stringify(v)).join(', ')}` : ''}`;
}

function groupOf(apiVersion: string): string {
  const slash = apiVersion.lastIndexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}
