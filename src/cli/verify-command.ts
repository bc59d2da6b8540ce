import { resolve } from 'node:path';
import type { Contract, Example } from '../contract/types.js';
import { AbeError } from '../core/abe-error.js';
import { stateText } from '../provider/state-text.js';
import type { ExampleResult } from '../provider/types.js';
import type { ReporterSpec } from '../report/parse-reporters.js';
import type { VerifiedExample, VerifyRun } from '../report/verify-run.js';
import { type CliContext, EXIT_FAILURES, EXIT_USAGE } from './cli-context.js';
import { componentContracts } from './component-contracts.js';
import { useColor } from './use-color.js';

/** The flags of `abe verify`, as commander parses them. */
export interface VerifyCliOptions {
  readonly component?: readonly string[];
  readonly config?: string;
  readonly strict?: boolean;
  readonly only?: readonly string[];
  readonly method?: readonly string[];
  readonly stateSetupUrl?: string;
  readonly ignoreStates?: boolean;
  readonly header?: readonly string[];
  readonly timeout?: string;
  readonly reporter?: readonly string[];
}

/** The default wait for each answer: the same as verifyProvider's. */
const DEFAULT_TIMEOUT_MS = 10_000;

// A header name is an HTTP token (RFC 9110).
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const METHOD = /^[A-Za-z]+$/;

/** Everything the flags say, checked before any contract is read or any request sent. */
interface VerifyPlan {
  readonly baseUrl: string;
  readonly methods: ReadonlySet<string> | undefined;
  readonly stateUrl: URL | undefined;
  readonly headers: Readonly<Record<string, string>>;
  /** Header values: masked wherever they could be printed. */
  readonly secrets: readonly string[];
  readonly timeout: number;
  readonly reporters: readonly ReporterSpec[];
}

/**
 * `abe verify <base-url> [contracts...]`: sends every selected example to a running provider
 * and compares its answers, printing a line per example, every failure in full and the counts,
 * then the reports asked for. Exit 0 when every selected example passed, 1 when one failed,
 * 2 for a usage or environment error (found before anything is sent).
 */
export async function runVerify(
  baseUrl: string,
  inputs: readonly string[],
  options: VerifyCliOptions,
  context: CliContext,
): Promise<void> {
  const plan = await readFlags(baseUrl, options);
  const contracts = await loadInputs(inputs, options, context);
  if (contracts === undefined) {
    context.exitCode = EXIT_USAGE;
    return;
  }
  const selected = selectExamples(contracts, options.only ?? [], plan.methods);
  const states = checkStates(contracts, selected, plan, options.ignoreStates === true);

  // Machine-readable reports on stdout keep it clean: everything for people goes to stderr.
  const machineOnStdout = plan.reporters.some(
    (r) => (r.name === 'json' || r.name === 'junit') && r.file === undefined,
  );
  const human = machineOnStdout ? context.stderr : context.stdout;
  const color = machineOnStdout ? useColor(human, context.env) : context.color;
  const [{ verifyExamples }, { httpStateHandler }, summary, { writeVerifyReports }] =
    await Promise.all([
      import('../provider/verify-provider.js'),
      import('../provider/http-state-handler.js'),
      import('../report/format-verify-summary.js'),
      import('../report/write-verify-reports.js'),
    ]);

  const mask = masker(plan.secrets);
  const results: ExampleResult[] = [];
  const handler =
    plan.stateUrl === undefined || options.ignoreStates === true
      ? undefined
      : httpStateHandler(plan.stateUrl, { timeout: plan.timeout });
  const startedAt = new Date();
  const started = performance.now();
  // Recorded in the ledger as `abe verify` when $ABE_LEDGER_DIR is set (abe sets it for steps).
  const verifying = verifyExamples(
    plan.baseUrl,
    contracts,
    {
      throw: false,
      timeout: plan.timeout,
      headers: plan.headers,
      filter: (_contract, example) => selected.has(example),
      ...(handler === undefined
        ? {}
        : { states: Object.fromEntries([...states].map((state) => [state, handler])) }),
      ...(context.signal === undefined ? {} : { signal: context.signal }),
      onResult: (result) => {
        const masked = mask(result);
        results.push(masked);
        human.write(summary.formatVerifyLine(masked, { color }));
      },
    },
    'abe verify',
  );
  try {
    await verifying;
  } catch (error) {
    // Ctrl-C / SIGTERM: the example in flight is abandoned; what ran is still summed up.
    if (context.signal?.aborted !== true) throw error;
    const reason = context.signal.reason;
    context.exitCode = reason === 'SIGTERM' ? 143 : 130;
    human.write(`Stopped (${typeof reason === 'string' ? reason : 'aborted'}).\n`);
    return;
  }
  const run: VerifyRun = {
    baseUrl: plan.baseUrl,
    startedAt: startedAt.toISOString(),
    durationMs: performance.now() - started,
    examples: withPositions(results, contracts),
  };
  human.write(summary.formatVerifyEnd(run, { color }));
  await writeVerifyReports(run, plan.reporters, { ...context, human });
  if (run.examples.some((example) => example.outcome === 'failed')) {
    context.exitCode = EXIT_FAILURES;
  }
}

