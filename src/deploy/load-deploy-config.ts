import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { imageName, imageVariable } from '../config/image-name.js';
import { AbeError } from '../core/abe-error.js';
import { didYouMean } from '../core/did-you-mean.js';
import { displayPath } from '../core/display-path.js';
import {
  DEPLOY_CONFIG_FILE,
  type DeployComponent,
  type DeployConfig,
  type SmokeConfig,
  type VariableValue,
} from './deploy-config.js';
import { parseDuration } from './parse-duration.js';
import { redactCredentials } from './redact-credentials.js';
import { SMOKE_URL_CREDENTIALS_HINT, smokeUrlProblem } from './smoke-url-problem.js';

const TOP_KEYS = [
  'environment',
  'context',
  'namespace',
  'templates',
  'static',
  'registry',
  'rollout_timeout',
  'kubectl_timeout',
  'record',
  'variables',
  'components',
  'smoke',
] as const;
const COMPONENT_KEYS = ['image', 'templates', 'template_args'] as const;
const SMOKE_KEYS = ['base_url', 'contracts', 'methods', 'rollback', 'timeout'] as const;

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const METHOD = /^[A-Z]+$/;
/** Built-in variables a config may not redefine. */
export const BUILTIN_VARIABLES = ['DOCKER_TAG', 'DOCKER_IMAGE'] as const;

export interface LoadDeployConfigOptions {
  /** Directory messages name files relative to. Default: `process.cwd()`. */
  cwd?: string;
  /** Config file to read instead of `<dir>/abe-deploy.yaml`. */
  file?: string;
  /** Every unknown key is an error, not only those near a known key (`--strict`). */
  strict?: boolean;
}

/**
 * Reads and checks a deployment directory's `abe-deploy.yaml`. Every problem (wrong type,
 * missing directory, undeclared `template_args`, an unknown key near a known one) is reported
 * at once, with its line. Other unknown keys are ignored, each with a warning in
 * `config.warnings`; with `strict` they are problems too.
 *
 * @example
 * const config = await loadDeployConfig('operations/production');
 * config.namespace // 'ployst'
 */
export async function loadDeployConfig(
  dir: string,
  options: LoadDeployConfigOptions = {},
): Promise<DeployConfig> {
  const cwd = options.cwd ?? process.cwd();
  const file = resolve(cwd, options.file ?? resolve(cwd, dir, DEPLOY_CONFIG_FILE));
  const shown = displayPath(file, cwd);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new AbeError('deploy.config', `cannot read the deploy config "${shown}".`, {
      hint:
        (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? `Pass --dir with a deployment directory that holds ${DEPLOY_CONFIG_FILE}, or create one (see docs/deploy.md in the abe-ts package).`
          : String(error),
      cause: error,
    });
  }
  const reader = new ConfigReader(text, shown, options.strict === true);
  const config = await reader.read(dirname(file), file);
  if (reader.problems.length > 0 || config === undefined) throw reader.error();
  return { ...config, warnings: reader.warnings };
}

interface Problem {
  readonly line: number | undefined;
  readonly message: string;
}

interface Entry {
  readonly key: string;
  readonly value: Node | null;
  readonly line: number | undefined;
}

class ConfigReader {
  readonly problems: Problem[] = [];
  readonly warnings: string[] = [];
  private readonly lines = new LineCounter();
  private readonly text: string;

  constructor(
    text: string,
    private readonly shown: string,
    private readonly strict: boolean,
  ) {
    this.text = text;
  }

  error(): AbeError {
    const first = this.problems[0];
    if (this.problems.length === 1 && first !== undefined) {
      return new AbeError('deploy.config', first.message, {
        file: this.shown,
        ...(first.line === undefined ? {} : { line: first.line }),
      });
    }
    const list = this.problems
      .map((p) => `  ${this.shown}${p.line === undefined ? '' : `:${p.line}`}: ${p.message}`)
      .join('\n');
    return new AbeError(
      'deploy.config',
      `${this.problems.length} problems in the deploy config:\n${list}`,
      { file: this.shown, ...(first?.line === undefined ? {} : { line: first.line }) },
    );
  }

