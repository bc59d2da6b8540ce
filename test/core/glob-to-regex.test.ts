import { describe, expect, test } from 'vitest';
import { globToRegex, hasGlobMagic } from '../../src/core/glob-to-regex.js';

describe('globToRegex', () => {
  test.each([
    ['contracts/*.json', 'contracts/users.json', true],
    ['contracts/*.json', 'contracts/users/get.json', false],
    ['contracts/**/*.json', 'contracts/get.json', true],
    ['contracts/**/*.json', 'contracts/users/v1/get.json', true],
    ['contracts/**', 'contracts/users/get.json', true],
    ['contracts/?.json', 'contracts/a.json', true],
    ['contracts/?.json', 'contracts/ab.json', false],
    ['contracts/[ab].json', 'contracts/b.json', true],
    ['contracts/[!ab].json', 'contracts/b.json', false],
    ['contracts/[!ab].json', 'contracts/c.json', true],
    ['contracts/{users,projects}/*.json', 'contracts/projects/get.json', true],
    ['contracts/{users,projects}/*.json', 'contracts/orders/get.json', false],
    ['contracts/get.{json,jsonc}', 'contracts/get.jsonc', true],
    ['a+b (1)/*.json', 'a+b (1)/x.json', true],
    ['a.b/*.json', 'aXb/x.json', false],
    ['contracts/{oops/*.json', 'contracts/{oops/x.json', true],
  ])('%s against %s is %s', (glob, path, expected) => {
    expect(globToRegex(glob).test(path)).toBe(expected);
  });

  test('hasGlobMagic tells globs from plain paths', () => {
    expect(hasGlobMagic('contracts/**/*.json')).toBe(true);
    expect(hasGlobMagic('contracts/users/get.json')).toBe(false);
  });
});

describe('globToRegex on builder.ini globs', () => {
  test('matches ** across directories, * and ? within one, braces and classes', () => {
    const cases: [string, string, boolean][] = [
      ['contracts/**/*.json', 'contracts/users.json', true],
      ['contracts/**/*.json', 'contracts/a/b/users.json', true],
      ['contracts/**/*.json', 'src/users.json', false],
      ['*.json', 'a/users.json', false],
      ['**', 'a/b/c', true],
      ['tools/**', 'tools/x/y.sh', true],
      ['file?.txt', 'file1.txt', true],
      ['file?.txt', 'file/.txt', false],
      ['{api,web}/*.lock', 'web/yarn.lock', true],
      ['[ab].json', 'b.json', true],
      ['[!ab].json', 'b.json', false],
      ['a.json', 'aXjson', false],
    ];
    for (const [glob, path, expected] of cases) {
      expect([glob, path, globToRegex(glob).test(path)]).toEqual([glob, path, expected]);
    }
  });
});
