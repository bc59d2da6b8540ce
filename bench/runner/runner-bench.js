// Runner overhead: 16 components whose `make test` sleeps 0.5 s, run 4 at a time. The ideal
// is 16 × 0.5 s / 4 = 2 s; everything above it is scheduling, spawning, logging and start-up.
// Build first (npm run build in the repository root): this imports ../../dist.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, printTable, ratio, timeCommand } from '../shared/measure.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const work = join(root, 'bench', '.work', 'runner');
const COMPONENTS = 16;
const JOBS = 4;
const SLEEP = 0.5;
const IDEAL_MS = ((COMPONENTS * SLEEP) / JOBS) * 1000;
const RUNS = Number(process.env.RUNS ?? 5);

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const names = Array.from(
  { length: COMPONENTS },
  (_, index) => `service-${String(index + 1).padStart(2, '0')}`,
);
let ini = '';
for (const name of names) {
  ini += `[${name}]\npath=${name}\n\n`;
  mkdirSync(join(work, name));
  writeFileSync(join(work, name, 'Makefile'), `.PHONY: test\ntest:\n\t@sleep ${SLEEP}\n`);
}
writeFileSync(join(work, 'builder.ini'), ini);
const git = (...args) => execFileSync('git', args, { cwd: work, stdio: 'pipe' });
git('init', '-q', '-b', 'main');
git('add', '-A');
git('-c', 'user.name=bench', '-c', 'user.email=bench@example.test', 'commit', '-q', '-m', 'bench');

const { loadConfig } = await import('../../dist/runner/load-config.js');
const { runComponents } = await import('../../dist/runner/run-components.js');
const config = await loadConfig(join(work, 'builder.ini'));
const inProcess = [];
for (let run = -1; run < RUNS; run += 1) {
  const start = process.hrtime.bigint();
  const result = await runComponents({
    config,
    components: names,
    steps: ['test'],
    tag: 'bench',
    concurrency: JOBS,
  });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.steps.some((step) => step.status !== 'passed'))
    throw new Error('a bench component failed');
  if (run >= 0) inProcess.push(elapsed);
}

const mustPass = (what) => (result) => {
  if (result.status !== 0) throw new Error(`${what} failed:\n${result.stdout}\n${result.stderr}`);
};
const cli = timeCommand(
  process.execPath,
  [join(root, 'bin', 'abe.cjs'), 'test', '--all', '-j', String(JOBS)],
  {
    runs: RUNS,
    cwd: work,
    check: mustPass('abe test --all'),
  },
);
// The floor without abe: the same 16 make runs, 4 at a time, from xargs.
const xargs = timeCommand(
  'sh',
  ['-c', `printf '%s\\n' ${names.join(' ')} | xargs -P ${JOBS} -I{} make -s -C {} test`],
  {
    runs: RUNS,
    cwd: work,
    check: mustPass('xargs make'),
  },
);

// Fixed cost of starting node and loading the CLI, paid once per command whatever it runs.
const startUp = timeCommand(process.execPath, [join(root, 'bin', 'abe.cjs'), '--version'], {
  runs: RUNS,
  cwd: work,
  check: mustPass('abe --version'),
});
const row = (label, times) => [
  label,
  `${(median(times) / 1000).toFixed(2)} s`,
  `${(Math.min(...times) / 1000).toFixed(2)} s`,
  `${(IDEAL_MS / 1000).toFixed(2)} s`,
  ratio(median(times) / IDEAL_MS),
];
console.log(
  `${COMPONENTS} components, make test sleeps ${SLEEP} s, -j ${JOBS}, ${RUNS} runs after a warm-up\n`,
);
printTable(
  ['run', 'median wall', 'best wall', 'ideal', 'median / ideal'],
  [
    row(`abe test --all -j ${JOBS} (CLI, node start-up included)`, cli),
    row('runComponents() in-process', inProcess),
    row(`xargs -P ${JOBS} make (no abe, the floor)`, xargs),
    [
      'abe --version (node start-up + CLI load only)',
      `${(median(startUp) / 1000).toFixed(2)} s`,
      `${(Math.min(...startUp) / 1000).toFixed(2)} s`,
      '—',
      '—',
    ],
  ],
);
console.log('\nTarget: abe test --all -j 4 at most 1.15× the ideal.');
rmSync(work, { recursive: true, force: true });
