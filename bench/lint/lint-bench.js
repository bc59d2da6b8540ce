// abe lint over 10,000 generated contracts, against ajv-cli validating the same files with the
// same schema, and against the floor: a script that only reads and JSON.parses every file.
// Usage: node bench/lint/lint-bench.js  (build the repository first: npm run build)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, ms, printTable, ratio, timeCommand } from '../shared/measure.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const work = join(repo, 'bench/.work/lint');
const contracts = join(work, 'contracts');
const FILES = 10_000;
const RUNS = Number(process.env.RUNS ?? 5);

function generate() {
  rmSync(work, { recursive: true, force: true });
  for (let index = 0; index < FILES; index += 1) {
    const dir = join(contracts, `service-${index % 100}`);
    if (index < 100) mkdirSync(dir, { recursive: true });
    const contract = {
      description: `Retrieve resource ${index}`,
      url: `/service-${index % 100}/resource-${index}/[0-9]+`,
      method: 'GET',
      examples: {
        OK: {
          description: 'found',
          request: {
            url: `/service-${index % 100}/resource-${index}/1`,
            queryParams: { verbose: '0', tag: ['a', 'b'] },
            headers: { Authorization: 'Bearer t' },
          },
          response: {
            status: 200,
            headers: { 'Content-Type': 'application/json' },
            body: {
              id: 1,
              name: `item ${index}`,
              tags: ['x', 'y'],
              owner: { id: 7, username: 'alice', url: '/users/7' },
              created: '2026-01-01T00:00:00Z',
            },
          },
          nonStrict: ['created'],
        },
        'not found': {
          request: { url: `/service-${index % 100}/resource-${index}/9` },
          response: { status: 404, body: { detail: 'Not found.' } },
        },
        unauthenticated: {
          request: { url: `/service-${index % 100}/resource-${index}/1` },
          response: {
            status: 401,
            body: { detail: 'Authentication credentials were not provided.' },
          },
        },
      },
    };
    writeFileSync(join(dir, `resource-${index}.json`), `${JSON.stringify(contract, null, 2)}\n`);
  }
  // The floor: read and JSON.parse every file, nothing else.
  writeFileSync(
    join(work, 'floor.js'),
    `import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
const root = process.argv[2];
let count = 0;
for (const dir of readdirSync(root)) for (const file of readdirSync(join(root, dir))) { JSON.parse(readFileSync(join(root, dir, file), 'utf8')); count += 1; }
console.log(count);
`,
  );
}

if (!existsSync(join(repo, 'dist/cli/main.js')))
  throw new Error('Build the repository first: npm run build');
generate();

const expectOk = (name) => (result) => {
  if (result.status !== 0)
    throw new Error(
      `${name} failed (${result.status}):\n${result.stdout.slice(0, 2000)}\n${result.stderr.slice(0, 2000)}`,
    );
};
// Interleaved rounds (floor, abe, ajv, floor, …) so that all three see the same machine: the
// write-back of the freshly generated files, or another process, cannot favour one of them.
spawnSync('sync');
const commands = {
  floor: [process.execPath, [join(work, 'floor.js'), contracts], expectOk('floor')],
  abe: [process.execPath, [join(repo, 'bin/abe.cjs'), 'lint', contracts], expectOk('abe lint')],
  ajv: [
    join(here, 'node_modules/.bin/ajv'),
    [
      'validate',
      '--spec=draft2020',
      '--allow-union-types',
      '-s',
      join(repo, 'spec/abe.schema.json'),
      '-d',
      `${contracts}/*/*.json`,
    ],
    expectOk('ajv-cli'),
  ],
};
const times = { floor: [], abe: [], ajv: [] };
for (let round = 0; round < RUNS; round += 1) {
  for (const [name, [command, args, check]] of Object.entries(commands)) {
    times[name].push(...timeCommand(command, args, { runs: 1, check }));
  }
}
const floor = median(times.floor);
const abe = median(times.abe);
const ajv = median(times.ajv);

console.log(
  `\nabe lint: ${FILES.toLocaleString('en')} contract files, median of ${RUNS} interleaved runs, each after a warm-up run (node ${process.version})\n`,
);
printTable(
  ['command', 'wall time', 'abe ÷ it', 'target'],
  [
    ['abe lint', ms(abe), ratio(1), ''],
    ['ajv-cli validate (same schema)', ms(ajv), ratio(abe / ajv), '≤ 0.70×'],
    ['floor: read + JSON.parse', ms(floor), ratio(abe / floor), '≤ 2.00×'],
  ],
);
