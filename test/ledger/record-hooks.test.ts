import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { setupServer } from 'msw/node';
import { afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { loadContract } from '../../src/contract/load-contract.js';
import type { Contract } from '../../src/contract/types.js';
import { exampleMeaningHash } from '../../src/ledger/example-meaning-hash.js';
import type { LedgerEntry } from '../../src/ledger/ledger-entry.js';
import { readLedger } from '../../src/ledger/read-ledger.js';
import { MockContracts } from '../../src/mock-server/mock-contracts.js';
import { startMockServer } from '../../src/mock-server/start-mock-server.js';
import { abeMocks, beginTestScope, endTestScope } from '../../src/msw/abe-mocks.js';
import { mockFromAbe } from '../../src/msw/mock-from-abe.js';
import { assertMatchesExample } from '../../src/provider/assert-matches-example.js';
import { expectMatchesExample } from '../../src/provider/expect-matches-example.js';
import { toMatchExample } from '../../src/provider/to-match-example.js';
import { verifyProvider } from '../../src/provider/verify-provider.js';
import { runCli } from '../helpers/run-cli.js';

// Each recorder of abe-ts, run for real (an Express app, a real HTTP server, real msw, a real
// `abe mock` server, `abe verify` in-process), must append exactly the lines it should, with
// every field right. The repository root is fixtures/ledger/repo; the contract is
// api/users/get.json in it, reached from another directory (the `api` folder) to show that
// the ledger names files from the root.
const ROOT = fileURLToPath(new URL('../../fixtures/ledger/repo', import.meta.url));
const API = join(ROOT, 'api');
const CONTRACT = 'api/users/get.json';

expect.extend({ toMatchExample });
declare module 'vitest' {
  interface Matchers {
    toMatchExample(contract: string, label: string): Promise<void>;
  }
}

function usersApp(name = 'Ada'): express.Express {
  const app = express();
  app.get('/users/:id', (req, res) => {
    if (req.params.id === '1') res.json({ id: 1, name });
    else res.status(404).json({ detail: 'Not found.' });
  });
  return app;
}

let contract: Contract;
let dir = '';

beforeAll(async () => {
  contract = await loadContract(join(ROOT, CONTRACT));
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'abe-ledger-hooks-'));
  vi.stubEnv('ABE_LEDGER_DIR', dir);
  vi.stubEnv('ABE_COMPONENT', 'users');
  vi.stubEnv('ABE_ROOT', ROOT);
});

afterEach(async () => {
  vi.unstubAllEnvs();
  abeMocks.reset();
  await rm(dir, { recursive: true, force: true });
});

async function lines(): Promise<LedgerEntry[]> {
  const read = await readLedger(dir);
  expect(read.partialLines).toBe(0);
  return [...read.entries];
}

/** What every line of this file has in common, for the example labelled `label`. */
function about(label: string): Partial<LedgerEntry> {
  const example = contract.examples.find((candidate) => candidate.label === label);
  if (example === undefined) throw new Error(`no example ${label}`);
  return {
    v: 1,
    component: 'users',
    contract: CONTRACT,
    endpoint: 'GET /users/[0-9]+',
    label,
    meaning: exampleMeaningHash(contract, example),
  };
}

const currentTest = (): string => expect.getState().currentTestName as string;

