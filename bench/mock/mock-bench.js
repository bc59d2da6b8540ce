// abe mock vs Prism (`prism mock`) vs json-server, each run as its own child process on
// 127.0.0.1 and loaded with autocannon (in this process): requests/s, p50 and p99 latency,
// errors and non-2xx answers, over 20 endpoints × 3 examples. Every tool gets the same fixed
// rotation of requests (the "OK" path of each endpoint, with the same headers), and every answer
// is checked once before the load: the status and body must be the example's, or the row is
// marked invalid.
// Usage: npm run build && (cd bench/mock && npm ci && npm run bench)
//        DURATION=2 CONNECTIONS=10 WARMUP=0 npm run bench   (a smoke run)
import assert from 'node:assert';
import { readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import {
  answers,
  binScript,
  freePort,
  installedVersion,
  packageDir,
  startServer,
} from '../shared/child-server.js';
import { printTable, ratio } from '../shared/measure.js';
import { ENDPOINTS, okRequests, TOKEN, writeMockWorkload } from './mock-workload.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const work = join(repo, 'bench/.work/mock');
const DURATION = Number(process.env.DURATION ?? 10);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const WARMUP = Number(process.env.WARMUP ?? 2);
// TOOLS=Prism,json-server runs some of the tools only (ratios need abe mock's row).
const ONLY = process.env.TOOLS?.split(',').map((name) => name.trim());

const abeBin = join(repo, 'bin/abe.cjs');
const prismDir = packageDir(here, '@stoplight/prism-cli');
const jsonServerDir = packageDir(here, 'json-server');
const versions = {
  node: process.version,
  'abe-ts': JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).version,
  '@stoplight/prism-cli': installedVersion(prismDir),
  'json-server': installedVersion(jsonServerDir),
  autocannon: installedVersion(packageDir(here, 'autocannon')),
};

rmSync(work, { recursive: true, force: true });
const inputs = writeMockWorkload(work);
const requests = okRequests();
const loadHeaders = requests[0].headers;

// How each tool chooses its answer, printed with the table: the ratios mean little without it.
const tools = [
  {
    name: 'abe mock',
    picks:
      'the example whose request matches (method, path, headers, query, body); of several, the most specific, then file order; an `Abe-Example: <label>` header picks one by label',
    args: (port) => [
      abeBin,
      'mock',
      inputs.contracts,
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
    ],
    // Ready once it has printed its "abe mock: N endpoints … at http://…" line and answers.
    ready: (base) => async (server) => {
      if (!/^abe mock: \d+ endpoints from \d+ contracts at http:/m.test(server.stdout))
        return false;
      const response = await fetch(`${base}/__abe/health`, { signal: AbortSignal.timeout(2000) });
      return response.status === 200 && (await response.json()).status === 'ok';
    },
  },
  {
    name: 'Prism',
    picks:
      'the operation by path template and method, the request validated (bearer security: 401 without a token), then the lowest 2xx response and its first example, unless a `Prefer: code=…, example=…` header asks for another; the value of {id} is not looked at',
    args: (port) => [
      binScript(prismDir, 'prism'),
      'mock',
      inputs.openapi,
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      // Prism logs every request at "info"; the others log nothing under load either.
      '--verboseLevel',
      'error',
    ],
    ready: (base) => answers(`${base}${requests[0].path}`, loadHeaders),
    // How a Prism user gets the "not found" example: Prism does not look at the {id}.
    preferNotFound: { Prefer: 'code=404' },
  },
  {
    name: 'json-server',
    picks:
      'the record with that id in the collection named by the path (routes.json rewrites /:service/items/:id to /:service/:id); headers and query conditions cannot be expressed',
    args: (port) => [
      binScript(jsonServerDir, 'json-server'),
      inputs.database,
      '--routes',
      inputs.routes,
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--quiet',
    ],
    ready: (base) => answers(`${base}${requests[0].path}`, loadHeaders),
  },
];

async function fetchJson(url, headers) {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(5000) });
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: response.status, body };
}

/** The first request whose answer is not the example's, as text; undefined when all are. */
async function checkAnswers(base) {
  for (const request of requests) {
    const answer = await fetchJson(`${base}${request.path}`, request.headers);
    try {
      assert.strictEqual(answer.status, 200);
      assert.deepStrictEqual(answer.body, request.body);
    } catch {
      return `GET ${request.path}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 80)}`;
    }
  }
  return undefined;
}

