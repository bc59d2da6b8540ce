import stringify from 'fast-json-stable-stringify';
import { contractTerms, exampleTerms } from '../contract/example-meaning.js';
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
  | {
      readonly kind: 'changed';
      readonly changes: readonly string[];
      /** Which examples differ: what `precision = example` selects consumers by. */
      readonly examples: ExampleChanges;
    };

/** A contract's change of meaning, example by example. */
export interface ExampleChanges {
  /** The contract-wide terms (url, method, extensions) differ: every example's meaning changed. */
  readonly wide: boolean;
  /** Labels in both versions whose meaning differs. */
  readonly changed: readonly string[];
  readonly removed: readonly string[];
  readonly added: readonly string[];
}

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
  return {
    kind: 'changed',
    changes: describeChanges(before.meaning, after.meaning),
    examples: exampleChanges(before.meaning, after.meaning),
  };
}

/**
 * The canonical meaning of a contract: what providers are checked against and consumers stub.
 * Examples are keyed by label, so reordering labelled examples changes nothing.
 *
 * @example
 * stringify(contractMeaning(parseContract(text))); // the same for any formatting of the file
 */
function contractMeaning(contract: Contract): JsonObject {
  const examples = contract.examples.map((example): [string, JsonValue] => [
    example.label,
    exampleTerms(contract, example),
  ]);
  // Key order does not matter (the form is serialised canonically); the terms are the same.
  return { ...contractTerms(contract), examples: Object.fromEntries(examples) };
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

function exampleChanges(before: JsonObject, after: JsonObject): ExampleChanges {
  const wide = unionKeys(before, after).some(
    (key) => key !== 'examples' && stringify(own(before, key)) !== stringify(own(after, key)),
  );
  const oldExamples = before.examples as JsonObject;
  const newExamples = after.examples as JsonObject;
  const changed: string[] = [];
  const removed: string[] = [];
  const added: string[] = [];
  for (const label of unionKeys(oldExamples, newExamples)) {
    const inOld = Object.hasOwn(oldExamples, label);
    const inNew = Object.hasOwn(newExamples, label);
    if (!inOld) added.push(label);
    else if (!inNew) removed.push(label);
    else if (stringify(oldExamples[label]) !== stringify(newExamples[label])) changed.push(label);
  }
  return { wide, changed, removed, added };
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
      diffPaths(own(before, key), own(after, key), join(path, key), out);
    }
  } else if (bothArrays && before.length === after.length) {
    before.forEach((item, index) => {
      diffPaths(item, after[index], `${path}[${index}]`, out);
    });
  } else {
    out.push(path === '' ? '(whole example)' : path);
  }
}

function own(object: JsonObject, key: string): JsonValue | undefined {
  return Object.hasOwn(object, key) ? object[key] : undefined;
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
