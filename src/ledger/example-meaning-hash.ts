import stringify from 'fast-json-stable-stringify';
import { exampleMeaning } from '../contract/example-meaning.js';
import type { Contract, Example } from '../contract/types.js';

interface NodeCrypto {
  createHash(algorithm: string): { update(text: string): { digest(encoding: 'hex'): string } };
}

// Computed once per parsed example: recorders call this on every verification and every use.
const hashes = new WeakMap<Example, string>();

/**
 * A short hash of everything an example promises (`exampleMeaning`, serialised canonically):
 * the first 16 hex characters of its SHA-256. Two versions of an example have the same hash
 * exactly when change detection sees no change of meaning between them. Node only (it is called
 * when recording, which only happens in Node); the module itself loads nothing, so the msw
 * layer, which runs in browsers too, may import it.
 *
 * @example
 * exampleMeaningHash(contract, contract.examples[0]) // '3f2a9c0d1b7e4a65'
 */
export function exampleMeaningHash(contract: Contract, example: Example): string {
  let hash = hashes.get(example);
  if (hash === undefined) {
    const crypto = process.getBuiltinModule('node:crypto') as NodeCrypto;
    hash = crypto
      .createHash('sha256')
      .update(stringify(exampleMeaning(contract, example)))
      .digest('hex')
      .slice(0, 16);
    hashes.set(example, hash);
  }
  return hash;
}
