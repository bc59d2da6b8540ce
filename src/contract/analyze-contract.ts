import { didYouMean } from '../core/did-you-mean.js';
import { isRecord } from '../core/is-record.js';
import { escapePointerSegment, pointerSegments, toPointer } from '../core/json-pointer.js';
import { checkRules } from './check-rules.js';
import { UnsafeRegexError } from './compile-linear-regex.js';
import { compileUrlPattern } from './compile-url-pattern.js';
import { endpointKey } from './endpoint-key.js';
import { headerProblem } from './header-problem.js';
import { MAX_JSON_DEPTH, offsetBeyondDepth, pathBeyondDepth } from './json-depth.js';
import type * as JsonPositionsModule from './json-positions.js';
import type { TextProblem } from './json-positions.js';
import { headerValue, isJsonMediaType } from './media-type.js';
import { mergeRules } from './merge-rules.js';
import { NO_BODY_METHODS, standsForNoBody } from './request-body.js';
import type {
  Contract,
  Diagnostic,
  Example,
  ExampleRequest,
  ExampleResponse,
  ExampleState,
  Headers,
  JsonObject,
  JsonValue,
  Position,
  QueryParams,
  UrlPattern,
} from './types.js';
import { validateSchema } from './validate-schema.js';

/**
 * The text facts `JSON.parse` does not give (positions, duplicate keys, key order, syntax
 * errors): the json-positions module, which loads jsonc-parser. Passed in rather than
 * imported, so that a caller linting thousands of files loads it only for one with a problem.
 */
export type JsonPositions = typeof JsonPositionsModule;

/** The outcome of reading one contract: the contract when it has no error, and every problem. */
export interface Analysis {
  readonly contract: Contract | undefined;
  readonly diagnostics: Diagnostic[];
}

const KNOWN_METHODS = new Set([
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'CONNECT',
  'OPTIONS',
  'TRACE',
  'PATCH',
]);

/** A method as the schema accepts it: letters only. Others are reported by the schema check. */
const METHOD_SYNTAX = /^[A-Za-z]+$/;

/** What linting needs of a file: every problem, and the endpoint of a valid contract. */
export interface LintAnalysis {
  /** `"METHOD url-pattern"` when the file is a valid contract, as written, for messages. */
  readonly endpoint: string | undefined;
  /**
   * The endpoint with parameters spelled one way (`:id`, `{id}`, `[^/]+` are one segment of any
   * text), for the duplicate-endpoint check.
   */
  readonly endpointKey: string | undefined;
  readonly diagnostics: Diagnostic[];
}

interface Outcome extends Analysis, LintAnalysis {
  /** Object keys in the document; -1 when it nests deeper than MAX_JSON_DEPTH. */
  readonly keyCount: number;
}

/** Reads a contract from its text: JSON syntax, duplicate keys, schema, then meaning. */
export function analyzeText(text: string, source: string, positions: JsonPositions): Analysis {
  return analyzeTextAs(text, source, true, positions) as Outcome;
}

/**
 * Runs every check `analyzeText` runs without building the normalised contract: `abe lint`
 * over thousands of files keeps nothing of a contract but its endpoint. Without `positions`,
 * returns `undefined` for a text that needs them (one with a problem, or with examples keyed
 * by integers, whose order only the text keeps): call again with them.
 */
export function lintText(
  text: string,
  source: string,
  positions?: JsonPositions,
): LintAnalysis | undefined {
  return analyzeTextAs(text, source, false, positions);
}

