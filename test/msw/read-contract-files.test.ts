import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AbeError } from '../../src/core/abe-error.js';
import { readContractFiles } from '../../src/msw/read-contract-files.js';

// Globs in mockFromAbe paths, matched by minimatch; files are only read here, never parsed.

const FILES = [
  'contracts/users/get.json',
  'contracts/users/v2/get.json',
  'contracts/orders/get.json',
  'contracts/orders/refunds/get.json',
  'contracts/invoices/get.json',
  'contracts/get.json',
  'contracts/xget.json',
  'contracts/{old/get.json',
  '!drafts/get.json',
  '!drafts/old/get.json',
];

let scratch: string;
let project: string;
let plain: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'abe-msw-globs-'));
  // Glob characters in the name of the directory relative globs start from stay characters.
  project = join(scratch, 'shop [copy] {2} (old)');
  plain = join(scratch, 'shop');
  for (const file of FILES) {
    for (const root of [project, plain]) {
      await mkdir(dirname(join(root, file)), { recursive: true });
      await writeFile(join(root, file), '{}');
    }
  }
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

function sources(pattern: string, cwd: string | undefined = project): string[] {
  return readContractFiles(pattern, cwd).map((file) => file.source);
}

describe('readContractFiles with a glob', () => {
  test('{a,b} alternatives, nested ones included, select whole directory names', () => {
    expect(sources('contracts/{users,orders/refunds}/*.json')).toEqual([
      'contracts/orders/refunds/get.json',
      'contracts/users/get.json',
    ]);
    expect(sources('contracts/{invoices,{users,nope}}/get.json')).toEqual([
      'contracts/invoices/get.json',
      'contracts/users/get.json',
    ]);
  });

  test('** spans any number of directories, none included, and *, ? and [!x] stay within one name', () => {
    expect(sources('contracts/?get.json')).toEqual(['contracts/xget.json']);
    expect(sources('contracts/**/[!x]*.json')).toEqual([
      'contracts/get.json',
      'contracts/invoices/get.json',
      'contracts/orders/get.json',
      'contracts/orders/refunds/get.json',
      'contracts/users/get.json',
      'contracts/users/v2/get.json',
      'contracts/{old/get.json',
    ]);
    expect(sources('contracts/*/get.json')).toEqual([
      'contracts/invoices/get.json',
      'contracts/orders/get.json',
      'contracts/users/get.json',
      'contracts/{old/get.json',
    ]);
  });

  test('a relative glob finds files when the working directory name holds [ { or ( characters', () => {
    expect(sources('contracts/users/**/*.json')).toEqual([
      'contracts/users/get.json',
      'contracts/users/v2/get.json',
    ]);
  });

  test('absolute globs and globs leaving the working directory', () => {
    expect(sources(join(plain, 'contracts/users/*.json'), scratch)).toEqual([
      'shop/contracts/users/get.json',
    ]);
    // Shown in full, as every file outside the working directory is.
    expect(sources('../orders/*.json', join(project, 'contracts/users'))).toEqual([
      join(project, 'contracts/orders/get.json'),
    ]);
  });

  test('a leading ! is a character, and a { without its }, escaped or not, matches itself', () => {
    expect(sources('!drafts/*.json')).toEqual(['!drafts/get.json']);
    expect(sources('contracts/{old/*.json')).toEqual(['contracts/{old/get.json']);
    expect(sources('contracts/\\{old/*.json')).toEqual(['contracts/{old/get.json']);
    expect(sources('*/{old/*.json')).toEqual(['contracts/{old/get.json']);
  });

  test('a glob that matches nothing, or cannot be compiled, is an msw.input error naming it', () => {
    for (const pattern of ['contracts/{carts,baskets}/*.json', 'contracts/[z-a]*.json']) {
      const error = (() => {
        try {
          return readContractFiles(pattern, project);
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(AbeError);
      expect([(error as AbeError).code, (error as AbeError).message]).toEqual([
        'msw.input',
        expect.stringContaining(`"${pattern}"`),
      ]);
    }
  });
});
