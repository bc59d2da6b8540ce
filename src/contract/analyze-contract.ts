import { escapePointerSegment, pointerSegments } from '../core/json-pointer.js';
import { compileUrlPattern } from './compile-url-pattern.js';
import type * as JsonPositionsModule from './json-positions.js';
import type { TextProblem } from './json-positions.js';
import { headerValue, isJsonMediaType } from './media-type.js';
import { NO_BODY_METHODS, standsForNoBody } from './request-body.js';
import type {
  Contract,
  Diagnostic,
  Example,
  ExampleRequest,
  ExampleResponse,
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

/** What linting needs of a file: every problem, and the endpoint of a valid contract. */
export interface LintAnalysis {
  /** `"METHOD url-pattern"` when the file is a valid contract, for the duplicate-endpoint check. */
  readonly endpoint: string | undefined;
  readonly diagnostics: Diagnostic[];
}

interface Outcome extends Analysis, LintAnalysis {}

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
    if (positions === undefined) return undefined;
    return {
      contract: undefined,
      endpoint: undefined,
      diagnostics: textDiagnostics(
        positions.syntaxProblems(body),
        'json.syntax',
        body,
        source,
        positions,
      ),
    };
  }
  // Examples keyed by integers come out of JSON.parse reordered: only the text has their order.
  if (positions === undefined && hasIntegerLabels(document)) return undefined;
  const outcome = analyze(document, source, { text: body, positions }, build);
  // Only a text with more keys than the parsed value can hold a duplicate: check cheaply first.
  if (outcome === undefined || countKeysInText(body) <= countKeysInValue(document)) return outcome;
  if (positions === undefined) return undefined;
  const duplicates = positions.duplicateKeyProblems(body);
  if (duplicates.length === 0) return outcome;
  return {
    contract: undefined,
    endpoint: undefined,
    diagnostics: [
      ...textDiagnostics(duplicates, 'json.duplicate-key', body, source, positions),
      ...outcome.diagnostics,
    ],
  };
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

/** Counts object keys in a parsed JSON value. */
function countKeysInValue(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  let count = 0;
  if (Array.isArray(value)) {
    for (const item of value) count += countKeysInValue(item);
    return count;
  }
  // for…in allocates no key array; objects from JSON.parse have no inherited enumerable keys.
  for (const key in value) count += 1 + countKeysInValue((value as Record<string, unknown>)[key]);
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
  const diagnostics = outcome.diagnostics.map((d) => ({ ...d, ...locate(d.pointer) }));
  return { ...outcome, diagnostics };
}

/**
 * The analysis proper, problems at line and column 0; `build` false checks everything but
 * builds no contract. `keysInOrder` gives an object's keys as the text writes them.
 */
function check(
  document: unknown,
  source: string,
  keysInOrder: ((pointer: string) => string[] | undefined) | undefined,
  locate: Locate,
  build: boolean,
): Outcome {
  const diagnostics: Diagnostic[] = [];
  const report = (pointer: string, code: string, message: string): void => {
    diagnostics.push({
      file: source,
      line: 0,
      column: 0,
      pointer,
      code,
      severity: 'error',
      message,
    });
  };

  const schemaProblems = validateSchema(document);
  for (const problem of schemaProblems) {
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
    } else if (problem.pointer.endsWith('/method') && problem.keyword === 'pattern') {
      const method = valueAt(document, problem.pointer);
      report(
        problem.pointer,
        'method.unknown',
        `unknown HTTP method ${JSON.stringify(method)}: use one of ${[...KNOWN_METHODS].join(', ')}.`,
      );
    } else {
      report(problem.pointer, 'schema', `${problem.message} (see spec/abe.schema.json).`);
    }
  }
  if (schemaProblems.length > 0) return { contract: undefined, endpoint: undefined, diagnostics };

  // The schema guarantees the shapes read below.
  const doc = document as JsonObject & {
    description?: string;
    url?: string;
    method?: string;
    examples: Record<string, RawExample> | RawExample[];
  };

  const entries = exampleEntries(doc.examples, keysInOrder);
  if (entries.length === 0) {
    report(
      '/examples',
      'examples.empty',
      'the endpoint has no examples: add at least one labelled request/response example.',
    );
  }

  const topMethod = doc.method?.toUpperCase();
  if (topMethod !== undefined && !KNOWN_METHODS.has(topMethod)) {
    report(
      '/method',
      'method.unknown',
      `unknown HTTP method "${doc.method}": use one of ${[...KNOWN_METHODS].join(', ')}.`,
    );
  }

  const patternSource =
    doc.url ??
    entries
      .find(([, example]) => example.request?.url !== undefined)?.[1]
      .request?.url?.split('?')[0];
  let pattern: UrlPattern | undefined;
  if (patternSource !== undefined) {
    try {
      pattern = compileUrlPattern(patternSource);
    } catch (error) {
      report(
        '/url',
        'url.invalid-pattern',
        `the url pattern "${patternSource}" is not a valid regular expression (${(error as Error).message}): escape literal brackets or fix the regex part.`,
      );
    }
  }

  const examples: Example[] = [];
  for (const [label, raw] of entries) {
    const pointer = `/examples/${escapePointerSegment(label)}`;
    const example = buildExample(label, raw, pointer, doc, pattern, report, build);
    if (example !== undefined) examples.push(example);
  }

  if (diagnostics.length > 0 || pattern === undefined) {
    if (pattern === undefined && diagnostics.length === 0) {
      report(
        '',
        'request.url-missing',
        'the endpoint has no "url": add the endpoint url pattern at the top of the file.',
      );
    }
    return { contract: undefined, endpoint: undefined, diagnostics };
  }

  // Without problems every example was built, so the first one is the first entry.
  const firstRequest = entries[0]?.[1].request;
  const method = topMethod ?? firstRequest?.method?.toUpperCase() ?? 'GET';
  const endpoint = `${method} ${pattern.source}`;
  if (!build) return { contract: undefined, endpoint, diagnostics };
  const contract: Contract = {
    source,
    ...(doc.description === undefined ? {} : { description: doc.description }),
    url: pattern.source,
    method,
    pattern,
    examples,
    document: doc,
    locate,
  };
  return { contract, endpoint, diagnostics };
}

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
}

