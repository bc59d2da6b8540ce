import type { ContractCoverage, Coverage } from '../../src/ledger/build-coverage.js';

/** A coverage report built by hand: the parts given, empty lists and zero totals elsewhere. */
export function coverageOf(parts: Partial<Coverage>): Coverage {
  return {
    contracts: [],
    undeclared: [],
    usedNotVerified: [],
    verifiedNotUsed: [],
    neither: [],
    totals: {
      contracts: 0,
      examples: 0,
      verified: 0,
      failed: 0,
      notRun: 0,
      used: 0,
      lines: 0,
      staleLines: 0,
    },
    ...parts,
  };
}

/** One declared contract of the api per file, with no examples: enough for the gate's scope. */
export function bareContracts(files: readonly string[]): ContractCoverage[] {
  return files.map((file) => ({
    file,
    owner: 'api',
    endpoint: 'GET /x',
    examples: [],
    unknownLabelLines: 0,
  }));
}
