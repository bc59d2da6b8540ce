import { isUtf8 } from 'node:buffer';
import { readFile } from 'node:fs/promises';
import { AbeError } from '../core/abe-error.js';
import { contractError } from './contract-error.js';
import { invalidUtf8Diagnostic } from './invalid-utf8.js';
import { parseContract } from './parse-contract.js';
import type { Contract, Diagnostic } from './types.js';

/**
 * Reads and parses one ABE file. `contract.source` is the path as given.
 *
 * @example
 * const contract = await loadContract('contracts/users/get.json');
 */
export async function loadContract(path: string): Promise<Contract> {
  return parseContract(await readContractText(path), { source: path });
}

/**
 * Reads a contract file, turning a file-system error into an `AbeError` that says what to do,
 * and bytes that are not UTF-8 into a `contract.parse` error at the first bad byte (decoding
 * them would silently turn each into U+FFFD).
 */
export async function readContractText(path: string, shownAs: string = path): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : String((error as Error).message);
    throw new AbeError('contract.read', `cannot read contract ${shownAs}: ${why}.`, {
      file: shownAs,
      hint: 'Check the path; relative paths are resolved against the working directory (or the configured root).',
      cause: error,
    });
  }
  if (isUtf8(bytes)) return bytes.toString('utf8');
  throw contractError([invalidUtf8Diagnostic(bytes, shownAs) as Diagnostic]);
}