function analyzeTextAs(
  text: string,
  source: string,
  build: boolean,
  positions: JsonPositions | undefined,
): Outcome | undefined {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let document: unknown;
  try {
    document = JSON.parse(body);
  } catch {
    // What follows a syntax error is mostly its consequence: report it alone.
    if (positions === undefined) return undefined;
    return invalid(
      0,
      textDiagnostics(positions.syntaxProblems(body), 'json.syntax', body, source, positions),
    );
  }
  // Examples keyed by integers come out of JSON.parse reordered: only the text has their order.
  if (positions === undefined && hasIntegerLabels(document)) return undefined;
  const outcome = analyze(document, source, { text: body, positions }, build);
  // Only a text with more keys than the parsed value can hold a duplicate: check cheaply first.
  // (A document too deep to count has its own diagnostic, and no positions to give.)
  if (outcome === undefined || outcome.keyCount < 0 || countKeysInText(body) <= outcome.keyCount) {
    return outcome;
  }
  if (positions === undefined) return undefined;
  const duplicates = positions.duplicateKeyProblems(body);
  if (duplicates.length === 0) return outcome;
  return invalid(outcome.keyCount, [
    ...textDiagnostics(duplicates, 'json.duplicate-key', body, source, positions),
    ...outcome.diagnostics,
  ]);
}

function hasIntegerLabels(document: unknown): boolean {
  const examples = (document as { examples?: unknown } | null)?.examples;
  return (
    examples !== null &&
    typeof examples === 'object' &&
    !Array.isArray(examples) &&
    Object.keys(examples).some(isArrayIndex)
  );
}

function textDiagnostics(
  problems: readonly TextProblem[],
  code: string,
  text: string,
  source: string,
  positions: JsonPositions,
): Diagnostic[] {
  return problems.map((problem) => ({
    file: source,
    ...positions.positionAt(text, problem.offset),
    pointer: problem.pointer,
    code,
    severity: 'error',
    message: problem.message,
  }));
}

/**
 * Counts the keys a valid JSON text writes: the strings followed by a colon. When they outnumber
 * the keys `JSON.parse` kept, a key repeats somewhere, and only then is the text parsed again,
 * by jsonc-parser, to say where. A loop over the quotes rather than a regular expression: on
 * `abe lint` over 10,000 files the regular expression took 100 ms more, 11% of the run
 * (docs/dependencies.md).
 */
function countKeysInText(text: string): number {
  let count = 0;
  for (let open = text.indexOf('"'); open !== -1; ) {
    let close = text.indexOf('"', open + 1);
    while (close !== -1 && isEscaped(text, close)) close = text.indexOf('"', close + 1);
    if (close === -1) break;
    let next = close + 1;
    while (isJsonSpace(text.charCodeAt(next))) next += 1;
    if (text.charCodeAt(next) === 58 /* : */) count += 1;
    open = text.indexOf('"', next);
  }
  return count;
}

/** A quote preceded by an odd number of backslashes is part of a string, not its end. */
function isEscaped(text: string, quote: number): boolean {
  let backslashes = 0;
  for (let index = quote - 1; text.charCodeAt(index) === 92 /* \ */; index -= 1) backslashes += 1;
  return backslashes % 2 === 1;
}

function isJsonSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

/** Thrown by `countKeys` past MAX_JSON_DEPTH, so the common walk checks nothing per child. */
const TOO_DEEP = Symbol('too deep');

/** Object keys in a parsed JSON value; -1 when a container nests deeper than MAX_JSON_DEPTH. */
function countKeysInValue(value: unknown): number {
  try {
    return countKeys(value, 1);
  } catch (error) {
    if (error === TOO_DEEP) return -1;
    throw error;
  }
}

/**
 * Counts the keys below a value whose containers are at nesting level `depth`. The recursion
 * stops at MAX_JSON_DEPTH, so it cannot overflow the stack.
 */
function countKeys(value: unknown, depth: number): number {
  if (value === null || typeof value !== 'object') return 0;
  if (depth > MAX_JSON_DEPTH) throw TOO_DEEP;
  let count = 0;
  if (Array.isArray(value)) {
    for (const item of value) count += countKeys(item, depth + 1);
    return count;
  }
  // for…in allocates no key array; objects from JSON.parse have no inherited enumerable keys.
  for (const key in value)
    count += 1 + countKeys((value as Record<string, unknown>)[key], depth + 1);
  return count;
}

/**
 * Reads a contract from an already parsed document (an imported JSON module, say).
 * Without the text there are no positions: diagnostics then carry line and column 0.
 */
