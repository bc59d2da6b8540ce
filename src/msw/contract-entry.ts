import { compileUrlPattern } from '../contract/compile-url-pattern.js';
import { parseContract } from '../contract/parse-contract.js';
import type { Contract, UrlPattern } from '../contract/types.js';

/**
 * What the endpoint index needs of a contract up front (its pattern and methods), with the
 * full contract behind a call, so that a contract file is analysed only when a request first
 * reaches it.
 */
export interface ContractEntry {
  readonly source: string;
  readonly pattern: UrlPattern;
  /** The endpoint's method, as `Contract.method`. */
  readonly method: string;
  /** Upper-case methods the examples use, in file order, without repeats. */
  readonly methods: readonly string[];
  /** The analysed contract. Throws the `AbeError` of an invalid contract, every time. */
  contract(): Contract;
}

/** An entry for a contract that is already loaded. */
export function entryFromContract(contract: Contract): ContractEntry {
  const methods = [...new Set(contract.examples.map((example) => example.request.method))];
  return {
    source: contract.source,
    pattern: contract.pattern,
    method: contract.method,
    methods,
    contract: () => contract,
  };
}

/**
 * An entry for a contract file's text. Reading the url and methods takes one `JSON.parse`;
 * the schema and meaning checks (several times costlier) wait for the first request to the
 * endpoint. A file whose outline cannot be read that way is analysed at once, so that a
 * broken file still fails where it is loaded, with line and column.
 */
export function entryFromText(text: string, source: string): ContractEntry {
  const outline = readOutline(text);
  if (outline === undefined) return entryFromContract(parseContract(text, { source }));
  let analysed: { contract: Contract } | { error: unknown } | undefined;
  return {
    source,
    ...outline,
    contract() {
      if (analysed === undefined) {
        try {
          analysed = { contract: parseContract(text, { source }) };
        } catch (error) {
          analysed = { error };
        }
      }
      if ('error' in analysed) throw analysed.error;
      return analysed.contract;
    },
  };
}

interface Outline {
  readonly pattern: UrlPattern;
  readonly method: string;
  readonly methods: readonly string[];
}

/** The url pattern and methods of a contract text, when they are plainly there. */
function readOutline(text: string): Outline | undefined {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(document) || typeof document.url !== 'string') return undefined;
  const examples = document.examples;
  const list = Array.isArray(examples)
    ? (examples as unknown[])
    : isObject(examples)
      ? Object.values(examples)
      : undefined;
  if (list === undefined || list.length === 0) return undefined;
  const topMethod = document.method;
  if (topMethod !== undefined && typeof topMethod !== 'string') return undefined;
  const methods = new Set<string>();
  for (const example of list) {
    if (!isObject(example)) return undefined;
    const request = example.request;
    if (request !== undefined && !isObject(request)) return undefined;
    const method = request?.method ?? topMethod;
    if (typeof method !== 'string') return undefined;
    methods.add(method.toUpperCase());
  }
  let pattern: UrlPattern;
  try {
    pattern = compileUrlPattern(document.url);
  } catch {
    return undefined;
  }
  const [first] = methods;
  return {
    pattern,
    method: topMethod?.toUpperCase() ?? (first as string),
    methods: [...methods],
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
