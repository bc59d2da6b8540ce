// mockFromAbe over 1,000 generated contracts × 3 examples in one setupServer, against msw
// written by hand: median latency of a fetch through it vs (a) one hand-written http.get
// returning the same body and (b) the same 1,000 endpoints as 1,000 hand-written http.get
// handlers; and the time to build the handlers from the 1,000 files vs reading and
// JSON.parse-ing them.
// Usage: npm run build && node bench/msw/msw-bench.js   (msw resolves from the root, as dist/msw does)
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { median, ms, printTable, ratio } from '../shared/measure.js';
import { API, CONTRACTS, item, TARGET, timeFetches, writeMswContracts } from './msw-workload.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const work = join(repo, 'bench/.work/msw');
const contracts = join(work, 'contracts');
const ROUNDS = Number(process.env.ROUNDS ?? 6);
const REQUESTS = Number(process.env.REQUESTS ?? 300);
const BUILDS = Number(process.env.BUILDS ?? 7);

const { mockFromAbe } = await import(join(repo, 'dist/msw/index.js'));
const { parseContract } = await import(join(repo, 'dist/contract/parse-contract.js'));

function generate() {
  rmSync(work, { recursive: true, force: true });
  writeMswContracts(contracts);
}

function jsonFilesBelow(directory) {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name))
    .sort();
}

function timeOnce(action) {
  const start = performance.now();
  action();
  return performance.now() - start;
}

function measureBuilds() {
  const readAndParse = [];
  const readAndAnalyse = [];
  const build = [];
  // Alternating, after one warm-up round, so that load on the machine hits every column alike.
  for (let run = -1; run < BUILDS; run += 1) {
    const parse = timeOnce(() => {
      for (const file of jsonFilesBelow(contracts)) JSON.parse(readFileSync(file, 'utf8'));
    });
    const analyse = timeOnce(() => {
      for (const file of jsonFilesBelow(contracts))
        parseContract(readFileSync(file, 'utf8'), { source: file });
    });
    const handlers = timeOnce(() => mockFromAbe(contracts));
    if (run < 0) continue;
    readAndParse.push(parse);
    readAndAnalyse.push(analyse);
    build.push(handlers);
  }
  return {
    readAndParse: median(readAndParse),
    readAndAnalyse: median(readAndAnalyse),
    build: median(build),
  };
}

function handWrittenOne() {
  const body = item(TARGET);
  return [http.get(`${API}/svc${TARGET}/items/1`, () => HttpResponse.json(body))];
}

function handWrittenAll() {
  const handlers = [];
  for (let index = 0; index < CONTRACTS; index += 1) {
    const body = item(index);
    handlers.push(http.get(`${API}/svc${index}/items/:id`, () => HttpResponse.json(body)));
  }
  return handlers;
}

async function fetchLatencies(server, count, sink) {
  server.listen({ onUnhandledRequest: 'error' });
  try {
    await timeFetches(count, sink);
  } finally {
    server.close();
  }
}

async function measureLatency() {
  const setups = {
    abe: setupServer(...mockFromAbe(contracts, { baseUrl: API })),
    one: setupServer(...handWrittenOne()),
    all: setupServer(...handWrittenAll()),
  };
  const latencies = { abe: [], one: [], all: [] };
  for (const server of Object.values(setups)) await fetchLatencies(server, 200);
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [name, server] of Object.entries(setups)) {
      await fetchLatencies(server, REQUESTS, latencies[name]);
    }
  }
  return { abe: median(latencies.abe), one: median(latencies.one), all: median(latencies.all) };
}

generate();
const builds = measureBuilds();
const latency = await measureLatency();
const us = (value) => `${(value * 1000).toFixed(0)} µs`;

console.log(
  `mockFromAbe: ${CONTRACTS} contracts × 3 examples; fetch medians over ${ROUNDS} × ${REQUESTS} requests per setup, build medians over ${BUILDS} runs (node ${process.version})\n`,
);
printTable(
  ['measure', 'abe-ts', 'against', 'peer', 'ratio', 'target'],
  [
    [
      'fetch through setupServer',
      us(latency.abe),
      '(a) one hand-written http.get',
      us(latency.one),
      ratio(latency.abe / latency.one),
      '≤ 1.25×',
    ],
    [
      'fetch through setupServer',
      us(latency.abe),
      `(b) ${CONTRACTS} hand-written http.get`,
      us(latency.all),
      ratio(latency.abe / latency.all),
      '< 1×',
    ],
    [
      'build handlers from the files',
      ms(builds.build),
      'read + JSON.parse',
      ms(builds.readAndParse),
      ratio(builds.build / builds.readAndParse),
      '≤ 2×',
    ],
    [
      '(info) read + parseContract each',
      ms(builds.readAndAnalyse),
      'read + JSON.parse',
      ms(builds.readAndParse),
      ratio(builds.readAndAnalyse / builds.readAndParse),
      '—',
    ],
  ],
);
rmSync(work, { recursive: true, force: true });
