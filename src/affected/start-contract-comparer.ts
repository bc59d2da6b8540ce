import type { ContractChange } from './compare-contract-versions.js';

/** Two versions of one contract file; `undefined` text means the file is absent. */
export interface ContractComparison {
  readonly before: string | undefined;
  readonly after: string | undefined;
  readonly source: string;
}

/** Compares contract versions with a parser that started loading when this was made. */
export interface ContractComparer {
  compare(items: readonly ContractComparison[]): Promise<ContractChange[]>;
}

/**
 * Starts loading the contract parser and compiling its schema validator now, the largest
 * single cost of `abe affected`, so that it runs while git works. (A worker thread was
 * measured too: on two cores it slowed everything else down more than it saved.)
 *
 * @example
 * const comparer = startContractComparer();
 * const [change] = await comparer.compare([{ before: oldText, after: newText, source: 'users.json' }]);
 */
export function startContractComparer(): ContractComparer {
  const module = import('./compare-contract-versions.js').then((loaded) => {
    loaded.warmUpContractParser();
    return loaded;
  });
  module.catch(() => {});
  return {
    compare: async (items) => {
      const { compareContractVersions } = await module;
      return items.map((item) => compareContractVersions(item.before, item.after, item.source));
    },
  };
}
