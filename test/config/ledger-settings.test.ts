import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { DEFAULT_LEDGER_SETTINGS } from '../../src/config/types.js';
import { AbeError } from '../../src/core/abe-error.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function load(ini: string) {
  const dir = await mkdtemp(join(tmpdir(), 'abe-ledger-config-'));
  dirs.push(dir);
  await writeFile(join(dir, 'builder.ini'), ini);
  await mkdir(join(dir, 'a'));
  return loadConfig('builder.ini', { cwd: dir });
}

async function loadError(ini: string): Promise<AbeError> {
  const error = await load(ini).catch((e: unknown) => e);
  if (!(error instanceof AbeError)) throw new Error(`expected an AbeError, got ${String(error)}`);
  return error;
}

describe('the ledger keys of [abe]', () => {
  test('a builder.ini without them has the defaults: error, warn, contract, abe-usage.json', async () => {
    const config = await load('[a]\npath=a\n');
    expect(config.ledger).toEqual(DEFAULT_LEDGER_SETTINGS);
    expect(DEFAULT_LEDGER_SETTINGS).toEqual({
      unverifiedUse: 'error',
      neverVerified: 'warn',
      precision: 'contract',
      usageFile: 'abe-usage.json',
    });
  });

  test('each key is read from [abe]', async () => {
    const config = await load(
      '[abe]\nunverified-use=warn\nnever-verified=off\nprecision=example\nusage-file=ci/usage.json\n[a]\npath=a\n',
    );
    expect(config.ledger).toEqual({
      unverifiedUse: 'warn',
      neverVerified: 'off',
      precision: 'example',
      usageFile: 'ci/usage.json',
    });
    expect(config.unknownKeys).toEqual([]);
  });

  test('a bad policy names the file, the line, the value and the allowed ones', async () => {
    const error = await loadError('[abe]\nbase=main\nunverified-use=eror\n[a]\npath=a\n');
    expect(error.code).toBe('config.invalid');
    expect(error.message).toMatch(
      /^builder\.ini:3: .*unverified-use "eror".*one of error, warn, off.*Did you mean "error"\?/,
    );
  });

  test('a bad precision names the allowed ones', async () => {
    const error = await loadError('[abe]\nprecision=examples\n[a]\npath=a\n');
    expect(error.message).toMatch(/^builder\.ini:2: .*precision "examples".*contract, example/);
  });

  test('a usage-file outside the repository is refused', async () => {
    const error = await loadError('[abe]\nusage-file=../usage.json\n[a]\npath=a\n');
    expect(error.code).toBe('config.path');
  });
});
