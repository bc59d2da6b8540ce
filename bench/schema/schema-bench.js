// Two ways of running ajv on spec/abe.schema.json, side by side:
// - standalone: the validator ajv generates as code (ajv/dist/standalone) ahead of time, loaded
//   as a plain module with no ajv at run time;
// - runtime: ajv itself imported, and the schema compiled on first use.
// Both map ajv's errors with dist/contract/schema-problem.js. The one in production is timed as
// dist/contract/validate-schema.js; the other is written by this script into bench/.work/schema,
// the way production would have it. Rows: start-up of a fresh node (load, compile, validate one
// contract), validation alone of 10,000 parsed contracts, and reading + JSON.parse + validating
// 10,000 files in a fresh node, which is what `abe lint` does with each file before the rest of
// its checks.
// Usage: node bench/schema/schema-bench.js [dist-dir]  (or ABE_DIST=dir; default ../../dist,
// built by npm run build; any `tsc -p tsconfig.build.json --outDir <dir>` will do).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { median, ms, printTable, ratio, timeCommand } from '../shared/measure.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const dist = resolve(process.argv[2] ?? process.env.ABE_DIST ?? join(repo, 'dist'));
const work = join(repo, 'bench/.work/schema');
const contracts = join(work, 'contracts');
const FILES = 10_000;
const RUNS = Number(process.env.RUNS ?? 9);
const AJV_OPTIONS = { allErrors: true, strict: true, allowUnionTypes: true };

const production = join(dist, 'contract/validate-schema.js');
const mapping = join(dist, 'contract/schema-problem.js');
if (!existsSync(mapping)) {
  throw new Error(
    `${mapping} is missing: build first (npm run build, or tsc -p tsconfig.build.json --outDir <dir> and pass <dir>)`,
  );
}
const url = (file) => JSON.stringify(pathToFileURL(file).href);