export function analyzeDocument(document: unknown, source: string): Analysis {
  // Without a text there is nothing to place problems in, so the outcome is always whole.
  return analyze(document, source, undefined, true) as Outcome;
}

type Locate = (pointer: string) => Position | undefined;

const NOWHERE: Locate = () => undefined;

/** The text a document was parsed from, and the means to find things in it, if loaded. */
interface TextSource {
  readonly text: string;
  readonly positions: JsonPositions | undefined;
}

/**
 * Checks a document, then gives each problem its line and column in the text. `undefined`
 * when there are problems to place but no `positions` to place them with.
 */
function analyze(
  document: unknown,
  source: string,
  from: TextSource | undefined,
  build: boolean,
): Outcome | undefined {
  const text = from?.text;
  const positions = from?.positions;
  // Positions are only looked up for problems (or by users of the contract): make the
  // locator on first use.
  let locator: Locate | undefined;
  const locate: Locate = (pointer) => {
    locator ??=
      text === undefined || positions === undefined ? NOWHERE : positions.createLocator(text);
    return locator(pointer);
  };
  const keysInOrder =
    text === undefined || positions === undefined
      ? undefined
      : (pointer: string) => positions.keysInTextOrder(text, pointer);
  const outcome = check(document, source, keysInOrder, locate, build);
  if (outcome.diagnostics.length === 0 || text === undefined) return outcome;
  if (positions === undefined) return undefined;
  const diagnostics = outcome.diagnostics.map((d) => {
    // jsonc-parser cannot place anything in a document too deep for its recursion: find the
    // first container past the limit in the text itself.
    if (d.code !== 'json.too-deep') return { ...d, ...locate(d.pointer) };
    const offset = offsetBeyondDepth(text);
    return offset < 0 ? d : { ...d, ...positions.positionAt(text, offset) };
  });
  return { ...outcome, diagnostics };
}

/**
 * The analysis proper, problems at line and column 0; `build` false checks everything but
 * builds no contract. `keysInOrder` gives an object's keys as the text writes them.
 *
 * Stages: depth, schema, then meaning (the endpoint, each example), then building. Schema
 * problems do not stop the checks of meaning, so that one run of `abe lint` shows every
 * problem of a file: those checks read the document through type guards and skip what the
 * schema already reported as mistyped, so nothing is reported twice.
 */
function check(
  document: unknown,
  source: string,
  keysInOrder: ((pointer: string) => string[] | undefined) | undefined,
  locate: Locate,
  build: boolean,
): Outcome {
  const diagnostics: Diagnostic[] = [];
  let errorCount = 0;
  const reporter =
    (severity: Diagnostic['severity']): Report =>
    (pointer, code, message) => {
      if (severity === 'error') errorCount += 1;
      diagnostics.push({ file: source, line: 0, column: 0, pointer, code, severity, message });
    };
  const report = reporter('error');
  const warn = reporter('warning');

  const keyCount = countKeysInValue(document);
  if (keyCount < 0) reportTooDeep(document, report);
  reportSchemaProblems(document, report);
  if (!isRecord(document)) return invalid(keyCount, diagnostics);

  const endpoint = checkEndpoint(document, keysInOrder, report);
  const { entries, pattern } = endpoint;
  if (isRecord(document.examples)) {
    warnIntegerLabels(document.examples, entries, keysInOrder !== undefined, warn);
  }
  for (const [label, raw] of entries) {
    if (isRecord(raw)) {
      checkExample(label, raw, `/examples/${escapePointerSegment(label)}`, endpoint, report);
    }
  }
  // Nearly every file has no rules: the check is only entered for one that has some.
  if (
    document.rules !== undefined ||
    entries.some(([, raw]) => isRecord(raw) && raw.rules !== undefined)
  ) {
    checkRules(document, entries, report);
  }
  if (endpoint.urlMissing) {
    report(
      '',
      'request.url-missing',
      'the endpoint has no "url": add the endpoint url pattern at the top of the file.',
    );
  }
  // Warnings (label.numeric) leave the contract valid.
  if (errorCount > 0 || pattern === undefined) return invalid(keyCount, diagnostics);

  // Without errors the document is as the schema says, and every example is whole.
  const doc = document as unknown as ValidDocument;
  const valid = entries as [string, RawExample][];
  const firstRequest = valid[0]?.[1].request;
  const method = endpoint.method ?? firstRequest?.method?.toUpperCase() ?? 'GET';
  const written = `${method} ${pattern.source}`;
  const key = endpointKey(method, pattern);
  if (!build) {
    return { contract: undefined, endpoint: written, endpointKey: key, keyCount, diagnostics };
  }
  const contract: Contract = {
    source,
    ...(doc.description === undefined ? {} : { description: doc.description }),
    url: pattern.source,
    method,
    pattern,
    examples: valid.map(([label, raw]) =>
      buildExample(label, raw, `/examples/${escapePointerSegment(label)}`, doc, pattern),
    ),
    document: doc,
    locate,
  };
  return { contract, endpoint: written, endpointKey: key, keyCount, diagnostics };
}

