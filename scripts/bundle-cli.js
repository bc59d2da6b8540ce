#!/usr/bin/env node
// Bundles the compiled CLI (dist/cli/main.js and everything it imports from dist/) into
// dist/bin/: one CommonJS entry file, plus one chunk per lazily imported command
// implementation. Node's ES module loader costs about a millisecond per file, and `abe`
// loaded 15 to 40 of our own files before doing anything; starting through the CommonJS
// loader saves another ~10 ms, as Node then never sets up the ES module loader. On a two-core
// CI machine that was a measurable share of `abe --version`, `abe affected` and the runner's
// start-up. Packages stay external (resolved from node_modules as before, all of them ship
// CommonJS), and source maps map every chunk back to dist/. The library entry points
// (`abe-ts`, `abe-ts/msw`, …) stay ES modules in dist/.
// Run after `tsc -p tsconfig.build.json`; `npm run build` does both.
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const packages = [
  ...Object.keys(pkg.dependencies ?? {}),
  ...Object.keys(pkg.peerDependencies ?? {}),
];
// A bare specifier of a package we depend on, or a subpath of one (`glob`, `yaml/util`).
const isPackage = (id) => packages.some((name) => id === name || id.startsWith(`${name}/`));

// What `abe build|test|…` and `abe affected` load before their first git or make process, in
// one chunk instead of twelve: each chunk costs a resolve, a read and a compile of its own, and
// the runner's start-up is measured (15-18 ms less in two 16-run interleaved comparisons of
// `abe test --all -j 4`, bench/runner's setup). Modules
// loaded on demand (reporters, GitHub, release, tag, the contract comparer) and those other
// commands share (display-path, escape-workflow-command, component-env) keep chunks of their own.
// Names are of modules in dist/runner/, or in dist/ itself (on-first-use).
const RUNNER_START_UP = new Set([
  'find-affected',
  'format-affected',
  'format-summary',
  'list-changed-files',
  'load-config',
  'on-first-use',
  'order-components',
  'read-head-from-files',
  'read-ini',
  'read-log-tail',
  'run-components',
  'run-git',
  'run-in-process-group',
  'run-report',
  'run-result',
  'start-contract-comparer',
]);
const runnerStartUp = (id) => {
  const match = /[\\/]dist[\\/](?:[a-z]+[\\/])?([^\\/]+)\.js$/.exec(id);
  return match !== null && RUNNER_START_UP.has(match[1]);
};

// Chunk names carry a content hash: without a clean start, every rebuild would leave the
// previous chunks (and their maps) behind in the published package.
rmSync(join(root, 'dist/bin'), { recursive: true, force: true });
await build({
  cwd: root,
  input: { abe: join(root, 'dist/cli/main.js') },
  platform: 'node',
  external: (id) => id.startsWith('node:') || isPackage(id),
  logLevel: 'warn',
  // What the group below requires; said here so the bundler does not warn that it chose it.
  preserveEntrySignatures: 'allow-extension',
  output: {
    dir: join(root, 'dist/bin'),
    format: 'cjs',
    sourcemap: true,
    sourcemapExcludeSources: true,
    // Without comments and whitespace the chunks are a third smaller, and V8 parses every byte of
    // a file it compiles: `abe test --all -j 4` started its makes 10 ms sooner (20 interleaved
    // runs). Names stay as written, so a stack trace still names our functions, and the source
    // maps lead back to dist/.
    minify: { compress: false, mangle: false, codegen: { removeWhitespace: true } },
    entryFileNames: '[name].cjs',
    chunkFileNames: '[name]-[hash].cjs',
    codeSplitting: {
      // Only the modules named: the group must not pull in what they import (abe-error, …),
      // or every command would load the runner's chunk.
      includeDependenciesRecursively: false,
      groups: [{ name: 'runner', test: runnerStartUp }],
    },
  },
});
