import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { AbeError } from '../../src/core/abe-error.js';
import {
  type LedgerRun,
  ledgerEnabled,
  readLedgerRun,
  startLedgerRun,
} from '../../src/ledger/ledger-run.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'abe-ledger-run-'));
  dirs.push(dir);
  return dir;
}

const RUN: LedgerRun = {
  v: 1,
  command: 'check',
  all: false,
  components: ['users', 'mailer'],
  startedAt: '2026-12-07T03:00:00.000Z',
  head: null,
};

describe('the run record', () => {
  test('startLedgerRun empties the directory and writes run.json, which readLedgerRun reads back', async () => {
    const dir = join(await tempDir(), '.abe/ledger');
    startLedgerRun(dir, RUN);
    await writeFile(join(dir, 'users-1-aaaaaaaa.jsonl'), 'from the first run\n');
    startLedgerRun(dir, { ...RUN, all: true });
    expect(await readdir(dir)).toEqual(['run.json']);
    expect(readLedgerRun(dir)).toEqual({ ...RUN, all: true });
  });

  test('no run.json is no run; a broken one is a ledger.invalid error', async () => {
    const dir = await tempDir();
    expect(readLedgerRun(dir)).toBeUndefined();
    await writeFile(join(dir, 'run.json'), JSON.stringify({ ...RUN, components: 'users' }));
    expect(() => readLedgerRun(dir)).toThrow(
      expect.objectContaining({
        code: 'ledger.invalid',
        message: expect.stringContaining('"components"'),
      }),
    );
  });

  test('a broken run.json is named once, with what is wrong and what to do', async () => {
    const dir = await tempDir();
    const file = join(dir, 'run.json');
    await writeFile(file, '{"x":1}');
    expect(() => readLedgerRun(dir)).toThrow(
      expect.objectContaining({
        code: 'ledger.invalid',
        message: `${file}: not a ledger run record: version undefined, this abe-ts reads version 1.\nabe writes it at the start of build, test and check; delete the ledger directory and run again.`,
      }),
    );
  });

  test('a run.json that cannot be read is a ledger.invalid error naming it', async () => {
    const dir = await tempDir();
    const file = join(dir, 'run.json');
    await mkdir(file);
    const error = (() => {
      try {
        return readLedgerRun(dir);
      } catch (thrown) {
        return thrown as AbeError;
      }
    })() as AbeError;
    expect(error.code).toBe('ledger.invalid');
    expect(error.message.startsWith(`${file}: cannot be read (EISDIR: `)).toBe(true);
  });

  test('ABE_LEDGER=off is the only value that turns recording off', () => {
    expect(ledgerEnabled({})).toBe(true);
    expect(ledgerEnabled({ ABE_LEDGER: 'on' })).toBe(true);
    expect(ledgerEnabled({ ABE_LEDGER: 'off' })).toBe(false);
  });
});
