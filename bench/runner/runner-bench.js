// Runner overhead: 16 components whose `make test` sleeps 0.5 s, run 4 at a time. The ideal
// is 16 × 0.5 s / 4 = 2 s; everything above it is scheduling, spawning, logging and start-up.
// Build first (npm run build in the repository root): this imports ../../dist.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, printTable, timeCommand } from '../shared/measure.js';

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

const { loadConfig } = await import('../../dist/config/load-config.js');
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
const abe = join(root, 'bin', 'abe.cjs');
const bareRunnerArgs = [join(here, 'bare-node-runner.cjs'), String(JOBS), ...names];
// NODE_EXTRA_CA_CERTS makes every node process parse that certificate file as it starts, before
// any script runs (40–45 ms for a 144-certificate bundle on the machine this was written on).
// When it is set, the CLI, the bare Node runner and `node -e 0` are timed a second time without it,
// so the table shows how much of the CLI's time is that setting and how much is abe.
const caCerts = process.env.NODE_EXTRA_CA_CERTS;
const withoutCaCerts = { ...process.env };
delete withoutCaCerts.NODE_EXTRA_CA_CERTS;
const commands = {
  cli: [process.execPath, [abe, 'test', '--all', '-j', String(JOBS)], 'abe test --all'],
  ...(caCerts === undefined
    ? {}
    : {
        cliNoCa: [
          process.execPath,
          [abe, 'test', '--all', '-j', String(JOBS)],
          'abe test --all',
          withoutCaCerts,
        ],
      }),
  // The floor without abe: the same 16 make runs, 4 at a time, from xargs.
  xargs: [
    'sh',
    ['-c', `printf '%s\\n' ${names.join(' ')} | xargs -P ${JOBS} -I{} make -s -C {} test`],
    'xargs make',
  ],
  // What any runner written for Node pays here: the same makes from a ten-line Node script.
  bare: [process.execPath, bareRunnerArgs, 'bare-node-runner.cjs'],
  ...(caCerts === undefined
    ? {}
    : {
        bareNoCa: [process.execPath, bareRunnerArgs, 'bare-node-runner.cjs', withoutCaCerts],
      }),
  // Fixed cost of starting node and loading the CLI, paid once per command whatever it runs.
  startUp: [process.execPath, [abe, '--version'], 'abe --version'],
  // Node's own start-up and exit, which no code of ours can shorten.
  node: [process.execPath, ['-e', '0'], 'node -e 0'],
  ...(caCerts === undefined
    ? {}
    : { nodeNoCa: [process.execPath, ['-e', '0'], 'node -e 0', withoutCaCerts] }),
};
// Round by round, so that a slower spell of the machine does not fall on one command only.
const times = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
for (let round = -1; round < RUNS; round += 1) {
  for (const [name, [command, args, what, env]] of Object.entries(commands)) {
    const [elapsed] = timeCommand(command, args, {
      runs: 1,
      warmUp: false,
      cwd: work,
      env,
      check: mustPass(what),
    });
    if (round >= 0) times[name].push(elapsed);
  }
}
const { cli, cliNoCa, xargs, bare, bareNoCa, startUp, node, nodeNoCa } = times;

const seconds = (ms) => `${(ms / 1000).toFixed(3)} s`;
const fixedCost = (label, times) => [
  label,
  seconds(median(times)),
  seconds(Math.min(...times)),
  '—',
  '—',
];
const envNote = caCerts === undefined ? 'NODE_EXTRA_CA_CERTS unset' : 'NODE_EXTRA_CA_CERTS set';
const row = (label, times) => [
  label,
  seconds(median(times)),
  seconds(Math.min(...times)),
  seconds(IDEAL_MS),
  // Three decimals: a ratio rounded to two could read as meeting the target when it does not.
  `${(median(times) / IDEAL_MS).toFixed(3)}×`,
];
console.log(
  `${COMPONENTS} components, make test sleeps ${SLEEP} s, -j ${JOBS}; runComponents() timed in-process first (${RUNS} runs after a warm-up run); then the CLI, xargs, the bare Node runner and start-up commands (abe --version, node -e 0) interleaved${caCerts === undefined ? '' : ' (the CLI, the bare runner and node -e 0 also without NODE_EXTRA_CA_CERTS)'}, ${RUNS} rounds after a warm-up round\n`,
);
printTable(
  ['run', 'median wall', 'best wall', 'ideal', 'median / ideal'],
  [
    row(`abe test --all -j ${JOBS} (CLI, node start-up included, ${envNote})`, cli),
    ...(cliNoCa === undefined
      ? []
      : [row(`abe test --all -j ${JOBS} (CLI, NODE_EXTRA_CA_CERTS removed)`, cliNoCa)]),
    row('runComponents() in-process', inProcess),
    row(`xargs -P ${JOBS} make (no abe, the floor)`, xargs),
    row(`bare-node-runner.cjs (no abe: node spawning the makes, ${envNote})`, bare),
    ...(bareNoCa === undefined
      ? []
      : [
          row(
            'bare-node-runner.cjs (no abe: node spawning the makes, NODE_EXTRA_CA_CERTS removed)',
            bareNoCa,
          ),
        ]),
    fixedCost(`abe --version (node start-up + CLI load only, ${envNote})`, startUp),
    fixedCost(`node -e 0 (node's own start-up and exit, ${envNote})`, node),
    ...(nodeNoCa === undefined
      ? []
      : [
          fixedCost(
            "node -e 0 (node's own start-up and exit, NODE_EXTRA_CA_CERTS removed)",
            nodeNoCa,
          ),
        ]),
  ],
);
const TARGET = 1.2;
// The margin in milliseconds: near the line, a ratio to three decimals can read "missed by 0.000×".
const LIMIT_MS = TARGET * IDEAL_MS;
const verdict = (label, times) => {
  const value = median(times);
  const margin = Math.abs(LIMIT_MS - value).toFixed(1);
  return `${label}: ${(value / IDEAL_MS).toFixed(3)}× the ideal (median ${Math.round(value)} ms), ${value <= LIMIT_MS ? `met with ${margin} ms to spare` : `missed by ${margin} ms`}`;
};
console.log(
  `\nTarget: abe test --all -j ${JOBS} at most ${TARGET.toFixed(2)}× the ideal, ${LIMIT_MS} ms.`,
);
console.log(`- ${verdict(`CLI, ${envNote}`, cli)}`);
if (cliNoCa !== undefined) console.log(`- ${verdict('CLI, NODE_EXTRA_CA_CERTS removed', cliNoCa)}`);
const VERSION_LIMIT_MS = 250;
const version = median(startUp);
console.log(
  `Target: abe --version under ${VERSION_LIMIT_MS} ms: median ${Math.round(version)} ms (${envNote}), ${version < VERSION_LIMIT_MS ? 'met' : 'missed'}.`,
);
// The machine's slow spells move node's own start-up by tens of milliseconds from one run of this
// bench to the next, and every CLI row with it. The bare Node runner moves with them: what the CLI
// takes over it, in the same environment, is abe's own share, the steadier figure.
const ownShare = (cliTimes, bareTimes) => `${Math.round(median(cliTimes) - median(bareTimes))} ms`;
console.log(
  `\nabe's own share (CLI median − bare-node-runner.cjs median): ${ownShare(cli, bare)} (${envNote})${cliNoCa === undefined ? '' : `, ${ownShare(cliNoCa, bareNoCa)} (NODE_EXTRA_CA_CERTS removed)`}.`,
);
rmSync(work, { recursive: true, force: true });