function invalid(keyCount: number, diagnostics: Diagnostic[]): Outcome {
  return {
    contract: undefined,
    endpoint: undefined,
    endpointKey: undefined,
    keyCount,
    diagnostics,
  };
}

/** The shape a document has once the schema accepts it. */
type ValidDocument = JsonObject & {
  description?: string;
  rules?: Record<string, string>;
  url?: string;
  method?: string;
  examples: Record<string, RawExample> | RawExample[];
};

interface RawExample {
  description?: string;
  request?: {
    url?: string;
    method?: string;
    queryParams?: Record<string, string | string[]>;
    headers?: Record<string, string>;
    body?: JsonValue;
  };
  response: { status: number; headers?: Record<string, string>; body?: JsonValue };
  nonStrict?: string[];
  state?: string | { name: string; params?: JsonObject };
  rules?: Record<string, string>;
}

type Report = (pointer: string, code: string, message: string) => void;

/** A string with something in it, as the schema wants urls: anything else it reports. */
function isFilled(value: unknown): value is string {
  // A url nearly always starts with "/": the regular expression is for the rest.
  return typeof value === 'string' && (value.charCodeAt(0) > 32 || /\S/.test(value));
}

function reportTooDeep(document: unknown, report: Report): void {
  // Where it happens, to the level of the example's part (`/examples/OK/response/body`): a
  // pointer a thousand keys long would say less.
  const path = pathBeyondDepth(document) ?? [];
  const pointer = toPointer('', path.slice(0, 4));
  report(
    pointer,
    'json.too-deep',
    `${pointer === '' ? 'the document' : pointer} nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep, deeper than abe reads JSON: flatten it.`,
  );
}

function unknownMethod(method: string, where: string): string {
  return `unknown HTTP method ${JSON.stringify(method)}${where}: use one of ${[...KNOWN_METHODS].join(', ')}.${didYouMean(method, KNOWN_METHODS)}`;
}

function reportSchemaProblems(document: unknown, report: Report): void {
  const problems = validateSchema(document);
  if (problems.length === 0) return;
  // A bad state object fails both forms of the schema's anyOf, with an error for each: one
  // diagnostic says it all.
  const statesReported = new Set<string>();
  for (const problem of problems) {
    if (
      problem.pointer.endsWith('/response/status') &&
      (problem.keyword === 'minimum' || problem.keyword === 'maximum')
    ) {
      const status = valueAt(document, problem.pointer);
      report(
        problem.pointer,
        'status.range',
        `response status ${String(status)} is outside 100–599: use a real HTTP status code.`,
      );
    } else if (STATE_POINTER.test(problem.pointer)) {
      const pointer = (STATE_POINTER.exec(problem.pointer) as RegExpExecArray)[0];
      if (statesReported.has(pointer)) continue;
      statesReported.add(pointer);
      report(pointer, 'state.invalid', stateProblem(valueAt(document, pointer)));
    } else if (problem.pointer.endsWith('/method') && problem.keyword === 'pattern') {
      report(
        problem.pointer,
        'method.unknown',
        unknownMethod(String(valueAt(document, problem.pointer)), ''),
      );
    } else {
      report(problem.pointer, 'schema', `${problem.message} (see spec/abe.schema.json).`);
    }
  }
}

