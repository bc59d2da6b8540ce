import { posix, resolve } from 'node:path';
import { findContractFiles } from '../contract/find-contract-files.js';
import { readContractText } from '../contract/load-contract.js';
import { parseContract } from '../contract/parse-contract.js';
import type { Contract } from '../contract/types.js';
import { AbeError } from '../core/abe-error.js';
import type { BuilderConfig } from './types.js';

/** A contract of the working tree and the component that declares it. */
export interface OwnedContract {
  /** Repository-relative, `/` separators. */
  readonly file: string;
  readonly owner: string;
  readonly contract: Contract;
}

/**
 * Loads every contract builder.ini declares (`contracts=` of each component), with its owner.
 * A glob that matches nothing, or a file that does not parse, is left out: `abe check` lints
 * them and fails there, and `abe coverage` reports what it can.
 *
 * @example
 * (await loadDeclaredContracts(config))[0] // { file: 'api/contracts/users/get.json', owner: 'api', contract }
 */
export async function loadDeclaredContracts(config: BuilderConfig): Promise<OwnedContract[]> {
  const owned: OwnedContract[] = [];
  for (const component of config.components) {
    if (component.contracts.length === 0) continue;
    const patterns = component.contracts.map((glob) => posix.join(component.path, glob));
    let files: string[];
    try {
      files = await findContractFiles(patterns, { cwd: config.root });
    } catch (error) {
      if (error instanceof AbeError && error.code === 'lint.no-match') continue;
      throw error;
    }
    const loaded = await Promise.all(
      files.map(async (file) => {
        try {
          const text = await readContractText(resolve(config.root, file), file);
          return parseContract(text, { source: file });
        } catch (error) {
          if (error instanceof AbeError) return undefined;
          throw error;
        }
      }),
    );
    loaded.forEach((contract, index) => {
      const file = (files[index] as string).replaceAll('\\', '/');
      if (contract !== undefined) owned.push({ file, owner: component.name, contract });
    });
  }
  return owned;
}
