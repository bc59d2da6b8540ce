// Scheduling cost: a dependency chain c1 → c2 → … → cN, every component selected, each step's
// action stubbed (no process), so what is timed is abe's planning (selectedUpstream), its
// scheduling (scheduleInBuildOrder) and a whole runComponents (which also opens one log file
// per step). Each size runs in a fresh process, so its peak memory is its own. Linear code keeps
// the time per component flat as N grows; the last column is that time over the smallest run's.
// Build first (npm run build in the repository root): this imports ../../dist, or the build in
// $ABE_DIST (to time another build of abe against this one). SIZES=1000,5000 picks the sizes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { printTable, ratio } from '../shared/measure.js';

const here = dirname(fileURLToPath(import.meta.url));
const dist = resolve(process.env.ABE_DIST ?? join(here, '..', '..', 'dist'));
const sizes = (process.env.SIZES ?? '1000,5000,20000').split(',').map(Number);

if (process.argv[2] === '--one') {
  console.log(JSON.stringify(await measure(Number(process.argv[3]))));
} else {
  const rows = [];
  let base;
  for (const size of sizes) {
    const child = spawnSync(
      process.execPath,
      [fileURLToPath(import.meta.url), '--one', String(size)],
      {
        encoding: 'utf8',
        env: process.env,
      },
    );
    if (child.status !== 0) throw new Error(`size ${size} failed:\n${child.stderr}`);
    const m = JSON.parse(child.stdout);
    const perComponent = m.runMs / size;
    base ??= perComponent;
    rows.push([
      size,
      `${m.planMs.toFixed(1)} ms`,
      `${m.waitEntries}`,
      `${m.scheduleMs.toFixed(1)} ms`,
      `${m.runMs.toFixed(0)} ms`,
      `${(perComponent * 1000).toFixed(0)} µs`,
      `${m.peakRssMiB} MiB`,
      ratio(perComponent / base),
    ]);
  }
  console.log(`abe build: ${dist}`);
  printTable(
    [
      'components',
      'plan',
      'waits listed',
      'schedule',
      'runComponents',
      'per component',
      'peak RSS',
      'per component vs smallest',
    ],
    rows,
  );
}

async function measure(size) {
  const { selectedUpstream } = await import(
    pathToFileURL(join(dist, 'runner/selected-upstream.js')).href
  );
  const { scheduleInBuildOrder } = await import(
    pathToFileURL(join(dist, 'runner/schedule-in-build-order.js')).href
  );
  const { runComponents } = await import(
    pathToFileURL(join(dist, 'runner/run-components.js')).href
  );
  const root = mkdtempSync(join(tmpdir(), 'abe-bench-scheduler-'));
  try {
    const components = Array.from({ length: size }, (_, index) => ({
      name: `c${index + 1}`,
      path: `c${index + 1}`,
      upstream: index === 0 ? [] : [`c${index}`],
      downstream: index === size - 1 ? [] : [`c${index + 2}`],
      releaseProcess: 'none',
      contracts: [],
      consumes: [],
      steps: ['build', 'test'],
      extra: {},
      line: index * 3 + 1,
    }));
    const names = components.map((component) => component.name);
    const selected = new Set(names);

    let start = process.hrtime.bigint();
    const waitFor = selectedUpstream(components, selected);
    const planMs = Number(process.hrtime.bigint() - start) / 1e6;
    let waitEntries = 0;
    for (const list of waitFor.values()) waitEntries += list.length;

    start = process.hrtime.bigint();
    await scheduleInBuildOrder({
      components,
      waitFor,
      concurrency: 4,
      isAborted: () => false,
      run: async () => ({ ok: true }),
      skip: () => {},
      stop: () => {},
    });
    const scheduleMs = Number(process.hrtime.bigint() - start) / 1e6;

    const config = {
      file: join(root, 'builder.ini'),
      root,
      components,
      base: undefined,
      globalFiles: ['builder.ini'],
      registry: undefined,
    };
    start = process.hrtime.bigint();
    const result = await runComponents({
      config,
      components: names,
      steps: ['test'],
      tag: 'bench',
      concurrency: 4,
      env: { PATH: process.env.PATH },
      // The step stubbed at the process boundary: no make, no process.
      actions: { test: async () => ({ status: 'passed', exitCode: 0 }) },
    });
    const runMs = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.steps.some((step) => step.status !== 'passed')) throw new Error('a step failed');
    return {
      planMs,
      waitEntries,
      scheduleMs,
      runMs,
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