// An example's own `state` (or a part of it), not a key named "state" in a body or in headers.
const STATE_POINTER = /^\/examples\/[^/]+\/state(?=\/|$)/;

function stateProblem(value: unknown): string {
  const how =
    'it names the provider state the example assumes, as a non-empty string such as "user 1 exists" or an object such as { "name": "user exists", "params": { "id": 1 } } (or remove it).';
  if (isRecord(value)) {
    const unknown = Object.keys(value).find((key) => key !== 'name' && key !== 'params');
    if (unknown !== undefined) {
      return `"state" has an unknown key ${JSON.stringify(unknown)}: a state object has only "name" and "params".${didYouMean(unknown, STATE_KEYS)}`;
    }
    return `"state" ${stateObjectProblem(value)}: ${how}`;
  }
  const found =
    typeof value === 'string'
      ? value === ''
        ? 'is empty'
        : 'is blank'
      : `is a ${jsonType(value)}`;
  return `"state" ${found}: ${how}`;
}

function stateObjectProblem(state: Record<string, unknown>): string {
  const { name, params } = state;
  if (name === undefined) return 'has no "name"';
  if (typeof name !== 'string') return `has a "name" that is a ${jsonType(name)}`;
  if (!/\S/.test(name)) return `has a ${name === '' ? 'empty' : 'blank'} "name"`;
  return `has "params" that is a ${jsonType(params)}, where it takes an object of parameters`;
}

const STATE_KEYS: readonly string[] = ['name', 'params'];

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'list' : typeof value === 'object' ? 'object' : typeof value;
}

/** What the examples inherit from the top of the file, and the url pattern they must match. */
interface EndpointFacts {
  readonly entries: readonly [string, unknown][];
  /** The endpoint method, upper case, when written as a string. */
  readonly method: string | undefined;
  /** The endpoint method is written but mistyped (reported by the schema). */
  readonly methodBroken: boolean;
  readonly pattern: UrlPattern | undefined;
  /** No url at the top nor in any example's request. */
  readonly urlMissing: boolean;
}

function checkEndpoint(
  doc: Record<string, unknown>,
  keysInOrder: ((pointer: string) => string[] | undefined) | undefined,
  report: Report,
): EndpointFacts {
  const examples = doc.examples;
  const entries =
    Array.isArray(examples) || isRecord(examples) ? exampleEntries(examples, keysInOrder) : [];
  if (entries.length === 0 && (Array.isArray(examples) || isRecord(examples))) {
    report(
      '/examples',
      'examples.empty',
      'the endpoint has no examples: add at least one labelled request/response example.',
    );
  }

  const written = typeof doc.method === 'string' ? doc.method : undefined;
  const method = written?.toUpperCase();
  if (
    written !== undefined &&
    !KNOWN_METHODS.has(method as string) &&
    METHOD_SYNTAX.test(written)
  ) {
    report('/method', 'method.unknown', unknownMethod(written, ''));
  }

  // A url the schema refused (not a string, or blank) is not also read as a pattern.
  const urlBroken = doc.url !== undefined && !isFilled(doc.url);
  const patternSource = isFilled(doc.url)
    ? doc.url
    : urlBroken
      ? undefined
      : firstRequestUrl(entries)?.split('?')[0];
  return {
    entries,
    method,
    methodBroken: doc.method !== undefined && written === undefined,
    pattern: patternSource === undefined ? undefined : compilePattern(patternSource, report),
    urlMissing: patternSource === undefined && !urlBroken,
  };
}

function firstRequestUrl(entries: readonly [string, unknown][]): string | undefined {
  for (const [, raw] of entries) {
    const request = isRecord(raw) ? raw.request : undefined;
    if (isRecord(request) && isFilled(request.url)) return request.url;
  }
  return undefined;
}

