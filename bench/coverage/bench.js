// Times `abe coverage --json` (the built CLI, bin/abe.cjs) over a generated repository: 300
// contracts of 4 examples each, declared by 3 providers, and a ledger of 100,000 lines (provider
// verifications and consumer uses of 6 consumers, in 24 process files, 5% about older versions)
// against the target of 1 s.
//
//   npm run build                       # in the repository root: the bench runs dist/
//   node bench/coverage/bench.js [--runs 5] [--lines 100000]
//
// Prints a table of medians. Not a test: it asserts no time.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median, printTable, timeCommand } from '../shared/measure.js';
import { random } from '../shared/random.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const work = join(root, 'bench/.work/coverage');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index === -1 ? fallback : Number(args[index + 1]) || fallback;
};
const runs = option('--runs', 5);
const lineCount = option('--lines', 100_000);
const SHAPE = { providers: 3, contractsPerProvider: 100, examples: 4, consumers: 6, processes: 24 };

const { parseContract } = await import(pathToFileURL(join(root, 'dist/index.js')).href);
const { exampleMeaningHash } = await import(
  pathToFileURL(join(root, 'dist/ledger/example-meaning-hash.js')).href
);

function generate() {
  rmSync(work, { recursive: true, force: true });
  const consumers = Array.from({ length: SHAPE.consumers }, (_, i) => `consumer-${i}`);
  const ini = [];
  const examples = [];
  for (let p = 0; p < SHAPE.providers; p += 1) {
    const provider = `provider-${p}`;
    ini.push(`[${provider}]`, `path = ${provider}`, 'contracts = contracts/*.json', '');
    for (let c = 0; c < SHAPE.contractsPerProvider; c += 1) {
      const file = `${provider}/contracts/resource-${c}.json`;
      const document = {
        url: `/p${p}/resource-${c}/[0-9]+`,
        method: 'GET',
        examples: Object.fromEntries(
          Array.from({ length: SHAPE.examples }, (_, e) => [
            `example ${e}`,
            {
              request: { url: `/p${p}/resource-${c}/${e}` },
              response: { status: e === 3 ? 404 : 200, body: { id: e, name: `item ${e}` } },
            },
          ]),
        ),
      };
      const text = `${JSON.stringify(document, null, 2)}\n`;
      mkdirSync(join(work, provider, 'contracts'), { recursive: true });
      writeFileSync(join(work, file), text);
      const contract = parseContract(text, { source: file });
      for (const example of contract.examples) {
        examples.push({
          provider,
          file,
          endpoint: `GET ${contract.url}`,
          label: example.label,
          meaning: exampleMeaningHash(contract, example),
        });
      }
    }
  }
  for (const consumer of consumers) {
    ini.push(
      `[${consumer}]`,
      `path = ${consumer}`,
      `consumes = provider-0, provider-1, provider-2`,
      '',
    );
    mkdirSync(join(work, consumer), { recursive: true });
  }
  writeFileSync(join(work, 'builder.ini'), ini.join('\n'));
  const ledger = join(work, '.abe/ledger');
  mkdirSync(ledger, { recursive: true });
  const next = random(20);
  const files = Array.from({ length: SHAPE.processes }, () => []);
  const at = new Date(0).toISOString();
  for (let n = 0; n < lineCount; n += 1) {
    const example = examples[Math.floor(next() * examples.length)];
    const provider = next() < 0.4;
    const component = provider
      ? example.provider
      : consumers[Math.floor(next() * consumers.length)];
    const entry = {
      v: 1,
      side: provider ? 'provider' : 'consumer',
      component,
      contract: example.file,
      endpoint: example.endpoint,
      label: example.label,
      meaning: next() < 0.05 ? '0123456789abcdef' : example.meaning,
      outcome: provider ? (next() < 0.97 ? 'passed' : 'failed') : 'served',
      tool: provider ? 'expectMatchesExample' : 'mockFromAbe',
      test: `${example.label} behaves`,
      at,
    };
    files[n % files.length].push(JSON.stringify(entry));
  }
  files.forEach((lines, index) => {
    writeFileSync(join(ledger, `process-${index}.jsonl`), `${lines.join('\n')}\n`);
  });
  writeFileSync(
    join(ledger, 'run.json'),
    `${JSON.stringify({ v: 1, command: 'check', all: true, components: [], startedAt: at, head: null })}\n`,
  );
  return examples.length;
}

const exampleCount = generate();
const abe = join(root, 'bin/abe.cjs');
const check = (result) => {
  if (result.status !== 0) throw new Error(`abe coverage failed: ${result.stderr}`);
  const document = JSON.parse(result.stdout);
  if (document.totals.lines !== lineCount) {
    throw new Error(`INVALID: read ${document.totals.lines} lines, wrote ${lineCount}`);
  }
};
const env = { ...process.env, NO_COLOR: '1' };
const coverage = timeCommand(process.execPath, [abe, 'coverage', '--json'], {
  runs,
  cwd: work,
  env,
  check,
});
const version = timeCommand(process.execPath, [abe, '--version'], { runs, cwd: work, env });
const ms = (value) => `${Math.round(value)} ms`;
console.log(
  `${lineCount.toLocaleString('en')} ledger lines, ${SHAPE.providers * SHAPE.contractsPerProvider} contracts, ${exampleCount} examples; median of ${runs} runs after a warm-up\n`,
);
printTable(
  ['command', 'median', 'target', 'ratio to target'],
  [
    ['abe coverage --json', ms(median(coverage)), '1000 ms', (median(coverage) / 1000).toFixed(2)],
    ['abe --version (start-up floor)', ms(median(version)), '', ''],
  ],
);
