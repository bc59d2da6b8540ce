import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { AbeError } from '../../src/core/abe-error.js';
import { configure, expectMatchesExample } from '../../src/provider/index.js';
import { expressApp } from './apps.js';
import { assertionError, ROOT, USERS } from './helpers.js';

afterEach(() => configure({ root: undefined }));

describe('contract paths', () => {
  test('resolve against the configured root', async () => {
    configure({ root: ROOT });
    await expectMatchesExample(expressApp(), USERS, 'OK');
  });

  test('resolve against opts.root before the configured root', async () => {
    configure({ root: '/nonexistent' });
    await expectMatchesExample(expressApp(), USERS, 'OK', { root: ROOT });
  });

  test('resolve against the working directory without a root', async () => {
    await expectMatchesExample(expressApp(), 'fixtures/provider/users/get-user.json', 'OK');
  });

  test('name the file relative to the root in failures', async () => {
    configure({ root: ROOT });
    const error = await assertionError(expectMatchesExample(expressApp(), USERS, 'renamed'));
    expect(error.failures[0]?.file).toBe(USERS);
  });

  test('that name no file say where they looked', async () => {
    configure({ root: ROOT });
    const error = await expectMatchesExample(expressApp(), 'users/missing.json', 'OK').catch(
      (thrown: unknown) => thrown,
    );
    expect((error as AbeError).code).toBe('contract.read');
    expect((error as AbeError).message).toContain('users/missing.json: no such file');
  });

  test('are loaded once: a file changed after its first use is not read again', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'abe-provider-'));
    try {
      await cp(join(ROOT, USERS), join(dir, 'users.json'));
      await expectMatchesExample(expressApp(), 'users.json', 'OK', { root: dir });
      const text = await readFile(join(dir, 'users.json'), 'utf8');
      await writeFile(join(dir, 'users.json'), text.replace('"Ada"', '"Nobody"'));
      await expectMatchesExample(expressApp(), 'users.json', 'OK', { root: dir });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