  async read(dir: string, file: string): Promise<DeployConfig | undefined> {
    const doc = parseDocument(this.text, { lineCounter: this.lines, uniqueKeys: true });
    for (const error of doc.errors) {
      this.problems.push({
        line: error.linePos?.[0].line,
        message: `not valid YAML: ${error.message.split('\n')[0]}`,
      });
    }
    if (doc.errors.length > 0) return undefined;
    if (!isMap(doc.contents)) {
      this.problems.push({
        line: undefined,
        message: `the deploy config must be a mapping of settings (context, namespace, components, …); see docs/deploy.md in the abe-ts package.`,
      });
      return undefined;
    }
    const top = this.entries(doc.contents, '', TOP_KEYS);
    const context = this.string(top.get('context'), 'context', true);
    const namespace = this.string(top.get('namespace'), 'namespace', true);
    const environment = this.string(top.get('environment'), 'environment') ?? basename(dir);
    const registry = this.string(top.get('registry'), 'registry');
    const templatesDir = await this.directory(dir, top.get('templates'), 'templates', 'templates');
    const staticDir = await this.directory(dir, top.get('static'), 'static', 'static');
    const rolloutTimeout = this.duration(top.get('rollout_timeout'), 'rollout_timeout') ?? '5m';
    const kubectlTimeout = this.duration(top.get('kubectl_timeout'), 'kubectl_timeout') ?? '2m';
    const record = resolve(dir, this.string(top.get('record'), 'record') ?? 'deployments.jsonl');
    const variables = this.variables(top.get('variables'));
    const components = this.components(top.get('components'), variables, registry);
    const smoke = this.smoke(top.get('smoke'));
    if (context === undefined || namespace === undefined) return undefined;
    return {
      file,
      shownFile: this.shown,
      dir,
      environment,
      context,
      namespace,
      templatesDir: templatesDir ?? resolve(dir, 'templates'),
      staticDir,
      registry,
      rolloutTimeout,
      kubectlTimeout,
      record,
      variables,
      components,
      smoke,
    };
  }

  private lineOf(node: Node | null | undefined): number | undefined {
    const offset = node?.range?.[0];
    return offset === undefined ? undefined : this.lines.linePos(offset).line;
  }

  private entries(
    map: Node,
    where: string,
    known: readonly string[] | undefined,
  ): Map<string, Entry> {
    const result = new Map<string, Entry>();
    if (!isMap(map)) return result;
    for (const pair of map.items) {
      const keyNode = pair.key as Node | null;
      const line = this.lineOf(keyNode);
      if (!isScalar(keyNode) || typeof keyNode.value !== 'string') {
        this.problems.push({
          line,
          message: `keys${where ? ` of "${where}"` : ''} must be names.`,
        });
        continue;
      }
      const key = keyNode.value;
      if (known !== undefined && !known.includes(key)) {
        // A key near a known one is a typo that would drop a setting: always a problem.
        const suggestion = didYouMean(key, known);
        const name = `"${where ? `${where}.` : ''}${key}"`;
        if (suggestion !== '' || this.strict) {
          this.problems.push({
            line,
            message: `unknown key ${name}.${suggestion || ` Known keys: ${known.join(', ')}.`}`,
          });
        } else {
          this.warnings.push(
            `${this.shown}${line === undefined ? '' : `:${line}`}: unknown key ${name}, ignored (--strict makes it an error). Known keys: ${known.join(', ')}.`,
          );
        }
        continue;
      }
      result.set(key, { key, value: pair.value as Node | null, line });
    }
    return result;
  }

  private string(entry: Entry | undefined, name: string, required = false): string | undefined {
    if (entry === undefined) {
      if (required) {
        this.problems.push({
          line: undefined,
          message: `"${name}" is required: kubectl gets it explicitly on every call, so a deploy never goes to whatever the current ${name} happens to be.`,
        });
      }
      return undefined;
    }
    const node = entry.value;
    if (isScalar(node) && typeof node.value === 'string' && node.value !== '') return node.value;
    this.problems.push({
      line: entry.line,
      message: `"${name}" must be a non-empty string, not ${describe(node)}.`,
    });
    return undefined;
  }

