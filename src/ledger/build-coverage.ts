import type { Contract } from '../contract/types.js';
import { exampleMeaningHash } from './example-meaning-hash.js';
import type { LedgerEntry } from './ledger-entry.js';

/** A contract builder.ini declares, as loaded from the working tree. */
export interface DeclaredContract {
  /** Repository-relative path with `/` separators: the form ledger lines use. */
  readonly file: string;
  /** The component whose `contracts=` declares it: its provider. */
  readonly owner: string;
  readonly contract: Contract;
}

/** Whether the provider proved the current version of an example in the ledger's run. */
export type ProviderStatus = 'passed' | 'failed' | 'not run';

/** One example of a declared contract, as the ledger saw it. */
export interface ExampleCoverage {
  readonly label: string;
  /** 1-based position of the example's key in the contract file (1:1 when unknown). */
  readonly line: number;
  readonly column: number;
  /** `exampleMeaningHash` of the example as the working tree has it. */
  readonly meaning: string;
  /** `passed` when a current provider line passed; `failed` when some ran and none passed. */
  readonly provider: ProviderStatus;
  readonly passed: number;
  readonly failed: number;
  /** Components with a current `served` line for the example, sorted. */
  readonly consumers: readonly string[];
  /** Components whose requests were refused with this example as the nearest one, sorted. */
  readonly refusedFor: readonly string[];
  /** Lines about another version of the example (another meaning hash): not counted. */
  readonly staleLines: number;
}

export interface ContractCoverage {
  readonly file: string;
  readonly owner: string;
  /** `GET /users/[0-9]+`. */
  readonly endpoint: string;
  readonly examples: readonly ExampleCoverage[];
  /** Lines naming a label the contract no longer has. */
  readonly unknownLabelLines: number;
}

/** Ledger lines about a contract builder.ini does not declare: listed, never dropped. */
export interface UndeclaredContract {
  readonly file: string;
  readonly lines: number;
  /** Components that wrote them, sorted (`(outside abe)` for lines without a component). */
  readonly components: readonly string[];
}

/** An example named in one of the lists of `Coverage`. */
export interface ExampleRef {
  readonly file: string;
  readonly owner: string;
  readonly label: string;
  readonly line: number;
  readonly column: number;
  readonly provider: ProviderStatus;
  readonly consumers: readonly string[];
}

export interface CoverageTotals {
  readonly contracts: number;
  readonly examples: number;
  readonly verified: number;
  readonly failed: number;
  readonly notRun: number;
  readonly used: number;
  readonly lines: number;
  readonly staleLines: number;
}

/** What the ledger proves about the declared contracts: the model behind `abe coverage` and the gate. */
export interface Coverage {
  /** Declared contracts, sorted by file. */
  readonly contracts: readonly ContractCoverage[];
  readonly undeclared: readonly UndeclaredContract[];
  /** A consumer relied on it, and no provider test passed for its current version. */
  readonly usedNotVerified: readonly ExampleRef[];
  /** A provider test passed for it, and no consumer used it. */
  readonly verifiedNotUsed: readonly ExampleRef[];
  /** Neither verified nor used. */
  readonly neither: readonly ExampleRef[];
  readonly totals: CoverageTotals;
}

/** Label (or `?`) → the lines about it, inside one contract. */
type LinesByLabel = Map<string, LedgerEntry[]>;

const OUTSIDE_ABE = '(outside abe)';

/**
 * Joins the declared contracts with the ledger of a run. A line counts for an example only when
 * its meaning hash is the example's current one: a verification of an older version proves
 * nothing about this one.
 *
 * @example
 * const coverage = buildCoverage(declared, (await readLedger(dir)).entries);
 * coverage.usedNotVerified // [{ file: 'api/contracts/users/get.json', label: 'OK', consumers: ['mailer'], … }]
 */
