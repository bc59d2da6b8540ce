import { resolve } from 'node:path';
import { documentSource, isContract } from '../contract/contract-input.js';
import { findContractFiles } from '../contract/find-contract-files.js';
import { readContractText } from '../contract/load-contract.js';
import { contractFromObject, parseContract } from '../contract/parse-contract.js';
import type { Contract } from '../contract/types.js';
import { AbeError } from '../core/abe-error.js';
import { displayPath } from '../core/display-path.js';
import { rememberContractFile } from '../ledger/contract-file.js';
import { contractRoot } from './configure.js';
import type { ContractInput } from './types.js';

// Contracts are read once per process: tests call expectMatchesExample many times on the
// same few files, and re-parsing (schema validation included) would dominate a fast app.
// Parsed documents (imported JSON modules) are normalised once per object for the same reason.
const cache = new Map<string, Promise<Contract>>();
const documents = new WeakMap<object, Contract>();

/**
 * A loaded contract, the one a path names, or a parsed ABE document normalised. A relative
 * path is resolved against `root` (else the configured root, else the working directory);
 * the contract's `source` is the path relative to that directory, so messages and state keys
 * read as the user wrote them.
 */
export async function resolveContract(
  contract: ContractInput,
  root: string | undefined,
): Promise<Contract> {
  if (typeof contract !== 'string') return fromValue(contract, 0);
  const base = contractRoot(root);
  const absolute = resolve(base, contract);
  return loadCached(absolute, shownPath(absolute, base));
}

/**
 * Every contract a list names, in the order given: loaded contracts as they are, paths and
 * globs expanded (sorted) against the root. A file named twice is checked once.
 */
export async function resolveContracts(
  contracts: ContractInput | readonly ContractInput[],
  root: string | undefined,
): Promise<Contract[]> {
  const base = contractRoot(root);
  const items: readonly unknown[] = Array.isArray(contracts) ? contracts : [contracts];
  const seen = new Set<string>();
  const loading: Promise<Contract>[] = [];
  for (const [index, item] of items.entries()) {
    if (typeof item !== 'string') {
      loading.push(Promise.resolve().then(() => fromValue(item, index)));
      continue;
    }
    // Files come shown relative to `base` (absolute outside it), as diagnostics name them.
    for (const file of await findContractFiles([item], { cwd: base })) {
      const absolute = resolve(base, file);
      if (seen.has(absolute)) continue;
      seen.add(absolute);
      loading.push(loadCached(absolute, file.replaceAll('\\', '/')));
    }
  }
  return Promise.all(loading);
}

async function loadCached(absolute: string, shownAs: string): Promise<Contract> {
  let pending = cache.get(absolute);
  if (pending === undefined) {
    pending = readContractText(absolute, shownAs).then((text) => {
      const parsed = parseContract(text, { source: shownAs });
      rememberContractFile(parsed, absolute);
      return parsed;
    });
    // A failed read is not cached: the test may create the file and try again.
    pending.catch(() => cache.delete(absolute));
    cache.set(absolute, pending);
  }
  const contract = await pending;
  if (contract.source === shownAs) return contract;
  const renamed = { ...contract, source: shownAs };
  // The ledger names the file from the repository root, whatever root `source` is shown from.
  rememberContractFile(renamed, absolute);
  return renamed;
}

/** `displayPath`, with a relative path written with `/` whatever the platform. */
function shownPath(absolute: string, base: string): string {
  const shown = displayPath(absolute, base);
  return shown === absolute ? absolute : shown.replaceAll('\\', '/');
}

/**
 * A contract given as a value: a loaded `Contract` as it is, a parsed ABE document (an
 * imported JSON module) normalised as `contractFromObject` does, named after its endpoint.
 */
function fromValue(value: unknown, index: number): Contract {
  if (isContract(value)) return value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new AbeError(
      'usage',
      `contract #${index} is ${describeValue(value)}, which is not a contract.`,
      {
        hint: 'Pass a path, directory or glob, a Contract from loadContract(), or a parsed ABE document (import users from "./users.json" with { type: "json" }); verifyProvider takes an array of those.',
      },
    );
  }
  const source = documentSource(value, index);
  let contract = documents.get(value);
  if (contract === undefined) {
    contract = contractFromObject(value, { source });
    documents.set(value, contract);
  }
  return contract.source === source ? contract : { ...contract, source };
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array (a list of contracts cannot hold another list)';
  return value === undefined ? 'undefined' : `a ${typeof value}`;
}
