// Generates the benchmark monorepo with `git fast-import` (one process, no per-file spawns):
// COMPONENTS components of FILES_PER_COMPONENT files each, COMMITS commits on main, and a
// `feature` branch whose change touches CHANGED_FILES files, two of them ABE contracts (one
// changed in meaning, one only reformatted). main moves on after the branch point, as in real
// life. The same dependency graph is written for abe (builder.ini upstream=), npm/Nx/Turborepo
// (package.json dependencies between workspaces), so the peers compute comparable answers.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { random } from '../shared/random.js';

export const SHAPE = {
  components: 2000,
  filesPerComponent: 20, // package.json, Makefile, 16 sources, 2 contracts → 40,000 files
  commits: 2000,
  commitsAfterBranch: 10,
  changedFiles: 20,
};

const name = (index) => `c${String(index).padStart(4, '0')}`;
const pkg = (index) => `@bench/${name(index)}`;
const dir = (index) => `packages/${name(index)}`;

function contract(index, which, label = 'alice', indent = 2) {
  return `${JSON.stringify(
    {
      description: `resource ${which} of ${name(index)}`,
      url: `/${name(index)}/r${which}/[0-9]+`,
      method: 'GET',
      examples: {
        OK: {
          request: { url: `/${name(index)}/r${which}/1` },
          response: { status: 200, body: { id: 1, name: label } },
        },
        'not found': { request: { url: `/${name(index)}/r${which}/9` }, response: { status: 404 } },
      },
    },
    null,
    indent,
  )}\n`;
}

/** The component graph: upstream edges point to earlier components only, so it is a DAG. */
function makeGraph(rand) {
  const upstream = [];
  const consumes = [];
  for (let i = 0; i < SHAPE.components; i += 1) {
    const ups = new Set();
    const count = i < 10 ? 0 : Math.floor(rand() * 3);
    for (let k = 0; k < count; k += 1) {
      ups.add(Math.max(0, i - 1 - Math.floor(rand() * Math.min(i, 200))));
    }
    upstream.push([...ups].sort((a, b) => a - b));
    const uses = new Set();
    const consumed = Math.floor(rand() * 3);
    for (let k = 0; k < consumed; k += 1) {
      const other = Math.floor(rand() * SHAPE.components);
      if (other !== i && !ups.has(other)) uses.add(other);
    }
    consumes.push([...uses].sort((a, b) => a - b));
  }
  return { upstream, consumes };
}

function initialFiles(graph) {
  const files = new Map();
  const { components } = SHAPE;
  const sections = ['[abe]', 'base=main', ''];
  for (let i = 0; i < components; i += 1) {
    const ups = graph.upstream[i];
    const uses = graph.consumes[i];
    sections.push(`[${name(i)}]`, `path=${dir(i)}`, 'contracts=contracts/*.json');
    if (ups.length > 0) sections.push(`upstream=${ups.map(name).join(', ')}`);
    if (uses.length > 0) sections.push(`consumes=${uses.map(name).join(', ')}`);
    sections.push('');
    const dependencies = Object.fromEntries(ups.map((u) => [pkg(u), '*']));
    files.set(
      `${dir(i)}/package.json`,
      `${JSON.stringify({ name: pkg(i), version: '1.0.0', private: true, dependencies, scripts: { build: 'make build', test: 'make test' } }, null, 2)}\n`,
    );
    files.set(`${dir(i)}/Makefile`, 'build:\n\t@true\ntest:\n\t@true\n');
    for (let f = 0; f < SHAPE.filesPerComponent - 4; f += 1) {
      files.set(`${dir(i)}/src/f${f}.ts`, `export const value${f} = ${i * 100 + f};\n`);
    }
    files.set(`${dir(i)}/contracts/r0.json`, contract(i, 0));
    files.set(`${dir(i)}/contracts/r1.json`, contract(i, 1));
  }
  files.set('builder.ini', `${sections.join('\n')}`);
  files.set(
    'package.json',
    `${JSON.stringify({ name: 'bench-monorepo', private: true, packageManager: 'npm@11.0.0', workspaces: ['packages/*'] }, null, 2)}\n`,
  );
  files.set('package-lock.json', lockfile(graph));
  files.set(
    'nx.json',
    `${JSON.stringify({ defaultBase: 'main', useDaemonProcess: false, neverConnectToCloud: true }, null, 2)}\n`,
  );
  files.set(
    'turbo.json',
    `${JSON.stringify({ $schema: 'https://turborepo.com/schema.json', tasks: { build: { dependsOn: ['^build'] }, test: {} } }, null, 2)}\n`,
  );
  files.set('.gitignore', 'node_modules\n.nx\n.turbo\n');
  return files;
}