async function readFlags(baseUrl: string, options: VerifyCliOptions): Promise<VerifyPlan> {
  const [{ parseDuration }, { parseReporters }] = await Promise.all([
    import('../deploy/parse-duration.js'),
    import('../report/parse-reporters.js'),
  ]);
  checkUrl(baseUrl, 'the base URL', 'abe verify http://127.0.0.1:8000 contracts/');
  if (options.stateSetupUrl !== undefined) {
    checkUrl(
      options.stateSetupUrl,
      '--state-setup-url',
      '--state-setup-url http://127.0.0.1:8000/_pact/state',
    );
  }
  let timeout = DEFAULT_TIMEOUT_MS;
  if (options.timeout !== undefined) {
    const ms = parseDuration(options.timeout);
    if (ms === undefined || ms <= 0) {
      throw new AbeError('usage', `--timeout ${options.timeout} is not a duration.`, {
        hint: 'Give the wait for each answer with a unit: 500ms, 10s, 2m (default 10s).',
      });
    }
    timeout = ms;
  }
  const { headers, secrets } = parseHeaders(options.header ?? []);
  return {
    baseUrl,
    methods: parseMethods(options.method),
    stateUrl: options.stateSetupUrl === undefined ? undefined : new URL(options.stateSetupUrl),
    headers,
    secrets,
    timeout,
    reporters: parseReporters(options.reporter ?? ['summary']),
  };
}

/** An absolute http(s) URL without credentials: they would be printed in every report. */
function checkUrl(value: string, what: string, example: string): void {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new AbeError('usage', `${what} "${value}" is not an absolute http(s) URL.`, {
      hint: `Give the scheme, host and port, e.g. ${example}.`,
    });
  }
  if (url.username !== '' || url.password !== '') {
    const shown = `${url.protocol}//***@${url.host}${url.pathname}`;
    throw new AbeError('usage', `${what} ${shown} holds credentials (user:password@).`, {
      hint: "Remove them from the URL, which is printed in the output and the reports, and send a credential with --header 'Authorization: …' (its value is never printed).",
    });
  }
}

function parseHeaders(values: readonly string[]): {
  headers: Record<string, string>;
  secrets: string[];
} {
  const headers = new Map<string, string>();
  const secrets: string[] = [];
  values.forEach((value, index) => {
    const colon = value.indexOf(':');
    const name = colon === -1 ? '' : value.slice(0, colon).trim();
    // The value is never quoted back: it is most likely a credential.
    if (!TOKEN.test(name)) {
      throw new AbeError(
        'usage',
        `--header number ${index + 1} is not "Name: value" (${colon === -1 ? 'no ":"' : 'the name is not an HTTP header name'}).`,
        { hint: "Write it as --header 'Authorization: Bearer <token>'." },
      );
    }
    const text = value.slice(colon + 1).trim();
    headers.set(name, text);
    if (text !== '') secrets.push(text);
    // An echoed token without its scheme ("Bearer ") is as secret as the whole value.
    for (const part of text.split(/\s+/)) if (part.length >= 8) secrets.push(part);
  });
  return { headers: Object.fromEntries(headers), secrets };
}

function parseMethods(values: readonly string[] | undefined): ReadonlySet<string> | undefined {
  if (values === undefined) return undefined;
  const methods = values.flatMap((value) => value.split(',')).map((m) => m.trim());
  for (const method of methods) {
    if (!METHOD.test(method)) {
      throw new AbeError('usage', `--method "${method}" is not an HTTP method.`, {
        hint: 'Give methods by name, repeated or comma-separated: --method GET,HEAD.',
      });
    }
  }
  return new Set(methods.map((method) => method.toUpperCase()));
}

/**
 * The contracts named by files, directories, globs and `--component`. `undefined` when one
 * does not load: its error is printed, and nothing is sent to a provider the contracts
 * cannot describe.
 */
