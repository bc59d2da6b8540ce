// Times `abe affected --json` against `nx show projects --affected`, `turbo ls --affected`
// and the floor `git diff --name-only <merge-base>`, on a generated monorepo of 2,000
// components, 40,000 files and 2,000 commits with a 20-file change (2 contracts).
//
//   npm run build                            # in the repository root: the bench runs dist/
//   (cd bench/affected && npm install)       # nx and turbo
//   node bench/affected/bench.js [--runs 7] [--regenerate]
//
// Prints a table of medians and ratios. Not a test: it asserts no time.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from '../shared/measure.js';
import { generateRepo, SHAPE } from './generate-repo.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const work = join(root, 'bench/.work/affected');
const repo = join(work, 'repo');
const bin = join(here, 'node_modules/.bin');

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 5;
const regenerate = args.includes('--regenerate');

if (!existsSync(join(root, 'dist/cli/main.js'))) {
  console.error('dist/ is missing: run `npm run build` in the repository root first.');
  process.exit(2);
}

// Peers run as a CI job would: no daemon, no cloud, no telemetry, no update checks.
const env = {
  ...process.env,
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NX_TUI: 'false',
  NX_VERBOSE_LOGGING: 'false',
  TURBO_TELEMETRY_DISABLED: '1',
  TURBO_NO_UPDATE_NOTIFIER: '1',
  TURBO_DAEMON: 'false',
  TURBO_SCM_BASE: 'main',
  DO_NOT_TRACK: '1',
  NO_COLOR: '1',
  FORCE_COLOR: '0',
};

