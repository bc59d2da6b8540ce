import { parseContract } from '../contract/parse-contract.js';
import type { Contract, Example } from '../contract/types.js';
import { AbeError } from '../core/abe-error.js';
import { rememberContractFile } from '../ledger/contract-file.js';
import { EndpointIndex } from '../msw/endpoint-index.js';
import { pinExamples } from '../msw/pin-examples.js';
import { type ContractFile, readContractFiles } from '../msw/read-contract-files.js';
import { assertOutsideAdminPrefix } from './reserved-prefix.js';

/** One contract input of `abe mock`: a file, directory or glob, relative to `cwd`. */
export interface MockInput {
  readonly pattern: string;
  readonly cwd: string;
}

/** A contract file that does not load any more, while its last good version is served. */
export interface ContractProblem {
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  /** The loader's whole message, with `file:line:col`. */
  readonly message: string;
}

/** One endpoint as `/__abe/endpoints` lists it. */
export interface EndpointSummary {
  readonly method: string;
  /** The URL pattern. */
  readonly url: string;
  readonly source: string;
  /** `GET /users/[0-9]+ (users/get.json)`. */
  readonly name: string;
  readonly labels: readonly string[];
}

/**
 * The contracts a request is answered from, replaced whole on reload or on a pin change, so a
 * request sees the old contracts or the new ones, never a mix.
 */
export interface MockSnapshot {
  readonly contracts: readonly Contract[];
  readonly index: EndpointIndex;
  readonly endpoints: readonly EndpointSummary[];
  /** Pins in force, by contract key, as `PUT /__abe/pins` set them. */
  readonly pins: Readonly<Record<string, string>>;
}

interface LoadedFile {
  readonly input: number;
  readonly text: string;
  readonly contract: Contract;
}

/**
 * The contracts of an `abe mock` server: loaded from files, directories and globs; reloaded on
 * change keeping the last good version of a file that breaks; pinned by contract key.
 *
 * @example
 * const contracts = MockContracts.load([{ pattern: 'contracts/', cwd: process.cwd() }]);
 * contracts.snapshot.index.find('GET', '/users/1');
 */
export class MockContracts {
  readonly #inputs: readonly MockInput[];
  // By absolute path, in load order; a file named by two inputs is loaded once.
  #files = new Map<string, LoadedFile>();
  #problems: ContractProblem[] = [];
  #pinSpec: Readonly<Record<string, string>> = {};
  #snapshot: MockSnapshot;

  private constructor(inputs: readonly MockInput[]) {
    this.#inputs = inputs;
    this.#snapshot = buildSnapshot([], new Map(), {});
  }

  /**
   * Loads every input; the first file that does not load throws its `AbeError` (with
   * `file:line:col`), as `mockFromAbe` does.
   */
  static load(inputs: readonly MockInput[]): MockContracts {
    const contracts = new MockContracts(inputs);
    contracts.#read(true);
    return contracts;
  }

  get snapshot(): MockSnapshot {
    return this.#snapshot;
  }

  /** Files that do not load now, each served from its last good version (if it had one). */
  get problems(): readonly ContractProblem[] {
    return this.#problems;
  }

  /**
   * Reads every input again: new files are added, deleted ones removed, changed ones parsed;
   * a file that does not load keeps its last good version and is listed in `problems`.
   * Returns whether the contracts served changed.
   */
  reload(): boolean {
    const before = this.#snapshot;
    this.#read(false);
    return (
      this.#snapshot.contracts.length !== before.contracts.length ||
      this.#snapshot.contracts.some((contract, index) => contract !== before.contracts[index])
    );
  }

  /**
   * Replaces the pins (`{ "users/get.json": "not found" }`, keys as `mockFromAbe`'s `examples`
   * option); an unknown key or label throws the `AbeError` of `pinExamples`, and the pins in
   * force stay.
   */
  setPins(spec: Readonly<Record<string, string>>): void {
    const contracts = this.#snapshot.contracts;
    const pins = pinExamples(contracts, spec, undefined);
    this.#pinSpec = { ...spec };
    this.#snapshot = buildSnapshot(contracts, pins, this.#pinSpec);
  }

  #read(strict: boolean): void {
    const files = new Map<string, LoadedFile>();
    const problems: ContractProblem[] = [];
    for (const [input, { pattern, cwd }] of this.#inputs.entries()) {
      let found: ContractFile[];
      try {
        found = readContractFiles(pattern, cwd);
      } catch (error) {
        if (strict || !(error instanceof AbeError)) throw error;
        // Every file of the input gone is a valid state of a watched folder: none are served.
        if (error.code !== 'msw.input') {
          problems.push(problemOf(error, pattern));
          for (const [path, file] of this.#files) if (file.input === input) files.set(path, file);
        }
        continue;
      }
      for (const file of found) {
        if (files.has(file.absolute)) continue;
        const previous = this.#files.get(file.absolute);
        if (previous !== undefined && previous.text === file.text) {
          files.set(file.absolute, { ...previous, input });
          continue;
        }
        try {
          const contract = parseContract(file.text, { source: file.source });
          assertOutsideAdminPrefix(contract);
          // The ledger names the file from the repository root, not from the input's cwd.
          rememberContractFile(contract, file.absolute);
          files.set(file.absolute, { input, text: file.text, contract });
        } catch (error) {
          if (strict || !(error instanceof AbeError)) throw error;
          problems.push(problemOf(error, file.source));
          if (previous !== undefined) files.set(file.absolute, previous);
        }
      }
    }
    this.#files = files;
    const contracts = [...files.values()].map((file) => file.contract);
    let pins: Map<Contract, Example>;
    try {
      pins = pinExamples(contracts, this.#pinSpec, undefined);
    } catch (error) {
      // A pinned file renamed or relabelled: serve unpinned and say why until it is fixed.
      if (!(error instanceof AbeError)) throw error;
      problems.push(problemOf(error, 'pins'));
      pins = new Map();
    }
    this.#problems = problems;
    this.#snapshot = buildSnapshot(contracts, pins, this.#pinSpec);
  }
}

function problemOf(error: AbeError, file: string): ContractProblem {
  return {
    file: error.file ?? file,
    line: error.line,
    column: error.column,
    message: error.message,
  };
}

function buildSnapshot(
  contracts: readonly Contract[],
  pins: ReadonlyMap<Contract, Example>,
  pinSpec: Readonly<Record<string, string>>,
): MockSnapshot {
  const index = new EndpointIndex();
  const endpoints: EndpointSummary[] = [];
  for (const contract of contracts) {
    index.addContract(contract, pins);
    const methods = new Set(contract.examples.map((example) => example.request.method));
    for (const method of methods) {
      endpoints.push({
        method,
        url: contract.pattern.source,
        source: contract.source,
        name: `${method} ${contract.pattern.source} (${contract.source})`,
        labels: contract.examples
          .filter((example) => example.request.method === method)
          .map((example) => example.label),
      });
    }
  }
  return { contracts, index, endpoints, pins: pinSpec };
}
