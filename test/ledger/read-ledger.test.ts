import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { readLedger } from '../../src/ledger/read-ledger.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function ledgerWith(files: Readonly<Record<string, string>>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'abe-ledger-read-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

const line = (label: string): string =>
  JSON.stringify({
    v: 1,
    side: 'provider',
    component: 'users',
    contract: 'api/users/get.json',
    endpoint: 'GET /users/[0-9]+',
    label,
    meaning: '0123456789abcdef',
    outcome: 'passed',
    tool: 'verifyProvider',
    at: '2026-12-07T03:00:00.000Z',
  });

describe('readLedger', () => {
  test('a ledger path that is no directory, or a ledger file that cannot be read, names itself', async () => {
    const dir = await ledgerWith({ 'not-a-dir': 'x' });
    await expect(readLedger(join(dir, 'not-a-dir'))).rejects.toThrow(
      expect.objectContaining({
        code: 'ledger.invalid',
        message: expect.stringMatching(/not-a-dir: cannot be read \(ENOTDIR: /),
      }),
    );
    await mkdir(join(dir, 'users-1-aaaaaaaa.jsonl'));
    await expect(readLedger(dir)).rejects.toThrow(
      expect.objectContaining({
        code: 'ledger.invalid',
        message: expect.stringMatching(
          /users-1-aaaaaaaa\.jsonl: cannot be read \(EISDIR: [^\n]*\)\nMake the ledger directory readable/,
        ),
      }),
    );
  });

  test('a last line without its newline is counted as partial and left out', async () => {
    const dir = await ledgerWith({
      'users-1-aaaaaaaa.jsonl': `${line('OK')}\n${line('not found').slice(0, 40)}`,
      'users-2-bbbbbbbb.jsonl': `${line('gone')}\n`,
    });
    const read = await readLedger(dir);
    expect(read.partialLines).toBe(1);
    expect(read.files).toBe(2);
    expect(read.entries.map((entry) => entry.label)).toEqual(['OK', 'gone']);
  });

  test('a complete line that is not an entry is a ledger.invalid error at its file and line', async () => {
    const dir = await ledgerWith({
      'users-1-aaaaaaaa.jsonl': `${line('OK')}\n${line('bad').replace('"passed"', '"maybe"')}\n`,
    });
    await expect(readLedger(dir)).rejects.toMatchObject({
      code: 'ledger.invalid',
      message: expect.stringContaining(
        `${join(dir, 'users-1-aaaaaaaa.jsonl')}:2: not a ledger entry: outcome`,
      ),
    });
  });

  test('files other than *.jsonl (run.json) are not read as entries', async () => {
    const dir = await ledgerWith({
      'run.json': '{"v":1}\n',
      'x-1-cccccccc.jsonl': `${line('OK')}\n`,
    });
    const read = await readLedger(dir);
    expect(read.files).toBe(1);
    expect(read.entries).toHaveLength(1);
  });

  test('a missing directory is an empty ledger', async () => {
    const read = await readLedger(join(tmpdir(), 'abe-no-such-ledger-dir'));
    expect(read).toEqual({ entries: [], files: 0, partialLines: 0 });
  });
});