/** A package-lock.json (v3) linking every workspace, as `npm install` would write it. */
function lockfile(graph) {
  const packages = {
    '': { name: 'bench-monorepo', workspaces: ['packages/*'] },
  };
  for (let i = 0; i < SHAPE.components; i += 1) {
    packages[`node_modules/${pkg(i)}`] = { resolved: dir(i), link: true };
  }
  for (let i = 0; i < SHAPE.components; i += 1) {
    const dependencies = Object.fromEntries(graph.upstream[i].map((u) => [pkg(u), '*']));
    packages[dir(i)] = {
      name: pkg(i),
      version: '1.0.0',
      ...(graph.upstream[i].length > 0 ? { dependencies } : {}),
    };
  }
  return `${JSON.stringify({ name: 'bench-monorepo', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`;
}

/** Writes the fast-import stream: main's history, then `feature` branched before main's tip. */
function* importStream(files, graph, rand) {
  const encoder = new TextEncoder();
  let time = 1_700_000_000;
  let mark = 0;
  const commit = function* (branch, message, changes, from) {
    mark += 1;
    time += 60;
    const msg = encoder.encode(message);
    yield `commit refs/heads/${branch}\nmark :${mark}\ncommitter Bench <bench@example.test> ${time} +0000\ndata ${msg.length}\n${message}\n`;
    if (from !== undefined) yield `from :${from}\n`;
    for (const [path, text] of changes) {
      const data = encoder.encode(text);
      yield `M 100644 inline ${path}\ndata ${data.length}\n${text}\n`;
    }
    yield '\n';
    return mark;
  };
  const sourcePaths = [...files.keys()].filter((path) => path.endsWith('.ts'));
  const pick = () => sourcePaths[Math.floor(rand() * sourcePaths.length)];
  const edit = (path, round) => [path, `export const edited = ${round};\n`];

  let last = yield* commit('main', 'initial import', [...files]);
  const branchPoint = SHAPE.commits - SHAPE.commitsAfterBranch;
  let branchMark = last;
  for (let n = 2; n <= SHAPE.commits; n += 1) {
    const changes = Array.from({ length: 3 }, () => edit(pick(), n));
    last = yield* commit('main', `main commit ${n}`, changes);
    if (n === branchPoint) branchMark = last;
  }

  // The change under test, over a few commits on `feature`.
  const changed = new Map();
  // The contract whose meaning changes belongs to a component that has consumers.
  const consumed = graph.consumes.flat();
  const meaning = consumed[Math.floor(rand() * consumed.length)];
  const formatting = (meaning + 997) % SHAPE.components;
  changed.set(`${dir(meaning)}/contracts/r0.json`, contract(meaning, 0, 'bob'));
  changed.set(`${dir(formatting)}/contracts/r1.json`, contract(formatting, 1, 'alice', 4));
  while (changed.size < SHAPE.changedFiles) changed.set(pick(), 'export const feature = 1;\n');
  const entries = [...changed];
  let from = branchMark;
  for (let start = 0; start < entries.length; start += 5) {
    from = yield* commit(
      'feature',
      `feature work ${start / 5 + 1}`,
      entries.slice(start, start + 5),
      start === 0 ? from : undefined,
    );
  }
  return { meaning: name(meaning), formatting: name(formatting) };
}

/**
 * Creates the repository at `target` (removed first) and checks out `feature`.
 * Returns what the change is made of, for the report.
 */
export async function generateRepo(target, { nodeModules } = {}) {
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  const git = (...args) => {
    const result = spawnSync('git', args, { cwd: target, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
    return result.stdout;
  };
  git('init', '-q', '-b', 'main');
  const rand = random(20_240_601);
  const graph = makeGraph(rand);
  const files = initialFiles(graph);

  const importer = spawn('git', ['fast-import', '--quiet'], {
    cwd: target,
    stdio: ['pipe', 'inherit', 'inherit'],
  });
  const done = new Promise((resolve, reject) => {
    importer.on('error', reject);
    importer.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`git fast-import exited ${code}`)),
    );
  });
  const stream = importStream(files, graph, rand);
  let step = stream.next();
  let buffered = '';
  while (!step.done) {
    buffered += step.value;
    if (buffered.length > 1 << 20) {
      if (!importer.stdin.write(buffered)) {
        await new Promise((resolve) => importer.stdin.once('drain', resolve));
      }
      buffered = '';
    }
    step = stream.next();
  }
  importer.stdin.end(buffered);
  await done;
  const change = step.value;

  git('checkout', '-q', '-f', 'feature');
  if (nodeModules !== undefined) symlinkSync(nodeModules, join(target, 'node_modules'), 'dir');
  writeFileSync(
    join(target, '.git', 'info', 'bench-shape.json'),
    JSON.stringify({ ...SHAPE, ...change }),
  );
  return change;
}
