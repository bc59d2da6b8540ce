import { isAbsolute, relative, resolve } from 'node:path';
import { findContractFiles } from '../contract/find-contract-files.js';
import { readContractText } from '../contract/load-contract.js';
import { parseContract } from '../contract/parse-contract.js';
import type { Contract } from '../contract/types.js';
import { contractRoot } from './configure.js';

// Contracts are read once per process: tests call expectMatchesExample many times on the
// same few files, and re-parsing (schema validation included) would dominate a fast app.
const cache = new Map<string, Promise<Contract>>();

/**
 * A loaded contract, or the one a path names. A relative path is resolved against `root`
 * (else the configured root, else the working directory); the contract's `source` is the
 * path relative to that directory, so messages and state keys read as the user wrote them.
 */
export async function resolveContract(
  contract: string | Contract,
  root: string | undefined,
): Promise<Contract> {
  if (typeof contract !== 'string') return contract;
  const base = contractRoot(root);
  const absolute = resolve(base, contract);
  return loadCached(absolute, displayPath(absolute, base));
}

/**
 * Every contract a list names, in the order given: loaded contracts as they are, paths and
 * globs expanded (sorted) against the root. A file named twice is checked once.
 */
export async function resolveContracts(
  contracts: string | Contract | readonly (string | Contract)[],
  root: string | undefined,
): Promise<Contract[]> {
  const base = contractRoot(root);
  const items: readonly (string | Contract)[] = Array.isArray(contracts)
    ? contracts
    : [contracts as string | Contract];
  const seen = new Set<string>();
  const loading: Promise<Contract>[] = [];
  for (const item of items) {
    if (typeof item !== 'string') {
      loading.push(Promise.resolve(item));
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
    pending = readContractText(absolute, shownAs).then((text) =>
      parseContract(text, { source: shownAs }),
    );
    // A failed read is not cached: the test may create the file and try again.
    pending.catch(() => cache.delete(absolute));
    cache.set(absolute, pending);
  }
  const contract = await pending;
  return contract.source === shownAs ? contract : { ...contract, source: shownAs };
}

function displayPath(absolute: string, base: string): string {
  const rel = relative(base, absolute);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel)
    ? absolute
    : rel.replaceAll('\\', '/');
}
