import type { Contract, Example, JsonObject, JsonValue } from './types.js';

// Keys that document rather than specify: editing them changes no request or response.
const TOP_LEVEL_KEYS = new Set(['description', 'url', 'method', 'examples', '$schema', 'rules']);
const EXAMPLE_KEYS = new Set(['description', 'request', 'response', 'nonStrict', 'state', 'rules']);

/**
 * The contract-wide part of its meaning: url pattern, method, and keys plain ABE tools ignore
 * (they may drive our matchers, so they count). Descriptions are left out.
 *
 * @example
 * contractTerms(contract) // { url: '/users/[0-9]+', method: 'GET' }
 */
export function contractTerms(contract: Contract): JsonObject {
  return Object.fromEntries([
    ['url', contract.url],
    ['method', contract.method],
    // Contract-wide rules say what every example allows: a rule change is a meaning change.
    // Absent when there are none, so files without rules keep their meaning (and ledger hashes).
    ...rulesTerm(contract.document.rules),
    ...extensions(contract.document, TOP_LEVEL_KEYS),
  ]);
}

/**
 * One example's part of the contract's meaning, normalised: inherited url and method filled
 * in, header names lower-cased, `nonStrict` sorted, the provider state, extension keys;
 * descriptions left out. Serialised canonically it is what change detection compares.
 *
 * @example
 * exampleTerms(contract, contract.examples[0]).response // { status: 200, body: { id: 1 } }
 */
export function exampleTerms(contract: Contract, example: Example): JsonObject {
  const raw = contract.document.examples;
  const rawExample = Array.isArray(raw)
    ? (raw[contract.examples.indexOf(example)] as JsonValue | undefined)
    : ownValue(raw, example.label);
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
  return Object.fromEntries([
    ['request', Object.fromEntries(request)],
    ['response', Object.fromEntries(response)],
    ['nonStrict', [...example.nonStrict].sort()],
    // The provider state is part of the contract: another state, or other params, is another
    // promise. Without params it means what the string form always meant (same ledger hashes).
    ...(example.state === undefined
      ? []
      : [
          [
            'state',
            Object.keys(example.state.params).length === 0
              ? example.state.name
              : { name: example.state.name, params: example.state.params },
          ] as [string, JsonValue],
        ]),
    ...rulesTerm(ownValue(rawExample, 'rules')),
    ...extensions(rawExample, EXAMPLE_KEYS),
  ]);
}

/**
 * Everything one example promises: the contract-wide terms and its own. Two versions of an
 * example mean the same exactly when these serialise the same, so the ledger hashes it to tell
 * a verification of this version from one of an older one.
 *
 * @example
 * stringify(exampleMeaning(contract, example)) // the same for any formatting of the file
 */
export function exampleMeaning(contract: Contract, example: Example): JsonObject {
  return { contract: contractTerms(contract), example: exampleTerms(contract, example) };
}

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

/** `rules` as written (a path → rule string object), when there are any. */
function rulesTerm(rules: JsonValue | undefined): [string, JsonValue][] {
  if (rules === undefined || rules === null || typeof rules !== 'object' || Array.isArray(rules)) {
    return [];
  }
  return Object.keys(rules).length === 0 ? [] : [['rules', rules]];
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