function compilePattern(source: string, report: Report): UrlPattern | undefined {
  try {
    return compileUrlPattern(source);
  } catch (error) {
    if (error instanceof UnsafeRegexError) {
      report(
        '/url',
        'url.unsafe-pattern',
        `the url pattern "${source}" cannot be matched in linear time (${error.message}): abe matches url patterns without backtracking, so that no path can stall lint or a mocked request. Rewrite that part as a plain regex part ([0-9]+, [^/]+, (a|b)) or a parameter (:id).`,
      );
    } else {
      report(
        '/url',
        'url.invalid-pattern',
        `the url pattern "${source}" is not a valid regular expression (${(error as Error).message}): escape literal brackets or fix the regex part.`,
      );
    }
    return undefined;
  }
}

function exampleEntries(
  examples: Record<string, unknown> | unknown[],
  keysInOrder: ((pointer: string) => string[] | undefined) | undefined,
): [string, unknown][] {
  if (Array.isArray(examples)) return examples.map((example, index) => [String(index), example]);
  const keys = Object.keys(examples);
  // JSON objects list integer-like keys first; recover the file's order from the text.
  const order =
    keysInOrder !== undefined && keys.some(isArrayIndex)
      ? (keysInOrder('/examples') ?? keys)
      : keys;
  return order.map((key) => [key, examples[key]]);
}

/**
 * Warns at each label JavaScript orders before all others (`"0"`, `"404"`): a JSON object read by
 * JavaScript (an imported module, `JSON.parse`) lists those examples first, in numeric order,
 * and the first example and the ties between examples depend on the order (spec/README.md).
 * Only the text keeps the order written; `inTextOrder` says `entries` has it.
 */
function warnIntegerLabels(
  examples: Record<string, unknown>,
  entries: readonly [string, unknown][],
  inTextOrder: boolean,
  warn: Report,
): void {
  // Nearly every file has none: find out without allocating, as lint runs this per file.
  if (!entries.some(([label]) => isArrayIndex(label))) return;
  const integers = entries.filter(([label]) => isArrayIndex(label)).map(([label]) => label);
  const parsed = Object.keys(examples);
  const moved = inTextOrder && parsed.some((label, index) => label !== entries[index]?.[0]);
  const shown = parsed.slice(0, 5).map((label) => JSON.stringify(label));
  const order = moved
    ? `this file's examples come as ${shown.join(', ')}${parsed.length > 5 ? ', …' : ''}, not in the order written`
    : 'these examples keep the order written only while every integer label comes first, in ascending order';
  for (const label of integers) {
    warn(
      `/examples/${escapePointerSegment(label)}`,
      'label.numeric',
      `label ${JSON.stringify(label)} is an integer, which JavaScript lists before other keys, in numeric order: imported as a module or read with JSON.parse, ${order}. Give it a label that is not a number (a word, such as "not found"), or write "examples" as an array if the examples are only numbered.`,
    );
  }
}

