import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { parseContract } from '../../src/contract/parse-contract.js';
import { ledgerContractPath, rememberContractFile } from '../../src/ledger/contract-file.js';

const TEXT = JSON.stringify({
  url: '/users',
  method: 'GET',
  examples: { OK: { request: {}, response: { status: 200 } } },
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('the contract a ledger line names', () => {
  test('a file read from elsewhere is named from ABE_ROOT with slashes', () => {
    vi.stubEnv('ABE_ROOT', '/repo');
    const contract = parseContract(TEXT, { source: 'users/get.json' });
    rememberContractFile(contract, '/repo/services/api/users/get.json');
    expect(ledgerContractPath(contract)).toBe('services/api/users/get.json');
    // The root is read on every call: another root names the same file anew.
    vi.stubEnv('ABE_ROOT', '/repo/services');
    expect(ledgerContractPath(contract)).toBe('api/users/get.json');
  });

  test('a file outside the root is named by its absolute path', () => {
    vi.stubEnv('ABE_ROOT', '/repo');
    const contract = parseContract(TEXT, { source: 'get.json' });
    rememberContractFile(contract, '/elsewhere/get.json');
    expect(ledgerContractPath(contract)).toBe('/elsewhere/get.json');
  });

  test('without ABE_ROOT, the working directory is the root; a source alone is relative to it', () => {
    vi.stubEnv('ABE_ROOT', '');
    const contract = parseContract(TEXT, { source: 'api/get.json' });
    expect(ledgerContractPath(contract)).toBe('api/get.json');
    const outside = parseContract(TEXT, { source: join(tmpdir(), 'get.json') });
    expect(ledgerContractPath(outside)).toBe(join(tmpdir(), 'get.json'));
  });

  test('a parsed document has no file and keeps its display name', () => {
    const contract = parseContract(TEXT, { source: '<contract #0: GET /users>' });
    expect(ledgerContractPath(contract)).toBe('<contract #0: GET /users>');
  });
});
