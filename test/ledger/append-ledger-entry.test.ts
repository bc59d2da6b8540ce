import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { AbeError } from '../../src/core/abe-error.js';
import { appendLedgerEntry } from '../../src/ledger/append-ledger-entry.js';
import type { LedgerEntry } from '../../src/ledger/ledger-entry.js';
import { readLedger } from '../../src/ledger/read-ledger.js';
import { waitFor } from '../helpers/processes.js';

// The writer runs in real child processes: the module is built from its source with rolldown
// (as the CLI is bundled), and each child appends through it to one shared directory.
const REPO = fileURLToPath(new URL('../../', import.meta.url));
let work = '';
let writer = '';

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'abe-ledger-writer-'));
  await build({
    input: join(REPO, 'src/ledger/append-ledger-entry.ts'),
    output: { file: join(work, 'writer.mjs'), format: 'esm' },
    logLevel: 'silent',
  });
  writer = join(work, 'child.mjs');
  // argv: count ('forever' appends until killed), writer id.
  await writeFile(
    writer,
    `import { appendLedgerEntry } from './writer.mjs';
const [count, id] = process.argv.slice(2);
const padding = 'x'.repeat(2000);
for (let i = 0; count === 'forever' || i < Number(count); i++) {
  appendLedgerEntry({ v: 1, side: 'provider', component: process.env.ABE_COMPONENT ?? null,
    contract: 'api/users/get.json', endpoint: 'GET /users/[0-9]+', label: id + ':' + i,
    meaning: '0123456789abcdef', outcome: 'passed', tool: 'verifyProvider',
    test: count === 'forever' ? padding : undefined, at: new Date().toISOString() });
}
`,
  );
});

afterAll(async () => {
  if (work !== '') await rm(work, { recursive: true, force: true });
});

afterEach(() => {
  vi.unstubAllEnvs();
});

function runChild(
  args: readonly string[],
  env: Record<string, string>,
): { done: Promise<number | null>; kill: () => void } {
  const child = spawn(process.execPath, [writer, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0 && code !== null) reject(new Error(`writer exited ${code}: ${stderr}`));
      else resolve(code);
    });
  });
  return { done, kill: () => child.kill('SIGKILL') };
}

function entry(label: string): LedgerEntry {
  return {
    v: 1,
    side: 'consumer',
    component: null,
    contract: 'api/users/get.json',
    endpoint: 'GET /users/[0-9]+',
    label,
    meaning: '0123456789abcdef',
    outcome: 'served',
    tool: 'mockFromAbe',
    at: '2026-12-07T03:00:00.000Z',
  };
}

describe('the ledger writer', () => {
  test('eight processes appending 2,000 entries each at once lose and mix nothing', async () => {
    const dir = join(work, 'parallel');
    const writers = Array.from({ length: 8 }, (_, id) =>
      runChild(['2000', String(id)], { ABE_LEDGER_DIR: dir, ABE_COMPONENT: `c${id}` }),
    );
    await Promise.all(writers.map((child) => child.done));

    const read = await readLedger(dir);
    expect(read.files).toBe(8);
    expect(read.partialLines).toBe(0);
    expect(read.entries).toHaveLength(16_000);
    // Every entry once, and in its own writer's file (named after its component).
    expect(new Set(read.entries.map((line) => line.label)).size).toBe(16_000);
    const names = (await readdir(dir)).sort();
    expect(names.map((name) => name.split('-')[0])).toEqual(
      Array.from({ length: 8 }, (_, id) => `c${id}`),
    );
    for (const name of names) {
      const lines = (await readFile(join(dir, name), 'utf8')).trimEnd().split('\n');
      const component = name.split('-')[0] as string;
      expect(lines).toHaveLength(2000);
      expect(lines.every((line) => JSON.parse(line).component === component)).toBe(true);
    }
  });

  test('a writer killed while appending leaves only complete lines', async () => {
    const dir = join(work, 'crashed');
    const child = runChild(['forever', 'k'], { ABE_LEDGER_DIR: dir });
    // Killed in full flight: once its file holds a few hundred kilobytes.
    await waitFor(async () => {
      const names = await readdir(dir).catch(() => [] as string[]);
      const first = names[0];
      return first !== undefined && (await stat(join(dir, first))).size > 400_000;
    });
    child.kill();
    expect(await child.done).toBeNull();

    const read = await readLedger(dir);
    expect(read.files).toBe(1);
    expect(read.partialLines).toBe(0);
    expect(read.entries.length).toBeGreaterThan(100);
    const text = await readFile(join(dir, (await readdir(dir))[0] as string), 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    // Labels run k:0, k:1, … with none missing in between.
    expect(read.entries.map((line) => line.label)).toEqual(
      read.entries.map((_, index) => `k:${index}`),
    );
  });

  test('nothing is written, and no directory made, without ABE_LEDGER_DIR', async () => {
    const dir = join(work, 'unset');
    vi.stubEnv('ABE_LEDGER_DIR', '');
    appendLedgerEntry(entry('OK'));
    await expect(stat(dir)).rejects.toMatchObject({ code: 'ENOENT' });
    // And with the variable, the same call writes.
    vi.stubEnv('ABE_LEDGER_DIR', dir);
    appendLedgerEntry(entry('OK'));
    expect((await readLedger(dir)).entries.map((line) => line.label)).toEqual(['OK']);
  });

  test('a change of ABE_LEDGER_DIR opens a file in the new directory', async () => {
    const first = join(work, 'first');
    const second = join(work, 'second');
    vi.stubEnv('ABE_LEDGER_DIR', first);
    appendLedgerEntry(entry('one'));
    vi.stubEnv('ABE_LEDGER_DIR', second);
    appendLedgerEntry(entry('two'));
    appendLedgerEntry(entry('three'));
    expect((await readLedger(first)).entries.map((line) => line.label)).toEqual(['one']);
    expect((await readLedger(second)).entries.map((line) => line.label)).toEqual(['two', 'three']);
    expect((await readdir(second))[0]).toMatch(/^none-\d+-[0-9a-f]{8}\.jsonl$/);
  });

  test('a ledger directory that cannot be made is a ledger.write error naming it', async () => {
    const file = join(work, 'a-file');
    await writeFile(file, 'not a directory');
    vi.stubEnv('ABE_LEDGER_DIR', join(file, 'ledger'));
    let error: unknown;
    try {
      appendLedgerEntry(entry('OK'));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AbeError);
    expect(error).toMatchObject({ code: 'ledger.write' });
    expect((error as Error).message).toContain(join(file, 'ledger'));
  });
});