async function loadInputs(
  inputs: readonly string[],
  options: VerifyCliOptions,
  context: CliContext,
): Promise<Contract[] | undefined> {
  const patterns = [
    ...inputs,
    ...(await componentContracts(options.component ?? [], options, context)),
  ];
  if (patterns.length === 0) {
    throw new AbeError('usage', 'abe verify was given no contracts to verify.', {
      hint: 'Name contract files, directories or quoted globs after the base URL, or --component NAME for the contracts builder.ini declares for it.',
    });
  }
  const { loadContracts } = await import('../contract/load-contracts.js');
  try {
    const contracts = await loadContracts(patterns, { cwd: context.cwd });
    // Sources are relative to the working directory; the ledger names files from the root.
    const { rememberContractFile } = await import('../ledger/contract-file.js');
    for (const contract of contracts) {
      rememberContractFile(contract, resolve(context.cwd, contract.source));
    }
    return contracts;
  } catch (error) {
    if (!(error instanceof AbeError) || error.code === 'usage' || error.code === 'lint.no-match') {
      throw error;
    }
    context.stderr.write(
      `abe: ${error.message}\nabe verify checks nothing until every contract loads: run abe lint on them.\n`,
    );
    return undefined;
  }
}

/** The examples `--only` and `--method` keep; selecting none is a usage error that lists some. */
function selectExamples(
  contracts: readonly Contract[],
  only: readonly string[],
  methods: ReadonlySet<string> | undefined,
): ReadonlySet<Example> {
  const selected = new Set<Example>();
  const ids: string[] = [];
  for (const contract of contracts) {
    for (const example of contract.examples) {
      const id = `${contract.source}#${example.label}`;
      ids.push(`${id} (${example.request.method})`);
      // As verifyProvider's `only`: an id containing the text.
      if (only.length > 0 && !only.some((text) => id.includes(text))) continue;
      if (methods !== undefined && !methods.has(example.request.method)) continue;
      selected.add(example);
    }
  }
  if (selected.size === 0) {
    const asked = [
      ...only.map((text) => `--only ${text}`),
      ...(methods === undefined ? [] : [`--method ${[...methods].join(',')}`]),
    ].join(' ');
    throw new AbeError('usage', `${asked} selects none of the ${ids.length} examples.`, {
      hint: `Examples are "<file>#<label>" (method): ${ids.slice(0, 10).join(', ')}${ids.length > 10 ? ', …' : ''}.`,
    });
  }
  return selected;
}

/**
 * The states the selected examples assume. Without `--state-setup-url` or
 * `--ignore-states`, any state is a usage error: an example sent without its state would fail
 * for a reason the output could not show.
 */
function checkStates(
  contracts: readonly Contract[],
  selected: ReadonlySet<Example>,
  plan: VerifyPlan,
  ignore: boolean,
): ReadonlySet<string> {
  // Names key the handler; the list shows each name with its params, as the endpoint gets them.
  const states = new Set<string>();
  const shown = new Set<string>();
  for (const contract of contracts) {
    for (const example of contract.examples) {
      if (!selected.has(example) || example.state === undefined) continue;
      states.add(example.state.name);
      shown.add(stateText(example.state.name, example.state.params));
    }
  }
  if (states.size > 0 && plan.stateUrl === undefined && !ignore) {
    const list = [...shown];
    throw new AbeError(
      'usage',
      `the selected examples assume provider state${list.length === 1 ? '' : 's'} ${list.slice(0, 10).join(', ')}${list.length > 10 ? ', …' : ''}, and no --state-setup-url says where to set them up.`,
      {
        hint: 'Pass --state-setup-url URL (abe POSTs {"state", "params", "action": "setup"|"teardown"} there around each such example), or --ignore-states to send them without setting up.',
      },
    );
  }
  return states;
}

/** Replaces every secret in every string of a result (mismatches quote what the app sent). */
function masker(secrets: readonly string[]): <T>(value: T) => T {
  if (secrets.length === 0) return (value) => value;
  // Longest first: a token inside a longer value must not leave the rest behind.
  const ordered = [...new Set(secrets)].sort((a, b) => b.length - a.length);
  const maskText = (text: string): string =>
    ordered.reduce((masked, secret) => masked.replaceAll(secret, '***'), text);
  const mask = (value: unknown): unknown => {
    if (typeof value === 'string') return maskText(value);
    if (Array.isArray(value)) return value.map(mask);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [maskText(key), mask(item)]),
      );
    }
    return value;
  };
  return <T>(value: T) => mask(value) as T;
}

/** Each result with the line and column of its example in its file, for annotations. */
function withPositions(
  results: readonly ExampleResult[],
  contracts: readonly Contract[],
): VerifiedExample[] {
  const bySource = new Map(contracts.map((contract) => [contract.source, contract]));
  return results.map((result) => {
    const contract = bySource.get(result.file);
    const example = contract?.examples.find((e) => e.label === result.label);
    const position = example === undefined ? undefined : contract?.locate(example.pointer);
    return position === undefined ? result : { ...result, ...position };
  });
}
