// Our JSON text scanner (dist/contract/json-text.js) against jsonc-parser, which json-text.ts
// used before: the start-up cost of loading it, and the slow-path calls on a 200 KB contract.
// The jsonc-parser side repeats what the old json-text.ts did with it (parseTree once per
// locator, findNodeAtLocation per pointer, the parse errors, visit for duplicate keys).
// Usage: node bench/json-text/json-text-bench.js  (build the repository first: npm run build)
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findNodeAtLocation, parseTree, visit } from 'jsonc-parser';
import { median, ms, printTable, ratio } from '../shared/measure.js';

const here = dirname(fileURLToPath(import.meta.url));
const ours = resolve(here, '../../dist/contract/json-text.js');
const analyzeContract = resolve(here, '../../dist/contract/analyze-contract.js');
const { createLocator, duplicateKeyProblems, keysInTextOrder, syntaxProblems } = await import(ours);
const RUNS = Number(process.env.RUNS ?? 30);
const STRICT_JSON = { disallowComments: true, allowTrailingComma: false };

/** Milliseconds to import `specifier` in a fresh node, median of `runs`. */
function importTime(specifier, runs = 11) {
  const script = `const t = performance.now(); await import(${JSON.stringify(specifier)}); console.log(performance.now() - t);`;
  const times = [];
  for (let run = 0; run < runs; run += 1) {
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: here,
      encoding: 'utf8',
    });
    times.push(Number(result.stdout));
  }
  return median(times);
}

/** Median milliseconds of one call of `fn`, after a warm-up. */
function time(fn) {
  for (let run = 0; run < 3; run += 1) fn();
  const times = [];
  for (let run = 0; run < RUNS; run += 1) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

/** A contract that is about `size` characters long when printed with two-space indents. */
function contract(size) {
  const examples = {};
  for (
    let index = 0;
    index % 10 !== 0 || JSON.stringify(examples, null, 2).length < size;
    index += 1
  ) {
    examples[`example ${index}`] = {
      description: `the item ${index}`,
      request: { url: `/items/${index}`, headers: { Accept: 'application/json' } },
      response: {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
        body: {
          id: index,
          name: `item "${index}"`,
          tags: ['a', 'b', 'c'],
          price: index * 1.25,
          owner: { id: 7, name: 'Ann', active: true, manager: null },
        },
      },
    };
  }
  return { url: '/items/[0-9]+', method: 'GET', examples };
}

const text = JSON.stringify(contract(200_000), null, 2);

const labels = Object.keys(JSON.parse(text).examples);
const last = labels.at(-1);
// The worst case for a scanner that stops at the first error: the error is at the very end.
const broken = text.replace(/\}\s*\}\s*\}\s*$/, '},\n}}');
const duplicated = text.replace('"url": "/items/[0-9]+"', '"url": "/items/[0-9]+", "url": "/x"');
const pointers = labels
  .filter((_, index) => index % Math.ceil(labels.length / 20) === 0)
  .map((label) => `/examples/${label}/response/body/owner/name`);

const jsonc = {
  syntaxProblems: (source) => {
    const errors = [];
    parseTree(source, errors, STRICT_JSON);
    return errors[0];
  },
  createLocator: (source) => {
    let root;
    return (pointer) => {
      root ??= parseTree(source, [], STRICT_JSON);
      const node = findNodeAtLocation(root, pointer.slice(1).split('/'));
      return node?.parent?.type === 'property' ? node.parent.offset : node?.offset;
    };
  },
  duplicateKeyProblems: (source) => {
    const stack = [];
    const found = [];
    visit(
      source,
      {
        onObjectBegin: () => void stack.push(new Set()),
        onObjectEnd: () => void stack.pop(),
        onObjectProperty: (property, offset, _l, _line, _column, path) => {
          const seen = stack.at(-1);
          if (seen.has(property)) found.push({ offset, path: path() });
          seen.add(property);
        },
      },
      STRICT_JSON,
    );
    return found;
  },
  keysInTextOrder: (source, pointer) => {
    const node = findNodeAtLocation(
      parseTree(source, [], STRICT_JSON),
      pointer.slice(1).split('/'),
    );
    return node.children.map((property) => property.children[0].value);
  },
};

const cases = [
  ['syntaxProblems (error at the end)', (api) => api.syntaxProblems(broken)],
  [
    'createLocator + 1 pointer (last example)',
    (api) => api.createLocator(text)(`/examples/${last}/response/body/owner/name`),
  ],
  [
    `createLocator + ${pointers.length} pointers`,
    (api) => {
      const locate = api.createLocator(text);
      for (const pointer of pointers) locate(pointer);
    },
  ],
  ['duplicateKeyProblems (one repeat)', (api) => api.duplicateKeyProblems(duplicated)],
  ['keysInTextOrder /examples', (api) => api.keysInTextOrder(text, '/examples')],
];

const ourApi = { createLocator, duplicateKeyProblems, keysInTextOrder, syntaxProblems };
const rows = cases.map(([name, run]) => {
  const a = time(() => run(ourApi));
  const b = time(() => run(jsonc));
  return [name, ms(a), ms(b), ratio(a / b)];
});

const loadOurs = importTime(analyzeContract);
const loadJsonc = importTime('jsonc-parser');
console.log(
  `contract: ${(text.length / 1024).toFixed(0)} KiB, ${labels.length} examples; ${RUNS} runs each, medians`,
);
printTable(['call', 'scan-json', 'jsonc-parser', 'ratio'], rows);
console.log();
printTable(
  ['module load in a fresh node', 'median'],
  [
    ['dist/contract/analyze-contract.js (no jsonc-parser now)', ms(loadOurs)],
    ['jsonc-parser alone (what the import used to add)', ms(loadJsonc)],
  ],
);
