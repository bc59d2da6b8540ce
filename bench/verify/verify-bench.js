// abe verify vs Dredd vs Pact's provider verifier: wall time of the whole command (median of
// RUNS runs after a warm-up) verifying the same 50 request/response pairs against one real
// Express app (shop-app.js), started as a child process on a free port once per tool. Each
// run's output is parsed: a tool that does not report 50 passing marks its row invalid.
// Usage: npm run build && (cd bench/verify && npm ci && npm run bench)
//        RUNS=1 npm run bench   (a smoke run)
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { binScript, installedVersion, packageDir, startServer } from '../shared/child-server.js';
import { median, ms, printTable, ratio, timeCommand } from '../shared/measure.js';
import { writeVerifyWorkload } from './verify-workload.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const work = join(repo, 'bench/.work/verify');
const RUNS = Number(process.env.RUNS ?? 5);
// TOOLS=Dredd,Pact runs some of the tools only (the ratio needs abe verify's row).
const ONLY = process.env.TOOLS?.split(',').map((name) => name.trim());

const pactDir = packageDir(here, '@pact-foundation/pact');
const pactCoreDir = packageDir(here, '@pact-foundation/pact-core');
const versions = {
  node: process.version,
  'abe-ts': JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).version,
  dredd: installedVersion(packageDir(here, 'dredd')),
  '@pact-foundation/pact': existsSync(pactDir) ? installedVersion(pactDir) : 'not installed',
  '@pact-foundation/pact-core': existsSync(pactCoreDir)
    ? installedVersion(pactCoreDir)
    : 'not installed',
  express: installedVersion(packageDir(here, 'express')),
};

rmSync(work, { recursive: true, force: true });
const inputs = writeVerifyWorkload(work);
const reportFile = join(work, 'abe-verify-report.json');

// biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes are control characters.
const plain = (text) => text.replace(/\u001b\[[0-9;]*m/g, '');

// What each tool reports, as { passed, failed }; undefined when its output cannot be read.
// abe verify: its `--reporter json` document (version 1, docs/verify.md), one entry per example.
function abeCounts() {
  if (!existsSync(reportFile)) return undefined;
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  rmSync(reportFile);
  if (!Array.isArray(report.examples)) return undefined;
  const passed = report.examples.filter((example) => example.outcome === 'passed').length;
  return { passed, failed: report.examples.length - passed };
}

function dreddCounts(result) {
  const line = /complete: (\d+) passing, (\d+) failing, (\d+) errors, (\d+) skipped/.exec(
    plain(result.stdout + result.stderr),
  );
  if (line === null) return undefined;
  return { passed: Number(line[1]), failed: Number(line[2]) + Number(line[3]) + Number(line[4]) };
}

// Pact prints one block per interaction, headed `  <description> (Nms loading, Nms verification)`,
// with "FAILED" in a block whose checks failed.
function pactCounts(result) {
  const text = plain(result.stdout);
  const blocks = text.split(/\n(?=\s{2}\S.*\(\d+ms loading, \d+ms verification\))/).slice(1);
  if (blocks.length === 0) return undefined;
  const failed = blocks.filter((block) => block.includes('FAILED')).length;
  return { passed: blocks.length - failed, failed };
}

const tools = [
  {
    name: 'abe verify',
    input: `${inputs.examples} examples in 25 ABE files`,
    args: (base) => [
      join(repo, 'bin/abe.cjs'),
      'verify',
      base,
      inputs.contracts,
      '--reporter',
      `json=${reportFile}`,
    ],
    counts: abeCounts,
  },
  {
    name: 'Dredd',
    input: `OpenAPI 2, one literal path per example, hooks un-skipping the non-2xx ones`,
    args: (base) => [
      binScript(packageDir(here, 'dredd'), 'dredd'),
      inputs.swagger,
      base,
      `--hookfiles=${inputs.hooks}`,
    ],
    counts: dreddCounts,
  },
  {
    name: 'Pact verifier',
    input: 'a Pact v3 file of 50 interactions, Verifier from @pact-foundation/pact',
    args: (base) => [join(here, 'pact-verify.js'), base, inputs.pact],
    counts: pactCounts,
    missing: existsSync(pactDir) ? undefined : 'npm ci installed no @pact-foundation/pact',
  },
];

async function measure(tool) {
  const app = await startServer(process.execPath, [join(here, 'shop-app.js')], {
    cwd: here,
    env: { ...process.env, PORT: '0' },
    ready: async (server) => /listening on (http:\S+)/.test(server.stdout),
  });
  const base = /listening on (http:\S+)/.exec(app.stdout)[1];
  let counts;
  let exit;
  let output = '';
  try {
    const times = timeCommand(process.execPath, tool.args(base), {
      runs: RUNS,
      cwd: work,
      check: (result) => {
        counts = tool.counts(result);
        exit = result.status;
        output = plain(`${result.stdout}\n${result.stderr}`).slice(-3000);
        if (result.error !== undefined) throw result.error;
      },
    });
    // A run that did not pass all 50 is reported, with its output, instead of a time.
    const valid = counts?.passed === inputs.examples && counts.failed === 0 && exit === 0;
    return { tool, times, counts, exit, valid, output };
  } finally {
    await app.stop();
  }
}

const measured = [];
const leftOut = [];
try {
  for (const tool of tools) {
    if (ONLY !== undefined && !ONLY.includes(tool.name)) continue;
    if (tool.missing !== undefined) leftOut.push(`${tool.name}: left out, ${tool.missing}`);
    else measured.push(await measure(tool));
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

console.log(
  `verify: ${inputs.examples} examples (25 endpoints × 2: GETs with a header or a query condition, GETs with a 404, POSTs with JSON bodies) against one Express app, a child process on 127.0.0.1`,
);
console.log(
  `settings: RUNS=${RUNS} (median wall time of the whole command, after one warm-up run), TOOLS=${ONLY?.join(',') ?? 'all'}`,
);
console.log(
  `machine: ${availableParallelism()} CPUs available (${cpus().length} online), ${cpus()[0]?.model ?? 'unknown CPU'}`,
);
console.log(
  `versions: ${Object.entries(versions)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ')}`,
);
for (const line of leftOut) console.log(line);
console.log('');
for (const { tool } of measured) console.log(`${tool.name}: ${tool.input}`);
console.log('');

const abe = measured.find(({ tool }) => tool.name === 'abe verify');
const targets = { Dredd: '≤ 0.5×', 'Pact verifier': '—' };
printTable(
  ['tool', 'passing', 'median wall', 'min', 'max', 'abe ÷ this', 'target'],
  measured.map(({ tool, times, counts, exit, valid }) => [
    tool.name,
    valid
      ? `${counts.passed}/${inputs.examples}`
      : `INVALID: ${counts === undefined ? 'output not understood' : `${counts.passed} passed, ${counts.failed} not`}, exit ${exit}`,
    ms(median(times)),
    ms(Math.min(...times)),
    ms(Math.max(...times)),
    tool.name === 'abe verify' || abe === undefined
      ? '—'
      : ratio(median(abe.times) / median(times)),
    targets[tool.name] ?? '—',
  ]),
);
for (const { tool, valid, output } of measured) {
  if (!valid) console.log(`\n${tool.name}, the end of its last run's output:\n${output}`);
}
if (measured.some(({ valid }) => !valid)) process.exitCode = 1;
