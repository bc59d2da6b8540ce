import { describe, expect, test } from 'vitest';
import { nameComponents, validName } from '../../src/init/name-components.js';

describe('nameComponents', () => {
  test('a component is named after its directory', () => {
    expect(nameComponents(['packages/api', 'apps/web', 'tools'], 'shop')).toEqual([
      'api',
      'web',
      'tools',
    ]);
  });

  test('the root is named after the repository directory', () => {
    expect(nameComponents(['.'], 'my-shop')).toEqual(['my-shop']);
  });

  test('two directories of one name both take their whole path', () => {
    expect(nameComponents(['services/api', 'legacy/api', 'web'], 'shop')).toEqual([
      'services-api',
      'legacy-api',
      'web',
    ]);
  });

  test('names differing only in case are made unique, since labels and log names ignore case', () => {
    expect(nameComponents(['a/API', 'b/api'], 'shop')).toEqual(['a-API', 'b-api']);
  });

  test('a name still taken after that gets a number', () => {
    expect(nameComponents(['services-api', 'services/api', 'other/api'], 'shop')).toEqual([
      'services-api',
      'services-api-2',
      'other-api',
    ]);
  });

  test('"abe", the global section, is never a component name', () => {
    expect(nameComponents(['tools/abe'], 'shop')).toEqual(['tools-abe']);
    expect(nameComponents(['abe'], 'shop')).toEqual(['abe-2']);
  });

  test('every name is one builder.ini accepts', () => {
    const names = nameComponents(
      ['my service', '@scope', '-flag', 'a..b', '___', 'naïve', '.'],
      'repo dir',
    );
    for (const name of names) {
      expect(name).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]*$/);
      expect(name).not.toContain('..');
    }
    expect(names).toEqual(['my-service', 'scope', 'flag', 'a.b', 'component', 'na-ve', 'repo-dir']);
  });
});

describe('validName', () => {
  test('characters a name cannot hold become "-", and a name of none of them becomes "component"', () => {
    expect(validName('users api (v2)')).toBe('users-api-v2');
    expect(validName('!!!')).toBe('component');
  });
});
