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

// Chunk names carry a content hash: without a clean start, every rebuild would leave the
// previous chunks (and their maps) behind in the published package.
rmSync(join(root, 'dist/bin'), { recursive: true, force: true });
await build({
  cwd: root,
  input: { abe: join(root, 'dist/cli/main.js') },
  platform: 'node',
  external: (id) => id.startsWith('node:') || isPackage(id),
  logLevel: 'warn',
  output: {
    dir: join(root, 'dist/bin'),
    format: 'cjs',
    sourcemap: true,
    sourcemapExcludeSources: true,
    entryFileNames: '[name].cjs',
    chunkFileNames: '[name]-[hash].cjs',
  },
});