async function listen(app: express.Express): Promise<{ url: string; server: Server }> {
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('provider recorders', () => {
  test('expectMatchesExample records a passed verification with the test name', async () => {
    await expectMatchesExample(usersApp(), 'users/get.json', 'OK', { root: API });
    expect(await lines()).toEqual([
      {
        ...about('OK'),
        side: 'provider',
        outcome: 'passed',
        tool: 'expectMatchesExample',
        test: currentTest(),
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
    ]);
    expect(currentTest()).toContain('expectMatchesExample records a passed verification');
  });

  test('expectMatchesExample records a failed one, and a target that cannot be reached as failed', async () => {
    await expect(
      expectMatchesExample(usersApp('Grace'), 'users/get.json', 'OK', { root: API }),
    ).rejects.toThrow(/name/);
    const { url, server } = await listen(usersApp());
    await new Promise((resolve) => server.close(resolve));
    await expect(
      expectMatchesExample(url, 'users/get.json', 'not found', { root: API }),
    ).rejects.toThrow();
    expect((await lines()).map(({ label, outcome, tool }) => [label, outcome, tool])).toEqual([
      ['OK', 'failed', 'expectMatchesExample'],
      ['not found', 'failed', 'expectMatchesExample'],
    ]);
  });

  test('an unknown label records nothing: no example was verified', async () => {
    await expect(
      expectMatchesExample(usersApp(), 'users/get.json', 'ok', { root: API }),
    ).rejects.toThrow(/Did you mean "OK"/);
    expect(await lines()).toEqual([]);
  });

  test('assertMatchesExample records as itself', async () => {
    await assertMatchesExample(
      { status: 404, headers: {}, body: { detail: 'Not found.' } },
      contract,
      'not found',
    );
    expect(await lines()).toEqual([
      expect.objectContaining({
        ...about('not found'),
        outcome: 'passed',
        tool: 'assertMatchesExample',
      }),
    ]);
  });

  test('verifyProvider records one line per example run, none for skipped ones, none as assertMatchesExample', async () => {
    await verifyProvider(usersApp(), 'users/*.json', { root: API, only: '#OK' });
    const { url, server } = await listen(usersApp('Grace'));
    try {
      await verifyProvider(url, CONTRACT, { root: ROOT, throw: false });
    } finally {
      server.close();
    }
    expect(await lines()).toEqual([
      expect.objectContaining({
        ...about('OK'),
        side: 'provider',
        outcome: 'passed',
        tool: 'verifyProvider',
        test: currentTest(),
      }),
      expect.objectContaining({ ...about('OK'), outcome: 'failed', tool: 'verifyProvider' }),
      expect.objectContaining({ ...about('not found'), outcome: 'passed', tool: 'verifyProvider' }),
    ]);
  });

  test('toMatchExample records one line as toMatchExample with the test name', async () => {
    await expect(usersApp()).toMatchExample(join(API, 'users/get.json'), 'OK');
    await expect({ status: 404, body: { detail: 'Not found.' } }).toMatchExample(
      join(API, 'users/get.json'),
      'not found',
    );
    expect(await lines()).toEqual([
      expect.objectContaining({
        ...about('OK'),
        outcome: 'passed',
        tool: 'toMatchExample',
        test: currentTest(),
      }),
      expect.objectContaining({
        ...about('not found'),
        outcome: 'passed',
        tool: 'toMatchExample',
        test: currentTest(),
      }),
    ]);
  });

  test('abe verify records its examples as abe verify, once each', async () => {
    const { url, server } = await listen(usersApp());
    try {
      const run = await runCli(['verify', url, CONTRACT], { cwd: ROOT });
      expect(run.code).toBe(0);
    } finally {
      server.close();
    }
    const found = await lines();
    expect(found).toEqual([
      expect.objectContaining({ ...about('OK'), outcome: 'passed', tool: 'abe verify' }),
      expect.objectContaining({ ...about('not found'), outcome: 'passed', tool: 'abe verify' }),
    ]);
  });
});

describe('consumer recorders', () => {
  test('mockFromAbe records served and refused uses; a request to no endpoint is not a line', async () => {
    const server = setupServer(
      ...mockFromAbe('users/get.json', { cwd: API, baseUrl: 'http://users.test' }),
    );
    server.listen({ onUnhandledRequest: () => {} });
    try {
      expect((await fetch('http://users.test/users/1')).status).toBe(200);
      await expect(fetch('http://users.test/users/5')).rejects.toThrow();
      beginTestScope('a scope the setup file opened');
      expect((await fetch('http://users.test/users/9')).status).toBe(404);
      endTestScope();
      await expect(fetch('http://users.test/orders/1')).rejects.toThrow();
    } finally {
      server.close();
    }
    expect(await lines()).toEqual([
      {
        ...about('OK'),
        side: 'consumer',
        outcome: 'served',
        tool: 'mockFromAbe',
        test: currentTest(),
        at: expect.any(String),
      },
      {
        ...about('OK'),
        side: 'consumer',
        outcome: 'refused',
        tool: 'mockFromAbe',
        test: currentTest(),
        at: expect.any(String),
      },
      expect.objectContaining({
        ...about('not found'),
        outcome: 'served',
        test: 'a scope the setup file opened',
      }),
    ]);
  });

  test('abe mock records served and refused uses; no endpoint and unknown labels are not lines', async () => {
    const server = await startMockServer({
      contracts: MockContracts.load([{ pattern: 'users/', cwd: API }]),
      port: 0,
    });
    try {
      expect((await fetch(`${server.origin}/users/9`)).status).toBe(404);
      expect((await fetch(`${server.origin}/users/5`)).status).toBe(422);
      expect((await fetch(`${server.origin}/orders`)).status).toBe(404);
      const unknown = await fetch(`${server.origin}/users/1`, {
        headers: { 'Abe-Example': 'gone' },
      });
      expect(unknown.status).toBe(400);
    } finally {
      await server.close();
    }
    const found = await lines();
    expect(found).toEqual([
      {
        ...about('not found'),
        side: 'consumer',
        outcome: 'served',
        tool: 'abe mock',
        at: expect.any(String),
      },
      {
        ...about('OK'),
        side: 'consumer',
        outcome: 'refused',
        tool: 'abe mock',
        at: expect.any(String),
      },
    ]);
  });

  test('nothing is recorded when ABE_LEDGER_DIR is unset', async () => {
    vi.stubEnv('ABE_LEDGER_DIR', '');
    const server = setupServer(...mockFromAbe(contract, { baseUrl: 'http://users.test' }));
    server.listen({ onUnhandledRequest: () => {} });
    try {
      await fetch('http://users.test/users/1');
    } finally {
      server.close();
    }
    await expectMatchesExample(usersApp(), contract, 'OK');
    const read = await readLedger(dir);
    expect(read.files).toBe(0);
  });
});
