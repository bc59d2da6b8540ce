// What recording the ledger costs, on the workloads the issue names, on vs off in one run,
// interleaved so that changes in machine load touch both alike:
//   provider  verifyProvider over 1,000 examples (50 files × 20) against an in-process Express
//             app: bench/provider's workload. Target: on ≤ 1.05 × off.
//   msw       fetch latency through mockFromAbe over 1,000 contracts × 3 examples: bench/msw's
//             workload. Target: on ≤ 1.05 × off.
//   shop      `abe check --all -j 2` on a temp copy of examples/shop (a git repository), with
//             the ledger and with ABE_LEDGER=off. Target: on ≤ 1.03 × off.
// In-process, recording is switched by setting and deleting ABE_LEDGER_DIR between runs (the
// writer reads it on every call); every "on" run is checked to have written its lines.
// Usage: npm run build && node bench/ledger/ledger-bench.js
// Settings: PARTS (provider,msw,shop), RUNS (provider, 9), ROUNDS (msw, 6), REQUESTS (msw, 300),
// SHOP_RUNS (3). A smoke run: PARTS=provider,msw RUNS=1 ROUNDS=1 REQUESTS=20.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { setupServer } from 'msw/node';
import { copyShop } from '../../scripts/copy-shop.js';
import { API, CONTRACTS, timeFetches, writeMswContracts } from '../msw/msw-workload.js';
import {
  FILES,
  PER_FILE,
  providerApp,
  writeProviderContracts,
} from '../provider/provider-workload.js';
import { median, printTable, ratio } from '../shared/measure.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const work = join(repo, 'bench/.work/ledger');
const ledgerDir = join(work, 'ledger');
const PARTS = (process.env.PARTS ?? 'provider,msw,shop').split(',');
const RUNS = Number(process.env.RUNS ?? 9);
const ROUNDS = Number(process.env.ROUNDS ?? 6);
const REQUESTS = Number(process.env.REQUESTS ?? 300);
const SHOP_RUNS = Number(process.env.SHOP_RUNS ?? 3);
const abe = join(repo, 'bin/abe.cjs');

if (!existsSync(join(repo, 'dist/provider/index.js'))) {
  throw new Error('bench/ledger: dist/ is missing. Run `npm run build` first.');
}
const { verifyProvider } = await import(join(repo, 'dist/provider/index.js'));
const { mockFromAbe } = await import(join(repo, 'dist/msw/index.js'));

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
process.env.ABE_ROOT = work;
process.env.ABE_COMPONENT = 'bench';

function recording(on) {
  if (on) process.env.ABE_LEDGER_DIR = ledgerDir;
  else delete process.env.ABE_LEDGER_DIR;
}

/** Lines recorded so far (every "on" run must add its own). */
function ledgerLines() {
  if (!existsSync(ledgerDir)) return 0;
  let lines = 0;
  for (const name of readdirSync(ledgerDir)) {
    const text = readFileSync(join(ledgerDir, name), 'utf8');
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines += 1;
  }
  return lines;
}

// ---- provider: bench/provider's 1,000 examples ----------------------------------------------

async function benchProvider() {
  writeProviderContracts(join(work, 'provider/contracts'));
  const app = providerApp();
  const verify = async () => {
    const report = await verifyProvider(app, 'contracts', { root: join(work, 'provider') });
    if (report.passed.length !== FILES * PER_FILE) throw new Error('provider: examples failed');
  };
  const samples = { off: [], on: [] };
  for (const on of [false, true]) {
    recording(on);
    await verify(); // warm-up: JIT, express, the contract cache, the ledger file
  }
  for (let run = 0; run < RUNS; run += 1) {
    // Alternating which goes first, so neither always runs after the other's garbage.
    for (const on of run % 2 === 0 ? [false, true] : [true, false]) {
      recording(on);
      const before = ledgerLines();
      const start = performance.now();
      await verify();
      const elapsed = performance.now() - start;
      const added = ledgerLines() - before;
      if (added !== (on ? FILES * PER_FILE : 0)) {
        throw new Error(`provider: a run with recording ${on ? 'on' : 'off'} wrote ${added} lines`);
      }
      samples[on ? 'on' : 'off'].push(elapsed);
    }
  }
  recording(false);
  return { off: median(samples.off), on: median(samples.on) };
}

// ---- msw: bench/msw's 1,000 contracts × 3 examples --------------------------------------------

