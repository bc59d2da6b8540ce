import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyzeText } from './analyze-contract.js';
import { findContractFiles } from './find-contract-files.js';
import type { Contract, Diagnostic } from './types.js';

export interface LintOptions {
  /** Directory patterns are resolved against. Default: `process.cwd()`. */
  cwd?: string;
}

export interface LintResult {
  /** Every file linted, relative to `cwd`, sorted. */
  readonly files: string[];
  /** Every problem found, ordered by file, then line and column. */
  readonly diagnostics: Diagnostic[];
}

/**
 * Lints every contract matched by files, directories or globs. Problems come back as data;
 * a pattern that matches nothing throws an `AbeError` (`lint.no-match`).
 *
 * @example
 * const { diagnostics } = await lintContracts(['contracts/']);
 * for (const d of diagnostics) console.log(`${d.file}:${d.line}:${d.column}  ${d.message}`);
 */
export async function lintContracts(
  patterns: string | readonly string[],
  options: LintOptions = {},
): Promise<LintResult> {
  const cwd = options.cwd ?? process.cwd();
  const files = await findContractFiles(typeof patterns === 'string' ? [patterns] : patterns, {
    cwd,
  });
  const perFile: Diagnostic[][] = [];
  const contracts: (Contract | undefined)[] = [];
  // Synchronous reads: for thousands of small files they cost a fraction of fs/promises'
  // per-file handle bookkeeping, and lint has nothing else to do while it waits.
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(resolve(cwd, file), 'utf8');
    } catch (error) {
      const message = `cannot read the file: ${(error as Error).message}`;
      perFile.push([
        { file, line: 0, column: 0, pointer: '', code: 'file.read', severity: 'error', message },
      ]);
      contracts.push(undefined);
      continue;
    }
    const analysis = analyzeText(text, file);
    perFile.push(analysis.diagnostics);
    contracts.push(analysis.contract);
  }

  addDuplicateEndpoints(contracts, perFile);
  const diagnostics = perFile.flatMap((list) =>
    [...list].sort((a, b) => a.line - b.line || a.column - b.column),
  );
  return { files, diagnostics };
}

function addDuplicateEndpoints(
  contracts: readonly (Contract | undefined)[],
  perFile: Diagnostic[][],
): void {
  const firstByEndpoint = new Map<string, string>();
  contracts.forEach((contract, index) => {
    if (contract === undefined) return;
    const endpoint = `${contract.method} ${contract.url}`;
    const first = firstByEndpoint.get(endpoint);
    if (first === undefined) {
      firstByEndpoint.set(endpoint, contract.source);
      return;
    }
    const position = contract.locate('/url') ?? { line: 1, column: 1 };
    perFile[index]?.push({
      file: contract.source,
      ...position,
      pointer: '/url',
      code: 'endpoint.duplicate',
      severity: 'error',
      message: `${endpoint} is already described by ${first}: merge the examples into one file, or change the method or url.`,
    });
  });
}