export function buildCoverage(
  declared: readonly DeclaredContract[],
  entries: readonly LedgerEntry[],
): Coverage {
  const byContract = new Map<string, LinesByLabel>();
  for (const entry of entries) {
    let labels = byContract.get(entry.contract);
    if (labels === undefined) {
      labels = new Map();
      byContract.set(entry.contract, labels);
    }
    const lines = labels.get(entry.label);
    if (lines === undefined) labels.set(entry.label, [entry]);
    else lines.push(entry);
  }
  const contracts = [...declared]
    .sort((a, b) => compare(a.file, b.file))
    .map((item) => contractCoverage(item, byContract.get(item.file)));
  const declaredFiles = new Set(declared.map((item) => item.file));
  const undeclared = [...byContract.entries()]
    .filter(([file]) => !declaredFiles.has(file))
    .map(([file, labels]): UndeclaredContract => {
      const lines = [...labels.values()].flat();
      return {
        file,
        lines: lines.length,
        components: [...new Set(lines.map((l) => l.component ?? OUTSIDE_ABE))].sort(),
      };
    })
    .sort((a, b) => compare(a.file, b.file));
  const refs = contracts.flatMap((c) => c.examples.map((example) => refOf(c, example)));
  const examples = contracts.flatMap((c) => c.examples);
  return {
    contracts,
    undeclared,
    usedNotVerified: refs.filter((r) => r.consumers.length > 0 && r.provider !== 'passed'),
    verifiedNotUsed: refs.filter((r) => r.consumers.length === 0 && r.provider === 'passed'),
    neither: refs.filter((r) => r.consumers.length === 0 && r.provider !== 'passed'),
    totals: {
      contracts: contracts.length,
      examples: examples.length,
      verified: examples.filter((e) => e.provider === 'passed').length,
      failed: examples.filter((e) => e.provider === 'failed').length,
      notRun: examples.filter((e) => e.provider === 'not run').length,
      used: examples.filter((e) => e.consumers.length > 0).length,
      lines: entries.length,
      staleLines: examples.reduce((sum, e) => sum + e.staleLines, 0),
    },
  };
}

function contractCoverage(
  item: DeclaredContract,
  labels: LinesByLabel | undefined,
): ContractCoverage {
  const { contract } = item;
  const known = new Set(contract.examples.map((example) => example.label));
  let unknownLabelLines = 0;
  for (const [label, lines] of labels ?? [])
    if (!known.has(label)) unknownLabelLines += lines.length;
  return {
    file: item.file,
    owner: item.owner,
    endpoint: `${contract.method} ${contract.url}`,
    unknownLabelLines,
    examples: contract.examples.map((example): ExampleCoverage => {
      const meaning = exampleMeaningHash(contract, example);
      const position = contract.locate(example.pointer) ?? { line: 1, column: 1 };
      let passed = 0;
      let failed = 0;
      let staleLines = 0;
      const consumers = new Set<string>();
      const refusedFor = new Set<string>();
      for (const line of labels?.get(example.label) ?? []) {
        if (line.meaning !== meaning) {
          staleLines++;
          continue;
        }
        if (line.outcome === 'passed') passed++;
        else if (line.outcome === 'failed') failed++;
        else if (line.outcome === 'served') consumers.add(line.component ?? OUTSIDE_ABE);
        else refusedFor.add(line.component ?? OUTSIDE_ABE);
      }
      return {
        label: example.label,
        line: position.line,
        column: position.column,
        meaning,
        provider: passed > 0 ? 'passed' : failed > 0 ? 'failed' : 'not run',
        passed,
        failed,
        consumers: [...consumers].sort(),
        refusedFor: [...refusedFor].sort(),
        staleLines,
      };
    }),
  };
}

function refOf(contract: ContractCoverage, example: ExampleCoverage): ExampleRef {
  return {
    file: contract.file,
    owner: contract.owner,
    label: example.label,
    line: example.line,
    column: example.column,
    provider: example.provider,
    consumers: example.consumers,
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