async function benchMsw() {
  const contracts = join(work, 'msw/contracts');
  writeMswContracts(contracts);
  const server = setupServer(...mockFromAbe(contracts, { baseUrl: API }));
  server.listen({ onUnhandledRequest: 'error' });
  const latencies = { off: [], on: [] };
  try {
    for (const on of [false, true]) {
      recording(on);
      await timeFetches(100);
    }
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const on of round % 2 === 0 ? [false, true] : [true, false]) {
        recording(on);
        const before = ledgerLines();
        await timeFetches(REQUESTS, latencies[on ? 'on' : 'off']);
        const added = ledgerLines() - before;
        if (added !== (on ? REQUESTS : 0)) {
          throw new Error(`msw: a round with recording ${on ? 'on' : 'off'} wrote ${added} lines`);
        }
      }
    }
  } finally {
    server.close();
    recording(false);
  }
  return { off: median(latencies.off), on: median(latencies.on) };
}

// ---- shop: abe check --all, with and without ABE_LEDGER=off ----------------------------------

function setUpShop() {
  const dir = mkdtempSync(join(tmpdir(), 'abe-ledger-bench-shop-'));
  copyShop(dir);
  const git = (...args) =>
    execFileSync('git', args, {
      cwd: dir,
      stdio: 'pipe',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'bench',
        GIT_AUTHOR_EMAIL: 'bench@example.test',
        GIT_COMMITTER_NAME: 'bench',
        GIT_COMMITTER_EMAIL: 'bench@example.test',
      },
    });
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'shop');
  return dir;
}

function checkShop(dir, on) {
  const env = { ...process.env, CI: '', GITHUB_ACTIONS: '' };
  for (const name of ['ABE_LEDGER_DIR', 'ABE_COMPONENT', 'ABE_ROOT']) delete env[name];
  if (!on) env.ABE_LEDGER = 'off';
  const start = performance.now();
  const result = spawnSync(process.execPath, [abe, 'check', '--all', '-j', '2'], {
    cwd: dir,
    env,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const elapsed = performance.now() - start;
  // Exit 1 may only be the ledger gate (a shop contract used but not verified); anything else
  // is a broken run and no figure.
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(
      `shop: abe check --all exited ${result.status}:\n${result.stdout}\n${result.stderr}`,
    );
  }
  const recorded = existsSync(join(dir, '.abe/ledger/run.json'));
  if (recorded !== on) {
    throw new Error(`shop: a run with the ledger ${on ? 'on wrote no' : 'off wrote a'} run.json`);
  }
  rmSync(join(dir, '.abe/ledger'), { recursive: true, force: true });
  return { elapsed, status: result.status };
}

function benchShop() {
  const dir = setUpShop();
  try {
    const samples = { off: [], on: [] };
    const statuses = new Set();
    checkShop(dir, true); // warm-up: caches of vitest, python, the file system
    for (let run = 0; run < SHOP_RUNS; run += 1) {
      for (const on of run % 2 === 0 ? [false, true] : [true, false]) {
        const { elapsed, status } = checkShop(dir, on);
        statuses.add(`${on ? 'on' : 'off'}:${status}`);
        samples[on ? 'on' : 'off'].push(elapsed);
      }
    }
    return { off: median(samples.off), on: median(samples.on), statuses: [...statuses] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---- report -------------------------------------------------------------------------------------

const rows = [];
const fmt = (value, unit) =>
  unit === 'µs' ? `${(value * 1000).toFixed(0)} µs` : `${value.toFixed(1)} ms`;
if (PARTS.includes('provider')) {
  const { off, on } = await benchProvider();
  rows.push([
    `provider: verifyProvider, ${FILES * PER_FILE} examples`,
    fmt(off),
    fmt(on),
    ratio(on / off),
    '≤ 1.05×',
  ]);
}
if (PARTS.includes('msw')) {
  const { off, on } = await benchMsw();
  rows.push([
    `msw: one fetch, ${CONTRACTS} contracts`,
    fmt(off, 'µs'),
    fmt(on, 'µs'),
    ratio(on / off),
    '≤ 1.05×',
  ]);
}
let shopNote = '';
if (PARTS.includes('shop')) {
  const { off, on, statuses } = benchShop();
  rows.push(['shop: abe check --all -j 2', fmt(off), fmt(on), ratio(on / off), '≤ 1.03×']);
  shopNote = ` shop exit codes: ${statuses.join(', ')}.`;
}
console.log(
  `ledger: recording off vs on, medians (provider ${RUNS} runs, msw ${ROUNDS} × ${REQUESTS} fetches, shop ${SHOP_RUNS} runs), interleaved after a warm-up, node ${process.version}.${shopNote}\n`,
);
printTable(['workload', 'off', 'on', 'on ÷ off', 'target'], rows);
rmSync(work, { recursive: true, force: true });
