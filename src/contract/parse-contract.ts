import { analyzeDocument, analyzeText } from './analyze-contract.js';
import { contractError } from './contract-error.js';
import { MAX_JSON_DEPTH } from './json-depth.js';
import * as jsonPositions from './json-positions.js';
import type { Contract } from './types.js';

export interface ParseContractOptions {
  /** Names the text in errors and becomes `contract.source`. Default: `"<contract>"`. */
  source?: string;
}

/**
 * Parses and normalises one ABE file from its text. Throws an `AbeError` listing every
 * problem at `source:line:column` when the text is not a valid contract.
 *
 * @example
 * const contract = parseContract(await readFile('users/get.json', 'utf8'), { source: 'users/get.json' });
 * contract.examples.map((example) => example.label); // ['OK', 'not found']
 */
export function parseContract(text: string, options: ParseContractOptions = {}): Contract {
  const { contract, diagnostics } = analyzeText(
    text,
    options.source ?? '<contract>',
    jsonPositions,
  );
  if (contract === undefined) throw contractError(diagnostics);
  return contract;
}

/**
 * Normalises an already parsed ABE document, such as a JSON module imported by a bundler.
 * Works in the browser; errors carry no line numbers (there is no text). Only what JSON can
 * hold counts: the document is read as `JSON.stringify` would write it, so inherited
 * properties, functions and `undefined` values are ignored, as they would be in a file.
 *
 * @example
 * import users from './contracts/users.json' with { type: 'json' };
 * const contract = contractFromObject(users, { source: 'users.json' });
 */
export function contractFromObject(
  document: unknown,
  options: ParseContractOptions = {},
): Contract {
  const source = options.source ?? '<contract>';
  const { contract, diagnostics } = analyzeDocument(asJson(document, source), source);
  if (contract === undefined) throw contractError(diagnostics);
  return contract;
}

function asJson(document: unknown, source: string): unknown {
  if (document === null || typeof document !== 'object') return document;
  try {
    return JSON.parse(JSON.stringify(document));
  } catch (error) {
    // JSON.stringify recurses: a document thousands of levels deep overflows it.
    const tooDeep = error instanceof RangeError;
    const message = tooDeep
      ? `the contract object nests objects and arrays more than ${MAX_JSON_DEPTH} levels deep, deeper than abe reads JSON: flatten it.`
      : `the contract object cannot be written as JSON (${(error as Error).message}): pass plain JSON data, without cycles or BigInt values.`;
    const code = tooDeep ? 'json.too-deep' : 'schema';
    throw contractError([
      { file: source, line: 0, column: 0, pointer: '', code, severity: 'error', message },
    ]);
  }
}
