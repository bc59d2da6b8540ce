// The shape of a loaded `abe-deploy.yaml`. docs/deploy.md documents the file format.

/** A config variable's value. Numbers and booleans keep their type when a placeholder is a whole plain scalar. */
export type VariableValue = string | number | boolean;

/** One entry of `components:`. */
export interface DeployComponent {
  readonly name: string;
  /** Image repository without a tag (`registry.example.com/api`), or undefined when the component ships no image. */
  readonly image: string | undefined;
  /** Globs of template files, relative to the templates directory. */
  readonly templates: readonly string[];
  /** True when the config lists `templates` (then a glob that matches nothing is an error). */
  readonly templatesListed: boolean;
  /** Config variables this component's templates may use (`template_args`). */
  readonly templateArgs: readonly string[];
  /** The variable holding this component's image reference, e.g. `PLOYST_API_IMAGE`. */
  readonly imageVariable: string;
  /** 1-based line of the component's key in the config file. */
  readonly line: number;
}

/** The `smoke:` section. */
export interface SmokeConfig {
  /** Base URL of the deployed service; `--smoke URL` overrides it. */
  readonly baseUrl: string | undefined;
  /** Contract files, directories or globs, relative to the deployment directory. */
  readonly contracts: readonly string[];
  /** Upper-case methods whose examples are safe to send to a live environment. Default `["GET"]`. */
  readonly methods: readonly string[];
  /** Roll back every workload this deploy changed when the smoke test fails. Default false. */
  readonly rollback: boolean;
  /** Go duration one smoke example (request and response) may take. Default `30s`. */
  readonly timeout: string;
}

/** A loaded deployment directory's config. Paths are absolute. */
export interface DeployConfig {
  readonly file: string;
  /** Unknown keys that were ignored, one message each (with `strict` they are errors). */
  readonly warnings?: readonly string[];
  /** `file` as messages name it: relative to the working directory when inside it. */
  readonly shownFile: string;
  /** The deployment directory (the config file's directory). */
  readonly dir: string;
  /** Recorded with each deployment; default: the directory's name. */
  readonly environment: string;
  /** kubectl context, passed as `--context` on every call. */
  readonly context: string;
  /** Namespace, passed as `--namespace` on every call. */
  readonly namespace: string;
  readonly templatesDir: string;
  /** Directory of static manifests, or undefined when there is none. */
  readonly staticDir: string | undefined;
  /** Registry prefix for components without an explicit `image`. */
  readonly registry: string | undefined;
  /** Go duration passed to `kubectl rollout status --timeout`, e.g. `5m`. */
  readonly rolloutTimeout: string;
  /**
   * Go duration any other kubectl call (apply, diff, rollout undo) may take before it is stopped;
   * `rollout status` gets `rolloutTimeout` plus this. Default `2m`.
   */
  readonly kubectlTimeout: string;
  /** JSON-lines file each deployment is appended to. */
  readonly record: string;
  readonly variables: ReadonlyMap<string, VariableValue>;
  readonly components: readonly DeployComponent[];
  readonly smoke: SmokeConfig | undefined;
}

/** The config file's name inside a deployment directory. */
export const DEPLOY_CONFIG_FILE = 'abe-deploy.yaml';
