import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Rolldown } from 'vite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

// `abe-ts/msw` runs in a browser under `setupWorker`: nothing it loads may need node built-ins.
// Two proofs, each checked against a module that does import one, so that they can fail.

const root = fileURLToPath(new URL('../../', import.meta.url));
const entry = join(root, 'src/msw/index.ts');
const BUILTINS = new Set(builtinModules);

/**
 * Bundles `file` for the browser with vite, as an application using it would, and returns the
 * node modules the build had to stub out (`__vite-browser-external`) or leave as imports.
 */
async function nodeOnlyModulesInBrowserBundle(file: string): Promise<string[]> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    root,
    build: {
      write: false,
      minify: false,
      lib: { entry: file, formats: ['es'], fileName: 'bundle' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const nodeOnly: string[] = [];
  for (const chunk of outputs.flatMap((output) => output.output)) {
    if (chunk.type !== 'chunk') continue;
    for (const id of [...chunk.moduleIds, ...chunk.imports, ...chunk.dynamicImports]) {
      if (id.includes('__vite-browser-external') || id.startsWith('node:') || BUILTINS.has(id)) {
        nodeOnly.push(id);
      }
    }
  }
  return nodeOnly;
}

const IMPORT = /^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;

/** Every module specifier reached through static, value-level imports of our own sources. */
function staticImports(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const found: string[] = [];
  for (const [, specifier] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    if (specifier === undefined) continue;
    if (specifier.startsWith('.')) {
      found.push(...staticImports(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')), seen));
    } else {
      found.push(specifier);
    }
  }
  return found;
}

function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || BUILTINS.has(specifier.split('/')[0] ?? '');
}

describe('the abe-ts/msw entry in a browser', () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'abe-msw-browser-'));
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  test('its static import graph reaches no node built-in, only browser-safe packages', () => {
    const reached = staticImports(entry);
    expect(reached.filter(isNodeBuiltin)).toEqual([]);
    expect(new Set(reached.map((specifier) => specifier.split('/')[0]))).toEqual(
      // fast-json-stable-stringify: the ledger hashes an example's canonical form (one
      // dependency-free function; the hash itself needs node:crypto, fetched only when recording).
      new Set(['msw', 'minimatch', 'jsonc-parser', 'leven', 'fast-json-stable-stringify']),
    );
    // The detector does see a node import where there is one.
    expect(
      staticImports(join(root, 'src/contract/load-contract.ts')).filter(isNodeBuiltin),
    ).toEqual(['node:buffer', 'node:fs/promises']);
  });

  test('vite bundles it for the browser, msw included, with nothing stubbed out', async () => {
    expect(await nodeOnlyModulesInBrowserBundle(entry)).toEqual([]);

    const nodeOnly = join(scratch, 'node-only.js');
    await writeFile(
      nodeOnly,
      "import { readFileSync } from 'node:fs';\nexport const read = () => readFileSync('x');\n",
    );
    expect(await nodeOnlyModulesInBrowserBundle(nodeOnly)).toEqual([
      expect.stringContaining('__vite-browser-external'),
    ]);
  });
});
