// verifyProvider over 1,000 examples (50 contract files × 20) against an in-process Express
// app, vs a plain loop doing the same 1,000 supertest requests with assert.deepStrictEqual on
// status and body. Three plain loops: the idiomatic `request(app)` per request (supertest
// starts and closes a server each time), one listening server reused for every request, and
// that server with a keep-alive agent (one TCP connection), which is what verifyProvider does.
// Usage: npm run build && (cd bench/provider && npm install && node provider-bench.js)
import assert from 'node:assert';
import { cpSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { Agent, createServer } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { median } from '../shared/measure.js';
import { FILES, PER_FILE, providerApp, writeProviderContracts } from './provider-workload.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const work = join(repo, 'bench/.work/provider');
const RUNS = Number(process.env.RUNS ?? 9);

const { verifyProvider } = await import(join(repo, 'dist/provider/index.js'));

function generate() {
  rmSync(work, { recursive: true, force: true });
  writeProviderContracts(join(work, 'contracts'));
}

// What a hand-written provider test does: read the files, send each request, compare.
function readExamples() {
  const out = [];
  for (const name of readdirSync(join(work, 'contracts')).sort()) {
    const contract = JSON.parse(readFileSync(join(work, 'contracts', name), 'utf8'));
    for (const example of Object.values(contract.examples)) out.push(example);
  }
  return out;
}

async function plainLoop(agentFor, connections) {
  for (const example of readExamples()) {
    const test = agentFor().get(example.request.url);
    if (connections !== undefined) test.agent(connections);
    const response = await test.query(example.request.queryParams).set(example.request.headers);
    assert.deepStrictEqual(
      { status: response.status, body: response.body },
      { status: example.response.status, body: example.response.body },
    );
  }
}

// Wall time and the process's CPU time (user + system): app and client share the process, so
// CPU time counts all the work and is steadier than wall time on a loaded machine.
async function time(fn) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await fn();
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - start, cpu: (used.user + used.system) / 1000 };
}

const medianSample = (samples) => ({
  wall: median(samples.map((sample) => sample.wall)),
  cpu: median(samples.map((sample) => sample.cpu)),
});

generate();
const expressApp = providerApp();
const server = createServer(expressApp);
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const shared = request(server);
const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 });
const variants = [
  ['plain loop, request(app) per request', () => plainLoop(() => request(expressApp))],
  ['plain loop, one listening server', () => plainLoop(() => shared)],
  ['plain loop, one server, keep-alive agent', () => plainLoop(() => shared, keepAlive)],
  ['verifyProvider', () => verifyProvider(expressApp, 'contracts', { root: work })],
];

// Warm-up: JIT, express, supertest, and verifyProvider's contract cache for `contracts/`.
for (const [, run] of variants) await run();
const samples = variants.map(() => []);
// Interleaved, each run starting at the next variant, so that changes in machine load and
// the garbage one variant leaves for the next touch every variant alike.
for (let run = 0; run < RUNS; run += 1) {
  for (let step = 0; step < variants.length; step += 1) {
    const index = (run + step) % variants.length;
    samples[index].push(await time(variants[index][1]));
  }
}
// A copy of the contracts verifyProvider has not seen: the run includes reading and validating them.
cpSync(join(work, 'contracts'), join(work, 'fresh'), { recursive: true });
const first = await time(async () => {
  const report = await verifyProvider(expressApp, 'fresh', { root: work });
  assert.strictEqual(report.passed.length, FILES * PER_FILE);
});
keepAlive.destroy();
await new Promise((done) => server.close(done));

const rows = variants.map(([name], index) => [name, medianSample(samples[index])]);
rows.push(['verifyProvider, first run (loads 50 files)', first]);
const verify = rows[3][1];
const cell = (value, width) => String(value).padStart(width);
console.log(
  `provider: ${FILES * PER_FILE} examples, median of ${RUNS} interleaved runs after a warm-up, node ${process.version}\n`,
);
console.log(
  `${'variant'.padEnd(44)}${cell('wall ms', 9)}${cell('cpu ms', 9)}${cell('verify ÷ this (wall)', 22)}${cell('(cpu)', 8)}`,
);
for (const [name, figures] of rows) {
  console.log(
    `${name.padEnd(44)}${cell(figures.wall.toFixed(0), 9)}${cell(figures.cpu.toFixed(0), 9)}${cell(`${(verify.wall / figures.wall).toFixed(2)}×`, 22)}${cell(`${(verify.cpu / figures.cpu).toFixed(2)}×`, 8)}`,
  );
}