  private strings(entry: Entry | undefined, name: string): string[] | undefined {
    if (entry === undefined) return undefined;
    const node = entry.value;
    if (isScalar(node) && typeof node.value === 'string' && node.value !== '') return [node.value];
    if (isSeq(node)) {
      const values: string[] = [];
      for (const item of node.items) {
        if (isScalar(item) && typeof item.value === 'string' && item.value !== '') {
          values.push(item.value);
        } else {
          this.problems.push({
            line: this.lineOf(item as Node) ?? entry.line,
            message: `"${name}" must list strings, not ${describe(item as Node)}.`,
          });
        }
      }
      return values;
    }
    this.problems.push({
      line: entry.line,
      message: `"${name}" must be a string or a list of strings, not ${describe(node)}.`,
    });
    return undefined;
  }

  private async directory(
    dir: string,
    entry: Entry | undefined,
    name: string,
    fallback: string,
  ): Promise<string | undefined> {
    const value = this.string(entry, name);
    const path = resolve(dir, value ?? fallback);
    const isDirectory = await stat(path).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (isDirectory) return path;
    if (value !== undefined) {
      this.problems.push({
        line: entry?.line,
        message: `"${name}" names "${value}", which is not a directory under ${dirname(this.shown)}. Create it or fix the path (relative to the deployment directory).`,
      });
    }
    return undefined;
  }

  private duration(entry: Entry | undefined, name: string): string | undefined {
    if (entry === undefined) return undefined;
    const node = entry.value;
    const value = isScalar(node) ? node.value : undefined;
    // Zero would mean "no limit" to kubectl: the hang a limit is there to end.
    if (typeof value === 'string' && (parseDuration(value) ?? 0) > 0) return value;
    this.problems.push({
      line: entry.line,
      message: `"${name}" must be a duration above zero, with units such as "5m", "90s" or "1h30m", not ${describe(node)}.`,
    });
    return undefined;
  }

  private boolean(entry: Entry | undefined, name: string): boolean | undefined {
    if (entry === undefined) return undefined;
    const node = entry.value;
    if (isScalar(node) && typeof node.value === 'boolean') return node.value;
    this.problems.push({
      line: entry.line,
      message: `"${name}" must be true or false, not ${describe(node)}.`,
    });
    return undefined;
  }

  private variables(entry: Entry | undefined): Map<string, VariableValue> {
    const variables = new Map<string, VariableValue>();
    if (entry === undefined) return variables;
    if (!isMap(entry.value)) {
      this.problems.push({
        line: entry.line,
        message: `"variables" must map names to values, not ${describe(entry.value)}.`,
      });
      return variables;
    }
    for (const [name, item] of this.entries(entry.value, 'variables', undefined)) {
      const value = isScalar(item.value) ? item.value.value : undefined;
      if (!VARIABLE_NAME.test(name)) {
        this.problems.push({
          line: item.line,
          message: `variable name "${name}" is not usable in \${…}: use letters, digits and underscores, not starting with a digit.`,
        });
      } else if ((BUILTIN_VARIABLES as readonly string[]).includes(name)) {
        this.problems.push({
          line: item.line,
          message: `variable "${name}" is built in (set by --tag and the components' images); choose another name.`,
        });
      } else if (
        typeof value === 'string' ||
        typeof value === 'number' ||
        typeof value === 'boolean'
      ) {
        variables.set(name, value);
      } else {
        this.problems.push({
          line: item.line,
          message: `variable "${name}" must be a string, number or boolean, not ${describe(item.value)}.`,
        });
      }
    }
    return variables;
  }

