import stringify from 'fast-json-stable-stringify';
import { parseContract } from '../contract/parse-contract.js';
import type { Contract, JsonObject, JsonValue } from '../contract/types.js';

/** How two versions of one contract file compare, as consumers see them. */
export type ContractChange =
  | { readonly kind: 'same' }
  | { readonly kind: 'added' }
  | { readonly kind: 'deleted' }
  | {
      readonly kind: 'unparseable';
      readonly side: 'old' | 'new' | 'both';
      readonly problem: string;
    }
  /** `changes`: where the meaning differs, such as `example "OK" response.body.name`. */
  | { readonly kind: 'changed'; readonly changes: readonly string[] };

// Keys that document rather than specify: editing them changes no request or response.
const TOP_LEVEL_KEYS = new Set(['description', 'url', 'method', 'examples', '$schema']);
const EXAMPLE_KEYS = new Set(['description', 'request', 'response', 'nonStrict', 'state']);

/**
 * Compares two versions of a contract file by meaning: both are parsed, normalised
 * (inherited url and method filled in, header names lower-cased, descriptions left out) and
 * serialised canonically, so whitespace, key order and descriptions do not count. A side that
 * does not parse counts as a change (fail safe); `undefined` text means the file is absent.
 *
 * @example
 * compareContractVersions(oldText, newText, 'api/users.json');
 * // { kind: 'changed', changes: ['example "OK" response.body.name'] }
 */
export function compareContractVersions(
  oldText: string | undefined,
  newText: string | undefined,
  source: string,
): ContractChange {
  if (oldText === undefined && newText === undefined) return { kind: 'same' };
  if (oldText === undefined) return { kind: 'added' };
  if (newText === undefined) return { kind: 'deleted' };
  if (oldText === newText) return { kind: 'same' };
  const before = meaningOf(oldText, source);
  const after = meaningOf(newText, source);
  if ('problem' in before || 'problem' in after) {
    const side = 'problem' in before ? ('problem' in after ? 'both' : 'old') : 'new';
    const problem = ('problem' in after ? after.problem : (before as { problem: string }).problem)
      .split('\n')
      .slice(0, 2)
      .join(' ');
    return { kind: 'unparseable', side, problem };
  }
  if (stringify(before.meaning) === stringify(after.meaning)) return { kind: 'same' };
  return { kind: 'changed', changes: describeChanges(before.meaning, after.meaning) };
}

/**
 * The canonical meaning of a contract: what providers are checked against and consumers stub.
 * Examples are keyed by label, so reordering labelled examples changes nothing.
 *
 * @example
 * stringify(contractMeaning(parseContract(text))); // the same for any formatting of the file
 */
function contractMeaning(contract: Contract): JsonObject {
  const raw = contract.document.examples;
  const examples = contract.examples.map((example, index): [string, JsonValue] => {
    const rawExample = Array.isArray(raw) ? raw[index] : ownValue(raw, example.label);
    const request: [string, JsonValue][] = [
      ['url', example.request.url],
      ['method', example.request.method],
    ];
    if (example.request.queryParams !== undefined) {
      request.push(['queryParams', example.request.queryParams as JsonObject]);
    }
    if (example.request.headers !== undefined) {
      request.push(['headers', lowerCaseNames(example.request.headers)]);
    }
    if (example.request.body !== undefined) request.push(['body', example.request.body]);
    const response: [string, JsonValue][] = [['status', example.response.status]];
    if (example.response.headers !== undefined) {
      response.push(['headers', lowerCaseNames(example.response.headers)]);
    }
    if (example.response.body !== undefined) response.push(['body', example.response.body]);
    return [
      example.label,
      Object.fromEntries([
        ['request', Object.fromEntries(request)],
        ['response', Object.fromEntries(response)],
        ['nonStrict', [...example.nonStrict].sort()],
        // The provider state is part of the contract: another state is another promise.
        ...(example.state === undefined ? [] : [['state', example.state] as [string, JsonValue]]),
        ...extensions(rawExample, EXAMPLE_KEYS),
      ]),
    ];
  });
  return Object.fromEntries([
    ['url', contract.url],
    ['method', contract.method],
    ['examples', Object.fromEntries(examples)],
    ...extensions(contract.document, TOP_LEVEL_KEYS),
  ]);
}

/**
 * Parses a tiny contract so that the schema validator is compiled now, while git is still
 * working, rather than when the first changed contract is compared.
 *
 * @example
 * void import('./compare-contract-versions.js').then((module) => module.warmUpContractParser());
 */
export function warmUpContractParser(): void {
  meaningOf('{"url":"/","method":"GET","examples":{"OK":{"response":{"status":200}}}}', 'warm-up');
}

function meaningOf(text: string, source: string): { meaning: JsonObject } | { problem: string } {
  try {
    return { meaning: contractMeaning(parseContract(text, { source })) };
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

// Keys plain ABE tools ignore may still drive our matchers, so they count as meaning.
function extensions(
  value: JsonValue | undefined,
  known: ReadonlySet<string>,
): [string, JsonValue][] {
  if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) {
    return [];
  }
  return Object.keys(value)
    .filter((key) => !known.has(key))
    .map((key) => [`extension ${key}`, value[key] as JsonValue]);
}

function lowerCaseNames(headers: Readonly<Record<string, string>>): JsonObject {
  return Object.fromEntries(
    Object.keys(headers).map((name) => [name.toLowerCase(), headers[name] as string]),
  );
}

function ownValue(object: JsonValue | undefined, key: string): JsonValue | undefined {
  if (
    object === undefined ||
    object === null ||
    typeof object !== 'object' ||
    Array.isArray(object)
  ) {
    return undefined;
  }
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

function describeChanges(before: JsonObject, after: JsonObject): string[] {
  const changes: string[] = [];
  for (const key of unionKeys(before, after)) {
    if (key === 'examples') continue;
    diffPaths(before[key], after[key], key, changes);
  }
  const oldExamples = before.examples as JsonObject;
  const newExamples = after.examples as JsonObject;
  for (const label of unionKeys(oldExamples, newExamples)) {
    const name = `example ${JSON.stringify(label)}`;
    const inOld = Object.hasOwn(oldExamples, label);
    const inNew = Object.hasOwn(newExamples, label);
    if (!inOld) changes.push(`${name} added`);
    else if (!inNew) changes.push(`${name} removed`);
    else {
      const paths: string[] = [];
      diffPaths(oldExamples[label], newExamples[label], '', paths);
      for (const path of paths) changes.push(`${name} ${path}`);
    }
  }
  return changes;
}

/** Pushes the path of every leaf that differs; a type or length change reports the container. */
function diffPaths(
  before: JsonValue | undefined,
  after: JsonValue | undefined,
  path: string,
  out: string[],
): void {
  if (stringify(before) === stringify(after)) return;
  const bothObjects = isObject(before) && isObject(after);
  const bothArrays = Array.isArray(before) && Array.isArray(after);
  if (bothObjects) {
    for (const key of unionKeys(before, after)) {
      diffPaths(ownValue(before, key), ownValue(after, key), join(path, key), out);
    }
  } else if (bothArrays && before.length === after.length) {
    before.forEach((item, index) => {
      diffPaths(item, after[index], `${path}[${index}]`, out);
    });
  } else {
    out.push(path === '' ? '(whole example)' : path);
  }
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function unionKeys(a: JsonObject, b: JsonObject): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
}
