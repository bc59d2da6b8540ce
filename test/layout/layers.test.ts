import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSync } from 'oxc-parser';
import { describe, expect, test } from 'vitest';

// The layer map of CONTRIBUTING.md: which folder of src/ may import which. A folder not listed
// here fails the test until it is given its place. `index` is src/index.ts, the main entry.
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  core: [],
  contract: ['core'],
  // The ledger of verifications and uses: its entry module loads nothing (msw imports it).
  ledger: ['contract', 'core'],
  match: ['contract', 'core'],
  provider: ['ledger', 'match', 'contract', 'core'],
  // Runs in a browser: never the provider, which needs node.
  msw: ['ledger', 'match', 'contract', 'core'],
  vitest: ['provider', 'msw', 'ledger', 'match', 'contract', 'core'],
  jest: ['provider', 'msw', 'ledger', 'match', 'contract', 'core'],
  index: ['match', 'contract', 'core'],
  config: ['contract', 'core'],
  affected: ['ledger', 'config', 'contract', 'core'],
  runner: ['ledger', 'affected', 'config', 'core'],
  report: ['ledger', 'runner', 'affected', 'config', 'provider', 'match', 'contract', 'core'],
  github: ['report', 'runner', 'affected', 'config', 'core'],
  release: ['runner', 'affected', 'config', 'core'],
  deploy: ['provider', 'match', 'config', 'contract', 'core'],
  init: ['config', 'contract', 'core'],
  // `abe mock`: the msw engine's modules that load no msw, over node:http.
  'mock-server': ['msw', 'ledger', 'config', 'match', 'contract', 'core'],
  cli: [
    'mock-server',
    'ledger',
    'init',
    'deploy',
    'release',
    'github',
    'report',
    'runner',
    'affected',
    'config',
    'provider',
    'match',
    'contract',
    'core',
  ],
};

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/** The folder of a path under src/ (`index` for the files at its top). */
function folderOf(path: string): string {
  const [first, ...rest] = path.split('/');
  return rest.length === 0 ? 'index' : (first ?? 'index');
}

interface Import {
  readonly file: string;
  readonly specifier: string;
  readonly from: string;
  readonly to: string;
}

/** Every relative import of src/ (static, type-only, re-export and dynamic) that leaves its folder. */
function crossFolderImports(source: string): Import[] {
  const files = readdirSync(source, { recursive: true, encoding: 'utf8' }).filter((file) =>
    file.endsWith('.ts'),
  );
  return files.flatMap((file) => {
    const code = readFileSync(join(source, file), 'utf8');
    const { module } = parseSync(file, code);
    const specifiers = [
      ...module.staticImports.map((entry) => entry.moduleRequest.value),
      ...module.staticExports.flatMap((entry) =>
        entry.entries.flatMap((item) => (item.moduleRequest ? [item.moduleRequest.value] : [])),
      ),
      ...module.dynamicImports.map((entry) =>
        code
          .slice(entry.moduleRequest.start, entry.moduleRequest.end)
          .replace(/^['"`]|['"`]$/g, ''),
      ),
    ];
    return specifiers
      .filter((specifier) => specifier.startsWith('.'))
      .map((specifier) => {
        const target = relative(source, resolve(source, dirname(file), specifier));
        return { file, specifier, from: folderOf(file), to: folderOf(target) };
      })
      .filter((entry) => entry.from !== entry.to);
  });
}

describe('the layers of src/', () => {
  test('every folder imports only from the folders below it in the layer map', () => {
    const imports = crossFolderImports(SRC);
    // The parser sees the imports, so an empty list below is not a blind spot.
    expect(imports.length).toBeGreaterThan(100);
    const unplaced = [...new Set(imports.map((entry) => entry.from))].filter(
      (folder) => MAY_IMPORT[folder] === undefined,
    );
    expect(unplaced).toEqual([]);
    const upward = imports
      .filter((entry) => !MAY_IMPORT[entry.from]?.includes(entry.to))
      .map((entry) => `src/${entry.file} imports ${entry.specifier} (${entry.from} → ${entry.to})`);
    expect(upward).toEqual([]);
  });

  test('the layer map has no cycle, so no two folders can import each other', () => {
    const visiting = new Set<string>();
    const done = new Set<string>();
    const cycles: string[] = [];
    const visit = (folder: string, path: readonly string[]): void => {
      if (done.has(folder)) return;
      if (visiting.has(folder)) {
        cycles.push([...path, folder].join(' → '));
        return;
      }
      visiting.add(folder);
      for (const below of MAY_IMPORT[folder] ?? []) visit(below, [...path, folder]);
      visiting.delete(folder);
      done.add(folder);
    };
    for (const folder of Object.keys(MAY_IMPORT)) visit(folder, []);
    expect(cycles).toEqual([]);
  });

  test('an import against the map is caught', () => {
    // The check above, on a tree where contract/ reaches up into match/.
    const imports = crossFolderImports(
      fileURLToPath(new URL('../../fixtures/layout/upward/', import.meta.url)),
    );
    expect(imports.filter((entry) => !MAY_IMPORT[entry.from]?.includes(entry.to))).toEqual([
      expect.objectContaining({ from: 'contract', to: 'match' }),
    ]);
  });
});