/** The contract lint-bench generates, number `index`; `broken` adds a bad method and status. */
function contract(index, broken = false) {
  const service = `service-${index % 100}`;
  return {
    description: `Retrieve resource ${index}`,
    url: `/${service}/resource-${index}/[0-9]+`,
    method: broken ? 'GE T' : 'GET',
    examples: {
      OK: {
        description: 'found',
        request: {
          url: `/${service}/resource-${index}/1`,
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
        request: { url: `/${service}/resource-${index}/9` },
        response: { status: broken ? 4040 : 404, body: { detail: 'Not found.' } },
      },
      unauthenticated: {
        request: { url: `/${service}/resource-${index}/1` },
        response: {
          status: 401,
          body: { detail: 'Authentication credentials were not provided.' },
        },
      },
    },
  };
}

/** Which variant dist/contract/validate-schema.js is, from what it imports ('neither' before). */
function productionVariant() {
  const source = readFileSync(production, 'utf8');
  if (source.includes('./abe-schema-validator.js')) return 'standalone';
  if (source.includes('ajv/dist/2020.js')) return 'runtime';
  return 'neither';
}

/** The modules timed, each exporting validateSchema: production's, and the other one written here. */
function writeVariants(inProduction) {
  const schema = readFileSync(join(repo, 'spec/abe.schema.json'), 'utf8');
  const wrapper = (imports, setUp, validator) => `${imports}
import { toSchemaProblem } from ${url(mapping)};
${setUp}
const NO_PROBLEMS = Object.freeze([]);
export function validateSchema(document) {
  const validate = ${validator};
  if (validate(document)) return NO_PROBLEMS;
  return (validate.errors ?? []).filter((error) => error.keyword !== 'if').map(toSchemaProblem);
}
`;
  const variants = {};
  if (inProduction === 'standalone') {
    variants.standalone = production;
  } else {
    const ajv = new Ajv2020({ ...AJV_OPTIONS, code: { source: true, esm: true } });
    writeFileSync(
      join(work, 'abe-schema-validator.js'),
      standaloneCode.default(ajv, ajv.compile(JSON.parse(schema))),
    );
    variants.standalone = join(work, 'standalone.js');
    writeFileSync(
      variants.standalone,
      wrapper("import generated from './abe-schema-validator.js';", '', 'generated'),
    );
  }
  if (inProduction === 'runtime') {
    variants.runtime = production;
  } else {
    variants.runtime = join(work, 'runtime.js');
    writeFileSync(
      variants.runtime,
      wrapper(
        "import { Ajv2020 } from 'ajv/dist/2020.js';",
        `const schema = ${schema.trim()};\nlet compiled;`,
        `(compiled ??= new Ajv2020(${JSON.stringify(AJV_OPTIONS)}).compile(schema))`,
      ),
    );
  }
  return variants;
}

/** Scripts run in a fresh node per variant: `start-*` validates one file, `lint-*` a folder. */
function writeScripts(variants) {
  const entries = [...Object.entries(variants), ['floor', undefined]];
  for (const [name, module] of entries) {
    const load =
      module === undefined
        ? 'const validateSchema = () => [];'
        : `const { validateSchema } = await import(${url(module)});`;
    // Timed inside the process too: node's own start-up is the same for all and only adds noise.
    writeFileSync(
      join(work, `start-${name}.js`),
      `import { readFileSync } from 'node:fs';
const start = performance.now();
${load}
const problems = validateSchema(JSON.parse(readFileSync(process.argv[2], 'utf8')));
if (problems.length > 0) throw new Error(JSON.stringify(problems));
console.log(performance.now() - start);
`,
    );
    writeFileSync(
      join(work, `lint-${name}.js`),
      `import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
${load}
const root = process.argv[2];
let files = 0;
let problems = 0;
for (const dir of readdirSync(root)) {
  for (const file of readdirSync(join(root, dir))) {
    problems += validateSchema(JSON.parse(readFileSync(join(root, dir, file), 'utf8'))).length;
    files += 1;
  }
}
console.log(files, problems);
`,
    );
  }
}

function writeContracts() {
  for (let index = 0; index < FILES; index += 1) {
    const dir = join(contracts, `service-${index % 100}`);
    if (index < 100) mkdirSync(dir, { recursive: true });
    const text = `${JSON.stringify(contract(index), null, 2)}\n`;
    writeFileSync(join(dir, `resource-${index}.json`), text);
  }
}

const expectOutput = (name, expected) => (result) => {
  if (result.status !== 0 || (expected !== undefined && result.stdout.trim() !== expected)) {
    throw new Error(
      `${name} failed (${result.status}):\n${result.stdout.slice(0, 2000)}\n${result.stderr.slice(0, 2000)}`,
    );
  }
};

/** Runs each named command once per round, interleaved, and returns each one's median. */
function interleaved(commands, rounds) {
  const times = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
  for (let round = -1; round < rounds; round += 1) {
    for (const [name, run] of Object.entries(commands)) {
      const elapsed = run();
      if (round >= 0) times[name].push(elapsed);
    }
  }
  return Object.fromEntries(Object.entries(times).map(([name, list]) => [name, median(list)]));
}

const spawnTime = (script, args, check) => () =>
  timeCommand(process.execPath, [join(work, script), ...args], {
    runs: 1,
    warmUp: false,
    check,
  })[0];

const spawnReported = (script, args) => () => {
  const result = spawnSync(process.execPath, [join(work, script), ...args], { encoding: 'utf8' });
  expectOutput(script)(result);
  return Number(result.stdout);
};

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const inProduction = productionVariant();
const variants = writeVariants(inProduction);
writeScripts(variants);
writeContracts();
spawnSync('sync');

const names = ['standalone', 'runtime'];
const oneFile = join(contracts, 'service-0/resource-0.json');

// (a) Start-up: load, compile when needed, validate one contract, in a fresh node.
const startWall = interleaved(
  Object.fromEntries(
    [...names, 'floor'].map((name) => [
      name,
      spawnTime(`start-${name}.js`, [oneFile], expectOutput(name)),
    ]),
  ),
  RUNS * 3,
);
const startInside = interleaved(
  Object.fromEntries(names.map((name) => [name, spawnReported(`start-${name}.js`, [oneFile])])),
  RUNS * 3,
);

// (b) Validation alone, in this process, of 10,000 contracts parsed from their text.
const loaded = Object.fromEntries(
  await Promise.all(
    names.map(async (name) => [name, (await import(variants[name])).validateSchema]),
  ),
);
const documents = (broken) =>
  Array.from({ length: FILES }, (_, index) => JSON.parse(JSON.stringify(contract(index, broken))));
const validateAll = (validateSchema, list, expected) => () => {
  const start = performance.now();
  let problems = 0;
  for (const document of list) problems += validateSchema(document).length;
  const elapsed = performance.now() - start;
  if (problems !== expected) throw new Error(`expected ${expected} problems, found ${problems}`);
  return elapsed;
};
const valid = documents(false);
const broken = documents(true);
const validTimes = interleaved(
  Object.fromEntries(names.map((name) => [name, validateAll(loaded[name], valid, 0)])),
  RUNS * 3,
);
// Two problems per contract (the method pattern, the status maximum): ajv's error path and the
// mapping to messages.
const brokenTimes = interleaved(
  Object.fromEntries(names.map((name) => [name, validateAll(loaded[name], broken, 2 * FILES)])),
  RUNS * 3,
);

// (c) End to end, as abe lint reads its files: read + JSON.parse + validate 10,000 files.
const lint = interleaved(
  Object.fromEntries(
    [...names, 'floor'].map((name) => [
      name,
      spawnTime(`lint-${name}.js`, [contracts], expectOutput(name, `${FILES} 0`)),
    ]),
  ),
  RUNS,
);

const row = (label, figures, floor) => [
  label,
  ms(figures.standalone),
  ms(figures.runtime),
  ratio(figures.standalone / figures.runtime),
  floor === undefined ? '' : ms(floor),
];
console.log(
  `\nspec/abe.schema.json with ajv ${JSON.parse(readFileSync(join(repo, 'node_modules/ajv/package.json'), 'utf8')).version}; in production (${dist}): ${inProduction}; medians of ${RUNS * 3} runs (${RUNS} for the last row), interleaved, after a warm-up; node ${process.version}\n`,
);
printTable(
  ['workload', 'standalone', 'runtime', 'standalone ÷ runtime', 'floor (no validation)'],
  [
    row('(a) fresh node: load + compile + validate one file, wall', startWall, startWall.floor),
    row('(a) the same, timed inside the process', startInside),
    row(`(b) validate ${FILES.toLocaleString('en')} parsed contracts, valid`, validTimes),
    row(
      `(b) validate ${FILES.toLocaleString('en')} parsed contracts, 2 problems each`,
      brokenTimes,
    ),
    row(
      `(c) fresh node: read + JSON.parse + validate ${FILES.toLocaleString('en')} files`,
      lint,
      lint.floor,
    ),
  ],
);
