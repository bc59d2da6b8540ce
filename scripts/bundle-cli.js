#!/usr/bin/env node
// Bundles the compiled CLI (dist/cli/main.js and what it imports from dist/) into CommonJS
// chunks in dist/bin/, which bin/abe.cjs loads. Started through Node's CommonJS loader, abe
// never sets up the ES module loader: `abe affected` on the 2,000-component bench repository
// took 8.5% less time (469 ms against 513 ms, 9 interleaved runs), above the 5% a start-up
// trick must save (docs/dependencies.md). Chunks split where the code imports lazily, so each
// command still loads only its own modules. Packages stay external, and source maps lead back
// to dist/. The library entries (`abe-ts`, `abe-ts/msw`, …) stay ES modules in dist/.
// Run after `tsc -p tsconfig.build.json`; `npm run build` does both.
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// A package that ships only an ES module (leven) is bundled in: `require` of it returns its
// namespace, which the CommonJS interop does not unwrap, so its default export would be lost
// (`leven.default is not a function` on the first "Did you mean").
const esmOnly = new Set(
  Object.keys(readJson(join(root, 'package.json')).dependencies ?? {}).filter((name) => {
    const manifest = readJson(join(root, 'node_modules', name, 'package.json'));
    return (
      manifest.type === 'module' && !JSON.stringify(manifest.exports ?? {}).includes('"require"')
    );
  }),
);
// Chunk names carry a content hash: a rebuild starts clean, or old chunks would stay behind.
rmSync(join(root, 'dist/bin'), { recursive: true, force: true });
await build({
  cwd: root,
  input: { abe: join(root, 'dist/cli/main.js') },
  platform: 'node',
  // Only our own modules are bundled: bare specifiers are packages or node built-ins.
  external: (id) => !id.startsWith('.') && !id.startsWith('/') && !esmOnly.has(id),
  logLevel: 'warn',
  output: {
    dir: join(root, 'dist/bin'),
    format: 'cjs',
    sourcemap: true,
    entryFileNames: '[name].cjs',
    chunkFileNames: '[name]-[hash].cjs',
  },
});

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}
