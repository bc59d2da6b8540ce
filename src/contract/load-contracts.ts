import { resolve } from 'node:path';
import { findContractFiles } from './find-contract-files.js';
import { readContractText } from './load-contract.js';
import { parseContract } from './parse-contract.js';
import type { Contract } from './types.js';

export interface LoadContractsOptions {
  /** Directory patterns are resolved against. Default: `process.cwd()`. */
  cwd?: string;
}

/**
 * Loads every contract matched by files, directories or globs, sorted by path.
 * Throws on the first file that is not a valid contract, and when a pattern matches nothing.
 *
 * @example
 * const contracts = await loadContracts(['contracts/'], { cwd: 'services/api' });
 */
export async function loadContracts(
  patterns: string | readonly string[],
  options: LoadContractsOptions = {},
): Promise<Contract[]> {
  const cwd = options.cwd ?? process.cwd();
  const files = await findContractFiles(typeof patterns === 'string' ? [patterns] : patterns, {
    cwd,
  });
  // Sources stay as found (relative to cwd), so errors name files the way the user sees them.
  return Promise.all(
    files.map(async (file) =>
      parseContract(await readContractText(resolve(cwd, file), file), { source: file }),
    ),
  );
}
