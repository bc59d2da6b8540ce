#!/usr/bin/env node
// `npm run bench`: builds the package, installs each benchmark's own peers on first use
// (npm ci in its folder), then runs every bench/<name>/ script in turn and prints its table.
// Not part of CI: the figures depend on the machine, and no benchmark asserts a time.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

run(npm, ['run', 'build'], join(here, '..'));
const failed = [];
for (const name of readdirSync(here).sort()) {
  const manifest = join(here, name, 'package.json');
  if (!existsSync(manifest) || (only.length > 0 && !only.includes(name))) continue;
  const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
  console.log(`\n━━ bench/${name}: ${pkg.description ?? ''}`);
  const needsInstall =
    Object.keys(pkg.dependencies ?? {}).length > 0 && !existsSync(join(here, name, 'node_modules'));
  if (needsInstall && !run(npm, ['ci', '--no-audit', '--no-fund'], join(here, name))) {
    failed.push(name);
    continue;
  }
  if (!run(npm, ['run', '--silent', 'bench'], join(here, name))) failed.push(name);
}
if (failed.length > 0) {
  console.error(`\nbench: ${failed.join(', ')} failed (see above)`);
  process.exitCode = 1;
}

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  return result.status === 0;
}