  private components(
    entry: Entry | undefined,
    variables: ReadonlyMap<string, VariableValue>,
    registry: string | undefined,
  ): DeployComponent[] {
    const components: DeployComponent[] = [];
    if (entry === undefined) return components;
    if (!isMap(entry.value)) {
      this.problems.push({
        line: entry.line,
        message: `"components" must map component names to their settings, not ${describe(entry.value)}.`,
      });
      return components;
    }
    const imageVariables = new Map<string, string>();
    for (const [name, item] of this.entries(entry.value, 'components', undefined)) {
      const where = `components.${name}`;
      if (item.value !== null && !isMap(item.value) && !isNullScalar(item.value)) {
        this.problems.push({
          line: item.line,
          message: `"${where}" must be a mapping (image, templates, template_args), not ${describe(item.value)}.`,
        });
        continue;
      }
      const keys =
        item.value === null ? new Map() : this.entries(item.value, where, COMPONENT_KEYS);
      const image =
        this.string(keys.get('image'), `${where}.image`) ??
        (registry === undefined ? undefined : imageName({ registry }, name));
      const templates = this.strings(keys.get('templates'), `${where}.templates`) ?? [
        `${name}.yaml`,
        `${name}.yml`,
        `${name}/**/*.yaml`,
        `${name}/**/*.yml`,
      ];
      const templateArgs = this.strings(keys.get('template_args'), `${where}.template_args`) ?? [];
      for (const arg of templateArgs) {
        if (!variables.has(arg)) {
          this.problems.push({
            line: keys.get('template_args')?.line ?? item.line,
            message: `"${where}.template_args" lists "${arg}", which is not under "variables".${didYouMean(arg, variables.keys()) || ` Declare it under "variables".`}`,
          });
        }
      }
      const variable = imageVariable(name);
      const clash = imageVariables.get(variable);
      if (clash !== undefined) {
        this.problems.push({
          line: item.line,
          message: `components "${clash}" and "${name}" would both set \${${variable}}; rename one.`,
        });
      } else if (variables.has(variable)) {
        this.problems.push({
          line: item.line,
          message: `variable "${variable}" clashes with the image variable of component "${name}"; rename the variable.`,
        });
      }
      imageVariables.set(variable, name);
      components.push({
        name,
        image,
        templates,
        templatesListed: keys.has('templates'),
        templateArgs,
        imageVariable: variable,
        line: item.line ?? 0,
      });
    }
    return components;
  }

  private smoke(entry: Entry | undefined): SmokeConfig | undefined {
    if (entry === undefined) return undefined;
    if (!isMap(entry.value)) {
      this.problems.push({
        line: entry.line,
        message: `"smoke" must be a mapping (base_url, contracts, methods, rollback), not ${describe(entry.value)}.`,
      });
      return undefined;
    }
    const keys = this.entries(entry.value, 'smoke', SMOKE_KEYS);
    const baseUrl = this.string(keys.get('base_url'), 'smoke.base_url');
    const urlProblem = baseUrl === undefined ? undefined : smokeUrlProblem(baseUrl);
    if (baseUrl !== undefined && urlProblem !== undefined) {
      const shown = redactCredentials(baseUrl);
      this.problems.push({
        line: keys.get('base_url')?.line,
        message:
          urlProblem === 'credentials'
            ? `"smoke.base_url" holds credentials (${shown}). ${SMOKE_URL_CREDENTIALS_HINT}`
            : `"smoke.base_url" must be an http:// or https:// URL, not "${shown}".`,
      });
    }
    const contracts = this.strings(keys.get('contracts'), 'smoke.contracts');
    if (contracts === undefined && !keys.has('contracts')) {
      this.problems.push({
        line: entry.line,
        message: `"smoke.contracts" is required: the contract files (or directories, or globs) whose safe examples are sent, relative to the deployment directory.`,
      });
    }
    const methods = (this.strings(keys.get('methods'), 'smoke.methods') ?? ['GET']).map((m) =>
      m.toUpperCase(),
    );
    for (const method of methods) {
      if (!METHOD.test(method)) {
        this.problems.push({
          line: keys.get('methods')?.line,
          message: `"smoke.methods" lists "${method}", which is not an HTTP method.`,
        });
      }
    }
    const rollback = this.boolean(keys.get('rollback'), 'smoke.rollback') ?? false;
    const timeout = this.duration(keys.get('timeout'), 'smoke.timeout') ?? '30s';
    return { baseUrl, contracts: contracts ?? [], methods, rollback, timeout };
  }
}

function isNullScalar(node: Node): boolean {
  return isScalar(node) && node.value === null;
}

function describe(node: unknown): string {
  if (node === null || node === undefined) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const value = node.value;
    if (value === null) return 'null';
    return `${typeof value} ${JSON.stringify(value)}`;
  }
  return 'an unsupported value';
}
