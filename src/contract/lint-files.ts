import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type JsonPositions, type LintAnalysis, lintText } from './analyze-contract.js';
import type { Diagnostic } from './types.js';

/**
 * Lints each file on its own, then reports every contract whose method and url an earlier file
 * (in file order) already describes. Returns the problems by position in `files`.
 *
 * Files are read with `JSON.parse` alone; jsonc-parser, which places problems at their line and
 * column, is loaded the first time a file has one.
 */
export async function lintFiles(
  files: readonly string[],
  cwd: string,
): Promise<Map<number, Diagnostic[]>> {
  const problems = new Map<number, Diagnostic[]>();
  const firstFileOf = new Map<string, string>();
  let positions: JsonPositions | undefined;
  for (const [position, file] of files.entries()) {
    const text = readText(resolve(cwd, file), file);
    if (typeof text !== 'string') {
      problems.set(position, [text]);
      continue;
    }
    let linted = lintText(text, file, positions);
    if (linted === undefined) {
      positions ??= await import('./json-positions.js');
      linted = lintText(text, file, positions) as LintAnalysis;
    }
    const diagnostics = [...linted.diagnostics];
    const { endpoint } = linted;
    const first = endpoint === undefined ? undefined : firstFileOf.get(endpoint);
    if (endpoint !== undefined && first === undefined) firstFileOf.set(endpoint, file);
    if (endpoint !== undefined && first !== undefined) {
      positions ??= await import('./json-positions.js');
      diagnostics.push(duplicateEndpoint(endpoint, first, file, text, positions));
    }
    if (diagnostics.length > 0) problems.set(position, diagnostics);
  }
  return problems;
}

/** The file's text, or the diagnostic that says why it cannot be read. */
function readText(path: string, file: string): string | Diagnostic {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const message =
      (error as NodeJS.ErrnoException).code === 'EISDIR'
        ? 'this is a directory named like a contract file: rename it so its name does not end in .json, and the contracts in it are found.'
        : `cannot read the file (${(error as Error).message}): check that it exists and that abe may read it.`;
    return { file, line: 0, column: 0, pointer: '', code: 'file.read', severity: 'error', message };
  }
}

function duplicateEndpoint(
  endpoint: string,
  first: string,
  file: string,
  text: string,
  positions: JsonPositions,
): Diagnostic {
  const at = positions.createLocator(text.replace(/^\uFEFF/, ''))('/url') ?? { line: 1, column: 1 };
  return {
    file,
    ...at,
    pointer: '/url',
    code: 'endpoint.duplicate',
    severity: 'error',
    message: `${endpoint} is already described by ${first}: merge the examples into one file, or change the method or url.`,
  };
}
