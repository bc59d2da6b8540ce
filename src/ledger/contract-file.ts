import type { Contract } from '../contract/types.js';
import { ledgerRootDir } from './ledger-entry.js';

// Browser-safe like the writer (msw imports it): `node:path` is fetched at call time.

interface NodePath {
  resolve(...paths: string[]): string;
  relative(from: string, to: string): string;
  isAbsolute(path: string): boolean;
  readonly sep: string;
}

interface LedgerProcess {
  readonly env?: Readonly<Record<string, string | undefined>>;
  cwd(): string;
  getBuiltinModule?(id: string): unknown;
}

// Where each loaded contract was read from: its `source` is relative to whatever directory
// the caller resolved it against (a provider root, msw's `cwd`), not to the repository.
const files = new WeakMap<Contract, string>();
// The ledger's name of a contract, computed once per contract and root.
const names = new WeakMap<Contract, { readonly root: string; readonly name: string }>();

/**
 * Notes the absolute path a contract was read from, so the ledger names it relative to the
 * repository root whatever directory its `source` is relative to. Loaders call it.
 *
 * @example
 * rememberContractFile(parseContract(text, { source: 'users/get.json' }), '/repo/api/users/get.json');
 */
export function rememberContractFile(contract: Contract, absolute: string): void {
  files.set(contract, absolute);
}

/**
 * The contract as a ledger line names it: its file relative to `rootDir` (default: `$ABE_ROOT`,
 * else the working directory) with `/` separators, or absolute when outside it. A contract read by the
 * caller (`loadContract`) is taken as relative to the working directory; a parsed document has
 * no file and keeps its display name (`<contract #0: GET /users>`).
 *
 * @example
 * ledgerContractPath(contract) // 'api/contracts/users/get.json'
 */
export function ledgerContractPath(contract: Contract, rootDir?: string): string {
  const process = (globalThis as { process?: LedgerProcess }).process as LedgerProcess;
  const root = rootDir ?? ledgerRootDir();
  const known = names.get(contract);
  if (known !== undefined && known.root === root) return known.name;
  const name = nameUnder(process, root, contract);
  names.set(contract, { root, name });
  return name;
}

function nameUnder(process: LedgerProcess, root: string, contract: Contract): string {
  const file = files.get(contract);
  if (file === undefined && contract.source.startsWith('<')) return contract.source;
  const path = process.getBuiltinModule?.('node:path') as NodePath;
  const absolute = path.resolve(process.cwd(), file ?? contract.source);
  const relative = path.relative(path.resolve(root), absolute);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
    return toSlashes(path, absolute);
  }
  return toSlashes(path, relative);
}

function toSlashes(path: NodePath, file: string): string {
  return path.sep === '/' ? file : file.split(path.sep).join('/');
}
