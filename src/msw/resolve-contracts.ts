import { documentSource, isContract } from '../contract/contract-input.js';
import { contractFromObject, parseContract } from '../contract/parse-contract.js';
import type { Contract } from '../contract/types.js';
import { AbeError } from '../core/abe-error.js';
import { rememberContractFile } from '../ledger/contract-file.js';
import { readContractFiles } from './read-contract-files.js';

/**
 * One thing `mockFromAbe` accepts: a path, directory or glob (node only), a loaded `Contract`,
 * or a parsed ABE document (an imported JSON module).
 */
export type ContractInput = string | Contract | Readonly<Record<string, unknown>>;

/** What `mockFromAbe` accepts: one input or an array mixing them. */
export type ContractsInput = ContractInput | readonly ContractInput[];

/**
 * Turns every input into contracts, in the order given (files of one directory or glob sorted
 * by path). A file named twice is loaded once. Every contract is analysed now, so a broken one
 * throws its `AbeError` (file, line and column) where the mocks are set up, not when (or if) a
 * test reaches it.
 */
export function resolveContracts(input: ContractsInput, cwd: string | undefined): Contract[] {
  const inputs: readonly unknown[] = Array.isArray(input) ? input : [input];
  const contracts: Contract[] = [];
  const seenFiles = new Set<string>();
  for (const [index, item] of inputs.entries()) {
    if (typeof item === 'string') {
      for (const file of readContractFiles(item, cwd)) {
        if (seenFiles.has(file.absolute)) continue;
        seenFiles.add(file.absolute);
        const contract = parseContract(file.text, { source: file.source });
        // The ledger names the file from the repository root, not from `cwd`.
        rememberContractFile(contract, file.absolute);
        contracts.push(contract);
      }
    } else if (isContract(item)) {
      contracts.push(item);
    } else if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
      const source = documentSource(item, index);
      contracts.push(contractFromObject(item, { source }));
    } else {
      throw new AbeError(
        'msw.input',
        `mockFromAbe: contract #${index} is ${describe(item)}, which is not a contract.`,
        {
          hint: 'Pass a path, directory or glob (node only), a Contract from loadContract(), or a parsed ABE document; or an array of those.',
        },
      );
    }
  }
  return contracts;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array (nested arrays are not accepted)';
  return typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`;
}