/** How the tool answers the other two examples' requests (printed, not part of the table). */
async function otherExamples(base, tool) {
  const notFound = await fetchJson(`${base}/svc0/items/9`, { authorization: TOKEN });
  const anonymous = await fetchJson(`${base}/svc0/items/1`, {});
  let text = `GET /svc0/items/9 with the token → ${notFound.status} (example: 404); GET /svc0/items/1 without it → ${anonymous.status} (example: 401)`;
  if (tool.preferNotFound !== undefined) {
    const preferred = await fetchJson(`${base}/svc0/items/9`, {
      authorization: TOKEN,
      ...tool.preferNotFound,
    });
    text += `; GET /svc0/items/9 with the token and ${Object.entries(tool.preferNotFound)
      .map(([name, value]) => `${name}: ${value}`)
      .join(', ')} → ${preferred.status}`;
  }
  return text;
}

function load(base, duration) {
  return autocannon({
    url: base,
    connections: CONNECTIONS,
    duration,
    headers: loadHeaders,
    requests: requests.map(({ method, path }) => ({ method, path })),
  });
}

async function measure(tool) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = await startServer(process.execPath, tool.args(port), {
    cwd: work,
    ready: tool.ready(base),
  });
  try {
    const invalid = await checkAnswers(base);
    const others = await otherExamples(base, tool);
    if (WARMUP > 0) await load(base, WARMUP);
    const result = await load(base, DURATION);
    return { tool, invalid, others, result };
  } finally {
    await server.stop();
  }
}

const measured = [];
try {
  for (const tool of tools) {
    if (ONLY === undefined || ONLY.includes(tool.name)) measured.push(await measure(tool));
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const bodyBytes = requests.map((request) => JSON.stringify(request.body).length);
console.log(
  `mock: ${ENDPOINTS} endpoints × 3 examples; load: the ${ENDPOINTS} "OK" paths in a fixed rotation, GET with Authorization and Accept headers, bodies ${Math.min(...bodyBytes)}–${Math.max(...bodyBytes)} bytes`,
);
console.log(
  `settings: DURATION=${DURATION} s, CONNECTIONS=${CONNECTIONS}, WARMUP=${WARMUP} s, TOOLS=${ONLY?.join(',') ?? 'all'}, autocannon in the bench process, each server a child process on 127.0.0.1`,
);
console.log(
  `machine: ${availableParallelism()} CPUs available (${cpus().length} online), ${cpus()[0]?.model ?? 'unknown CPU'}`,
);
console.log(
  `versions: ${Object.entries(versions)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ')}\n`,
);
for (const { tool, others } of measured) {
  console.log(`${tool.name} answers with ${tool.picks}.`);
  console.log(`  ${others}`);
}
console.log('');

const abe = measured.find(({ tool }) => tool.name === 'abe mock')?.result;
const ms = (value) => `${Number(value.toFixed(2))} ms`;
const targets = { Prism: ['≥ 5×', '≤ 1×'], 'json-server': ['(floor)', '(floor)'] };
printTable(
  [
    'tool',
    'answers',
    'requests/s',
    'p50',
    'p99',
    'errors',
    'non-2xx',
    'abe ÷ this req/s',
    'target',
    'abe ÷ this p99',
    'target',
  ],
  measured.map(({ tool, invalid, result }) => {
    const [rpsTarget, p99Target] = targets[tool.name] ?? ['—', '—'];
    const self = tool.name === 'abe mock' || abe === undefined;
    return [
      tool.name,
      invalid === undefined ? `ok (${requests.length}/${requests.length})` : `INVALID: ${invalid}`,
      result.requests.average.toFixed(0),
      ms(result.latency.p50),
      ms(result.latency.p99),
      String(result.errors),
      String(result.non2xx),
      self ? '—' : ratio(abe.requests.average / result.requests.average),
      rpsTarget,
      self ? '—' : ratio(abe.latency.p99 / result.latency.p99),
      p99Target,
    ];
  }),
);
if (measured.some(({ invalid }) => invalid !== undefined)) process.exitCode = 1;