/** `0`, `7`, `42`: a key JavaScript orders before all others (`07` and `-1` are not). */
function isArrayIndex(key: string): boolean {
  const first = key.charCodeAt(0);
  if (first < 48 || first > 57 || (first === 48 && key.length > 1)) return false;
  for (let index = 1; index < key.length; index += 1) {
    const code = key.charCodeAt(index);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/**
 * The checks of one example's meaning; mistyped parts (reported by the schema) are skipped.
 * One function on purpose: lint runs it for every example of thousands of files, mostly
 * before the JIT has optimised anything, where every call costs.
 */
function checkExample(
  label: string,
  raw: Record<string, unknown>,
  pointer: string,
  endpoint: EndpointFacts,
  report: Report,
): void {
  const request = raw.request === undefined ? NO_REQUEST : raw.request;
  if (isRecord(request)) {
    const own = request.method;
    let method: string | undefined;
    if (own === undefined) {
      method = endpoint.method;
      if (method === undefined && !endpoint.methodBroken) {
        report(
          pointer,
          'request.method-missing',
          `example "${label}" has no method: add "method" at the top of the file or in the example's request.`,
        );
      }
    } else if (typeof own === 'string') {
      // Methods are nearly always written in capitals already: skip the new string.
      method = KNOWN_METHODS.has(own) ? own : own.toUpperCase();
      if (!KNOWN_METHODS.has(method) && METHOD_SYNTAX.test(own)) {
        report(
          `${pointer}/request/method`,
          'method.unknown',
          unknownMethod(own, ` in example "${label}"`),
        );
      }
    }

    const { url } = request;
    const { pattern } = endpoint;
    if (isFilled(url)) {
      const queryStart = url.indexOf('?');
      const path = queryStart === -1 ? url : url.slice(0, queryStart);
      if (pattern !== undefined && !pattern.test(path)) {
        report(
          `${pointer}/request/url`,
          'url.no-match',
          `example "${label}" requests "${path}", which does not match the endpoint url pattern "${pattern.source}": fix the request url or widen the pattern.`,
        );
      }
    } else if (url === undefined && pattern !== undefined && !pattern.literal) {
      report(
        pointer,
        'request.url-missing',
        `example "${label}" has no request.url, and the endpoint url "${pattern.source}" is a pattern, so no request can be built from it: add a concrete "request": { "url": … } that matches it.`,
      );
    }

    const headers =
      request.headers === undefined
        ? undefined
        : checkHeaders(label, pointer, 'request', request.headers, report);
    if (method !== undefined && !standsForNoBody(method, request.body)) {
      checkRequestBody(label, pointer, method, headers, request.body, report);
    }
  }

  const response = raw.response;
  if (!isRecord(response)) return;
  const headers =
    response.headers === undefined
      ? undefined
      : checkHeaders(label, pointer, 'response', response.headers, report);
  if (response.body !== undefined) {
    checkBodyType(label, pointer, 'response', headers, response.body, report);
  }
}

const NO_REQUEST: Record<string, unknown> = Object.freeze({});

/**
 * Reports every header that HTTP cannot carry as written (fetch and node's http refuse them),
 * and returns the headers' string values for the body checks: the schema reports any other.
 */
function checkHeaders(
  label: string,
  pointer: string,
  part: 'request' | 'response',
  headers: unknown,
  report: Report,
): Record<string, string> | undefined {
  if (!isRecord(headers)) return undefined;
  let mistyped = false;
  for (const name in headers) {
    const value = headers[name];
    if (typeof value !== 'string') {
      mistyped = true;
      continue;
    }
    const problem = headerProblem(name, value);
    if (problem === undefined) continue;
    report(
      `${pointer}/${part}/headers/${escapePointerSegment(name)}`,
      'header.invalid',
      `example "${label}": the ${part} header ${JSON.stringify(name)} cannot be sent, ${problem}.`,
    );
  }
  if (!mistyped) return headers as Record<string, string>;
  return Object.fromEntries(
    Object.entries(headers).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}

/** Builds the normalised example of a valid document. */
function buildExample(
  label: string,
  raw: RawExample,
  pointer: string,
  doc: { url?: string; method?: string; rules?: Record<string, string> },
  pattern: UrlPattern,
): Example {
  const request = raw.request ?? {};
  const written = (request.method ?? doc.method) as string;
  // Methods are nearly always written in capitals already: skip the new string.
  const method = KNOWN_METHODS.has(written) ? written : written.toUpperCase();
  // Where the url's query string starts, -1 for none.
  const queryStart = request.url === undefined ? -1 : request.url.indexOf('?');
  const path =
    request.url === undefined
      ? pattern.source
      : queryStart === -1
        ? request.url
        : request.url.slice(0, queryStart);

  // Optional fields are assigned, not spread: thousands of examples are built per lint run,
  // and every spread allocated a throwaway object.
  const builtRequest: Mutable<ExampleRequest> = { url: path, method };
  const urlQuery =
    queryStart === -1
      ? undefined
      : [...new URLSearchParams((request.url as string).slice(queryStart + 1))];
  const queryParams =
    urlQuery === undefined ? request.queryParams : mergeQuery(urlQuery, request.queryParams);
  if (queryParams !== undefined) builtRequest.queryParams = queryParams;
  if (request.headers !== undefined) builtRequest.headers = request.headers as Headers;
  if (request.body !== undefined) builtRequest.body = request.body;
  const response: Mutable<ExampleResponse> = { status: raw.response.status };
  if (raw.response.headers !== undefined) response.headers = raw.response.headers as Headers;
  if (raw.response.body !== undefined) response.body = raw.response.body;
  const example: Mutable<Example> = {
    label,
    request: builtRequest,
    response,
    nonStrict: raw.nonStrict ?? NO_NON_STRICT,
    pointer,
  };
  if (raw.description !== undefined) example.description = raw.description;
  if (raw.state !== undefined) example.state = exampleState(raw.state);
  const rules = mergeRules(doc.rules, raw.rules);
  if (rules !== undefined) example.rules = rules;
  return example;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Both forms of `"state"` as one shape, so handlers and the meaning see no difference. */
function exampleState(state: NonNullable<RawExample['state']>): ExampleState {
  return typeof state === 'string'
    ? { name: state, params: {} }
    : { name: state.name, params: state.params ?? {} };
}

const NO_NON_STRICT: readonly string[] = Object.freeze([]);

/**
 * Reports a request body that cannot be sent: a GET or HEAD with a body other than one that
 * stands for none (`{}`, `null`, `""`), or a body that does not fit its Content-Type.
 */
function checkRequestBody(
  label: string,
  pointer: string,
  method: string | undefined,
  headers: Record<string, string> | undefined,
  body: unknown,
  report: Report,
): void {
  if (method === undefined || standsForNoBody(method, body)) return;
  if (NO_BODY_METHODS.has(method)) {
    report(
      `${pointer}/request/body`,
      'request.body-not-allowed',
      `example "${label}" gives a ${method} request a body, which neither fetch nor abe's provider check can send: remove "body" from the request, or use a method that takes one (POST, PUT, PATCH).`,
    );
    return;
  }
  checkBodyType(label, pointer, 'request', headers, body, report);
}

/**
 * Reports a body that does not fit the message's Content-Type: a string that is not JSON text
 * under a JSON type, or a JSON value under a type that is not JSON (it could be neither sent
 * nor compared).
 */
function checkBodyType(
  label: string,
  pointer: string,
  part: 'request' | 'response',
  headers: Record<string, string> | undefined,
  body: unknown,
  report: Report,
): void {
  if (body === undefined) return;
  const contentType = headerValue(headers, 'content-type');
  if (contentType === undefined) return;
  if (typeof body === 'string') {
    if (!isJsonMediaType(contentType) || parsesAsJson(body)) return;
    report(
      `${pointer}/${part}/body`,
      'body.not-json',
      `example "${label}" declares a JSON Content-Type but its ${part} body is a string that is not JSON: write the body as a JSON value, or change the Content-Type.`,
    );
    return;
  }
  if (isJsonMediaType(contentType)) return;
  report(
    `${pointer}/${part}/body`,
    'body.not-text',
    `example "${label}" gives its ${part} body as a JSON value, but its Content-Type "${contentType}" is not JSON: write the body as the exact text (a JSON string), or use a JSON Content-Type such as application/json.`,
  );
}

function mergeQuery(
  fromUrl: [string, string][],
  declared: Record<string, string | string[]> | undefined,
): QueryParams | undefined {
  if (fromUrl.length === 0) return declared;
  const grouped = new Map<string, string[]>();
  for (const [key, value] of fromUrl) grouped.set(key, [...(grouped.get(key) ?? []), value]);
  const entries: [string, string | string[]][] = [...grouped].map(([key, values]) => [
    key,
    values.length === 1 ? (values[0] as string) : values,
  ]);
  // Object.fromEntries defines own properties, so a "__proto__" parameter stays a parameter.
  return Object.fromEntries([...entries, ...Object.entries(declared ?? {})]);
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function valueAt(document: unknown, pointer: string): unknown {
  let value = document;
  for (const segment of pointerSegments(pointer)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = Object.hasOwn(value, segment) ? (value as Record<string, unknown>)[segment] : undefined;
  }
  return value;
}
