// The copy of examples/shop that scripts/demo.js and bench/ledger run `abe check` in: one module,
// so that the demo and the bench check the same tree, linked to this repository the same way.
import { cpSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Copies examples/shop into `dir` (without node_modules, .abe or __pycache__), links it to this
 * repository's packages and CLI, and writes a .gitignore for what runs leave behind. Making it a
 * git repository is the caller's: the demo and the bench commit as different authors.
 *
 * @example
 * const dir = mkdtempSync(join(tmpdir(), 'abe-demo-shop-'));
 * copyShop(dir);
 * execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir });
 */
export function copyShop(dir) {
  cpSync(join(repo, 'examples/shop'), dir, {
    recursive: true,
    filter: (source) =>
      !source.includes('node_modules') &&
      !source.includes('/.abe') &&
      !source.includes('__pycache__'),
  });
  // The shop resolves abe-ts and its tools from this repository, as an installed package would:
  // node_modules/ links every package installed here, and abe-ts itself; .bin/ is a directory of
  // its own so that it holds `abe` too (the Python components' Makefiles run `npx abe`).
  const modules = join(dir, 'node_modules');
  mkdirSync(join(modules, '.bin'), { recursive: true });
  for (const entry of readdirSync(join(repo, 'node_modules')))
    if (entry !== '.bin') symlinkSync(join(repo, 'node_modules', entry), join(modules, entry));
  for (const entry of readdirSync(join(repo, 'node_modules/.bin')))
    symlinkSync(join(repo, 'node_modules/.bin', entry), join(modules, '.bin', entry));
  symlinkSync(repo, join(modules, 'abe-ts'), 'dir');
  symlinkSync(join(repo, 'bin/abe.cjs'), join(modules, '.bin', 'abe'));
  writeFileSync(join(dir, '.gitignore'), 'node_modules/\n.abe/\n__pycache__/\n');
}