type Report = (pointer: string, code: string, message: string) => void;

function exampleEntries(
  examples: Record<string, RawExample> | RawExample[],
  keysInOrder: ((pointer: string) => string[] | undefined) | undefined,
): [string, RawExample][] {
  if (Array.isArray(examples)) return examples.map((example, index) => [String(index), example]);
  const keys = Object.keys(examples);
  // JSON objects list integer-like keys first; recover the file's order from the text.
  const order =
    keysInOrder !== undefined && keys.some(isArrayIndex)
      ? (keysInOrder('/examples') ?? keys)
      : keys;
  return order.map((key) => [key, examples[key] as RawExample]);
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

function buildExample(
  label: string,
  raw: RawExample,
  pointer: string,
  doc: { url?: string; method?: string },
  pattern: UrlPattern | undefined,
  report: Report,
  build: boolean,
): Example | undefined {
  const request = raw.request ?? {};
  const written = request.method ?? doc.method;
  // Methods are nearly always written in capitals already: skip the new string.
  const method =
    written === undefined || KNOWN_METHODS.has(written) ? written : written.toUpperCase();
  let ok = true;
  if (method === undefined) {
    report(
      pointer,
      'request.method-missing',
      `example "${label}" has no method: add "method" at the top of the file or in the example's request.`,
    );
    ok = false;
  } else if (request.method !== undefined && !KNOWN_METHODS.has(method)) {
    report(
      `${pointer}/request/method`,
      'method.unknown',
      `unknown HTTP method "${request.method}" in example "${label}": use one of ${[...KNOWN_METHODS].join(', ')}.`,
    );
    ok = false;
  }

  let path: string | undefined;
  // Where the url's query string starts, -1 for none: parsed only when the example is built.
  let queryStart = -1;
  if (request.url !== undefined) {
    queryStart = request.url.indexOf('?');
    path = queryStart === -1 ? request.url : request.url.slice(0, queryStart);
    if (pattern !== undefined && !pattern.test(path)) {
      report(
        `${pointer}/request/url`,
        'url.no-match',
        `example "${label}" requests "${path}", which does not match the endpoint url pattern "${pattern.source}": fix the request url or widen the pattern.`,
      );
      ok = false;
    }
  } else if (pattern?.literal) {
    path = pattern.source;
  } else if (pattern !== undefined) {
    report(
      pointer,
      'request.url-missing',
      `example "${label}" has no request.url, and the endpoint url "${pattern.source}" is a pattern, so no request can be built from it: add a concrete "request": { "url": … } that matches it.`,
    );
    ok = false;
  }

  if (!checkRequestBody(label, pointer, method, request, report)) ok = false;
  if (!checkBodyType(label, pointer, 'response', raw.response, report)) ok = false;

  if (!build || !ok || path === undefined || method === undefined) return undefined;

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
  return example;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const NO_NON_STRICT: readonly string[] = Object.freeze([]);

/**
 * False (and reported) when the request body cannot be sent: a GET or HEAD with a body other
 * than one that stands for none (`{}`, `null`, `""`), or a body that does not fit its
 * Content-Type.
 */
function checkRequestBody(
  label: string,
  pointer: string,
  method: string | undefined,
  request: { headers?: Record<string, string>; body?: JsonValue },
  report: Report,
): boolean {
  if (method === undefined || standsForNoBody(method, request.body)) return true;
  if (NO_BODY_METHODS.has(method)) {
    report(
      `${pointer}/request/body`,
      'request.body-not-allowed',
      `example "${label}" gives a ${method} request a body, which neither fetch nor abe's provider check can send: remove "body" from the request, or use a method that takes one (POST, PUT, PATCH).`,
    );
    return false;
  }
  return checkBodyType(label, pointer, 'request', request, report);
}

/**
 * False (and reported) when a body does not fit the message's Content-Type: a string that is
 * not JSON text under a JSON type, or a JSON value under a type that is not JSON (it could be
 * neither sent nor compared).
 */
function checkBodyType(
  label: string,
  pointer: string,
  part: 'request' | 'response',
  message: { headers?: Record<string, string>; body?: JsonValue },
  report: Report,
): boolean {
  const { body } = message;
  if (body === undefined) return true;
  const contentType = headerValue(message.headers, 'content-type');
  if (contentType === undefined) return true;
  if (typeof body === 'string') {
    if (!isJsonMediaType(contentType) || parsesAsJson(body)) return true;
    report(
      `${pointer}/${part}/body`,
      'body.not-json',
      `example "${label}" declares a JSON Content-Type but its ${part} body is a string that is not JSON: write the body as a JSON value, or change the Content-Type.`,
    );
    return false;
  }
  if (isJsonMediaType(contentType)) return true;
  report(
    `${pointer}/${part}/body`,
    'body.not-text',
    `example "${label}" gives its ${part} body as a JSON value, but its Content-Type "${contentType}" is not JSON: write the body as the exact text (a JSON string), or use a JSON Content-Type such as application/json.`,
  );
  return false;
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