const shapeFile = join(repo, '.git/info/bench-shape.json');
const currentShape = existsSync(shapeFile) ? JSON.parse(readFileSync(shapeFile, 'utf8')) : {};
if (regenerate || Object.keys(SHAPE).some((key) => currentShape[key] !== SHAPE[key])) {
  console.log(`Generating ${repo} …`);
  const started = performance.now();
  await generateRepo(repo, { nodeModules: join(here, 'node_modules') });
  console.log(`  done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
const shape = JSON.parse(readFileSync(shapeFile, 'utf8'));

const git = (...gitArgs) =>
  spawnSync('git', gitArgs, { cwd: repo, encoding: 'utf8' }).stdout.trim();
const mergeBase = git('merge-base', 'main', 'HEAD');

/** nx prints one project per line, with the workspace scope in front. */
const nxNames = (stdout) =>
  stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => line.replace('@bench/', ''));
const fileCount = git('ls-files').split('\n').length;
const commitCount = Number(git('rev-list', '--count', '--all'));

/** Runs a command to completion; resolves with wall time (ms) and stdout. */
function timed(command, commandArgs, extraEnv = {}) {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(command, commandArgs, {
      cwd: repo,
      env: { ...env, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = [];
    const err = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      const stdout = Buffer.concat(out).toString('utf8');
      if (code !== 0) {
        reject(
          new Error(
            `${command} ${commandArgs.join(' ')} exited ${code}:\n${Buffer.concat(err).toString('utf8')}${stdout}`,
          ),
        );
      } else resolvePromise({ ms, stdout });
    });
  });
}

const nxCache = join(repo, '.nx');
const tools = [
  {
    name: 'git diff --name-only <merge-base> (floor)',
    run: () => timed('git', ['diff', '--name-only', mergeBase]),
    names: () => undefined,
  },
  {
    name: 'abe affected --json',
    run: () => timed(process.execPath, [join(root, 'bin/abe.cjs'), 'affected', '--json']),
    names: (stdout) => JSON.parse(stdout).components.map((component) => component.name),
  },
  {
    name: 'nx show projects --affected (graph cache warm)',
    run: () => timed(join(bin, 'nx'), ['show', 'projects', '--affected', '--base=main']),
    names: nxNames,
  },
  {
    name: 'nx show projects --affected (cold, as in a fresh CI clone)',
    before: () => rmSync(nxCache, { recursive: true, force: true }),
    run: () => timed(join(bin, 'nx'), ['show', 'projects', '--affected', '--base=main']),
    names: nxNames,
  },
  {
    name: 'turbo ls --affected',
    run: () => timed(join(bin, 'turbo'), ['ls', '--affected']),
    names: turboNames,
  },
  // Secondary rows: the last 3 feature commits only (15 files, no contract), to show what
  // loading the contract parser costs abe.
  {
    name: 'abe affected --json, no contract changed (base feature~3)',
    secondary: true,
    run: () =>
      timed(process.execPath, [
        join(root, 'bin/abe.cjs'),
        'affected',
        '--json',
        '--base',
        'feature~3',
      ]),
    names: (stdout) => JSON.parse(stdout).components.map((component) => component.name),
  },
  {
    name: 'turbo ls --affected, no contract changed (base feature~3)',
    secondary: true,
    run: () => timed(join(bin, 'turbo'), ['ls', '--affected'], { TURBO_SCM_BASE: 'feature~3' }),
    names: turboNames,
  },
];

function turboNames(stdout) {
  return [...stdout.matchAll(/^\s+@bench\/(c\d+)\s/gm)].map((match) => match[1]);
}

console.log(
  `Repo: ${SHAPE.components} components, ${fileCount} files, ${commitCount} commits; change: ${shape.changedFiles} files (contract ${shape.meaning}/contracts/r0.json changed in meaning, ${shape.formatting}/contracts/r1.json reformatted); main moved ${SHAPE.commitsAfterBranch} commits past the branch point.`,
);
console.log(
  `Load average before: ${loadavg()
    .map((n) => n.toFixed(2))
    .join(
      ' ',
    )} on ${availableParallelism()} cores. ${runs} timed runs each after one warm-up, interleaved.`,
);

// Warm-up (also fills nx's graph cache for the warm row, and the OS file cache for all).
const results = new Map(tools.map((tool) => [tool, { times: [], stdout: '' }]));
for (const tool of tools) {
  tool.before?.();
  results.get(tool).stdout = (await tool.run()).stdout;
}
for (let round = 0; round < runs; round += 1) {
  for (const tool of tools) {
    tool.before?.();
    const { ms, stdout } = await tool.run();
    results.get(tool).times.push(ms);
    results.get(tool).stdout = stdout;
  }
}

const abeTool = tools[1];
const abeMedian = median(results.get(abeTool).times);
const abeNames = new Set(abeTool.names(results.get(abeTool).stdout));
const abeResult = JSON.parse(results.get(abeTool).stdout);
const byContract = abeResult.components.filter((component) =>
  component.reasons.some((reason) => reason.kind === 'contract'),
);

const rows = tools.map((tool) => {
  const { times, stdout } = results.get(tool);
  const names = tool.names(stdout);
  const m = median(times);
  return [
    tool.name,
    m.toFixed(0),
    Math.min(...times).toFixed(0),
    Math.max(...times).toFixed(0),
    `${(m / abeMedian).toFixed(2)}×`,
    names === undefined
      ? `${stdout.split('\n').filter(Boolean).length} files`
      : String(names.length),
  ];
});
const header = ['command', 'median ms', 'min ms', 'max ms', 'vs abe', 'affected'];
const widths = header.map((title, column) =>
  Math.max(title.length, ...rows.map((row) => row[column].length)),
);
const line = (cells) =>
  `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join(' | ')} |`;
console.log();
console.log(line(header));
console.log(
  `|${widths.map((width, column) => (column === 0 ? `:${'-'.repeat(width + 1)}` : `${'-'.repeat(width + 1)}:`)).join('|')}|`,
);
for (const row of rows) console.log(line(row));
console.log();

// The peers know package dependencies but not contracts: abe should find their set plus the
// consumers of the contract whose meaning changed, and not the consumers of the reformatted one.
for (const tool of tools.slice(2).filter((candidate) => !candidate.secondary)) {
  const names = new Set(tool.names(results.get(tool).stdout));
  const missing = [...names].filter((name) => !abeNames.has(name));
  const extra = [...abeNames].filter((name) => !names.has(name));
  console.log(
    `${tool.name}: ${names.size} affected; abe finds all of them${missing.length === 0 ? '' : ` EXCEPT ${missing.join(', ')}`}, plus ${extra.length} (${extra.join(', ') || 'none'}).`,
  );
}
console.log(
  `abe: ${byContract.length} component(s) selected by the contract change: ${byContract.map((component) => component.name).join(', ') || 'none'}.`,
);
console.log(
  `Load average after: ${loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')}.`,
);
