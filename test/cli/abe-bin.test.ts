import { type ChildProcessByStdio, execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';

// These run the built CLI, as an installed `abe` runs: build first. bin/abe.cjs runs the bundle
// in dist/bin/; which modules a command loads is checked on the modules tsc wrote to dist/,
// through an ES module launcher, where each one can be seen.
const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const DIST = join(ROOT, 'dist');

/** Module hooks that append the file of every ES module loaded to $ABE_TEST_LOADED. */
const RECORD_LOADS = `import { appendFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
export async function load(url, context, next) {
  if (url.startsWith('file:')) appendFileSync(process.env.ABE_TEST_LOADED, fileURLToPath(url) + '\\n');
  return next(url, context);
}`;
const REGISTER = `import { register } from 'node:module';
register('./record-loads.mjs', import.meta.url);`;
const LAUNCHER = `import { main } from ${JSON.stringify(join(DIST, 'cli/main.js'))};
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env,
});`;

interface BinRun {
  readonly stdout: string;
  /** Modules loaded: paths under dist/, packages as `package:<name>`, else absolute. */
  readonly loaded: readonly string[];
}

/** `abe lint` started on 2,000 contracts with no examples: 2,000 diagnostics on its stdout. */
async function lintManyBrokenContracts(): Promise<{
  dir: string;
  child: ChildProcessByStdio<null, Readable, Readable>;
}> {
  const dir = await mkdtemp(join(tmpdir(), 'abe-bin-lint-'));
  await Promise.all(
    Array.from({ length: 2000 }, (_, index) =>
      writeFile(join(dir, `c${index}.json`), '{"url": "/a", "examples": {}}\n'),
    ),
  );
  const child = spawn(process.execPath, [join(ROOT, 'bin/abe.cjs'), 'lint', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { dir, child };
}

function shown(file: string): string {
  const inDist = relative(DIST, file);
  if (!inDist.startsWith('..')) return inDist;
  const inPackage = /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file);
  return inPackage === null ? file : `package:${inPackage[1]}`;
}

async function runBin(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<BinRun> {
  const dir = await mkdtemp(join(tmpdir(), 'abe-bin-'));
  const log = join(dir, 'loaded.txt');
  try {
    await writeFile(join(dir, 'record-loads.mjs'), RECORD_LOADS);
    await writeFile(join(dir, 'register.mjs'), REGISTER);
    await writeFile(join(dir, 'launcher.mjs'), LAUNCHER);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', join(dir, 'register.mjs'), join(dir, 'launcher.mjs'), ...args],
      { cwd: ROOT, env: { ...env, ABE_TEST_LOADED: log } },
    );
    const files = (await readFile(log, 'utf8')).split('\n').filter(Boolean);
    return { stdout, loaded: [...new Set(files.map(shown))] };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** What `--version` and help may load: the program's declarations and commander, nothing else. */
const DECLARATIONS = [
  'cli/main.js',
  'cli/program.js',
  'cli/cli-context.js',
  'cli/use-color.js',
  'core/abe-error.js',
];

describe('the built abe binary', () => {
  test('--version prints the package version and loads only the command declarations', async () => {
    const { version } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    const run = await runBin(['--version']);
    expect(run.stdout).toBe(`${version}\n`);
    // The hooks saw the entry point, so the list below is not a blind spot.
    expect(run.loaded).toContain('cli/main.js');
    expect(run.loaded).toContain('package:commander');
    const others = run.loaded.filter(
      (file) => !DECLARATIONS.includes(file) && file !== 'package:commander',
    );
    expect(others.filter((file) => !file.endsWith('launcher.mjs'))).toEqual([]);
  });

  test('--help and a command help load no command implementation either', async () => {
    for (const argv of [['--help'], ['deploy', '--help'], ['help', 'check']]) {
      const run = await runBin(argv);
      expect(run.stdout).toMatch(/^Usage: abe /);
      const others = run.loaded.filter(
        (file) => !DECLARATIONS.includes(file) && file !== 'package:commander',
      );
      expect(
        others.filter((file) => !file.endsWith('launcher.mjs')),
        argv.join(' '),
      ).toEqual([]);
    }
  });

  test('abe lint loads the linter and no runner, report, GitHub or deploy code', async () => {
    const run = await runBin(['lint', 'fixtures/contracts/valid']);
    expect(run.loaded).toContain('cli/lint-command.js');
    expect(run.loaded).toContain('contract/lint-contracts.js');
    expect(
      run.loaded.filter((file) =>
        /^(runner|affected|github|release|deploy)\/|^report\/(?!format-diagnostics|escape-workflow-command)/.test(
          file,
        ),
      ),
    ).toEqual([]);
  });

  test('abe test loads no module for reporters, GitHub, release or tag it was not asked for', async () => {
    const repo = await mkdtemp(join(tmpdir(), 'abe-bin-run-'));
    try {
      await mkdir(join(repo, 'api'));
      await writeFile(join(repo, 'api/Makefile'), '.PHONY: test\ntest:\n\t@true\n');
      await writeFile(join(repo, 'builder.ini'), '[api]\npath=api\n');
      // No GitHub variables: a run inside GitHub Actions must not leak them into this check.
      const env = Object.fromEntries(
        Object.entries(process.env).filter(([name]) => !/^(GITHUB_|DOCKER_TAG$)/.test(name)),
      );
      const run = await runBin(
        ['test', '--all', '--config', join(repo, 'builder.ini'), '--tag', 'dev'],
        env,
      );
      expect(run.stdout).toContain('api');
      expect(run.loaded).toContain('runner/run-components.js');
      expect(
        run.loaded.filter((file) =>
          /^github\/(github-client|commit-status-reporter|sync-component-labels)|^release\/(release-step|tag-step|release-record)|^deploy\/|^report\/(format-junit|format-json-report|format-github-report)\.js$|^config\/lint-declared-contracts\.js$/.test(
            file,
          ),
        ),
      ).toEqual([]);
    } finally {
      await rm(repo, { recursive: true, force: true });
    }
  });

  test('the bundle bin/abe.cjs runs keeps the lazy imports: --version loads no command chunk', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'abe-bin-cjs-'));
    try {
      const log = join(dir, 'loaded.txt');
      // Records every CommonJS module loaded from dist/bin/.
      await writeFile(
        join(dir, 'record.cjs'),
        `const Module = require('node:module');
const { appendFileSync } = require('node:fs');
const load = Module._load;
Module._load = function (request, parent, isMain) {
  const file = Module._resolveFilename(request, parent, isMain);
  if (file.includes('/dist/bin/')) appendFileSync(${JSON.stringify(log)}, file + '\\n');
  return load.apply(this, arguments);
};`,
      );
      const version = await promisify(execFile)(
        process.execPath,
        ['--require', join(dir, 'record.cjs'), 'bin/abe.cjs', '--version'],
        { cwd: ROOT },
      );
      expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
      const loaded = (await readFile(log, 'utf8')).split('\n').filter(Boolean);
      const shown = loaded.map((file) => relative(DIST, file));
      expect(shown).toContain('bin/abe.cjs');
      expect(
        shown.filter((file) => /-command|find-affected|lint-contracts|deploy/.test(file)),
      ).toEqual([]);
      const chunks = await readdir(join(DIST, 'bin'));
      expect(chunks.filter((file) => file.endsWith('.cjs')).length).toBeGreaterThan(5);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a misspelt component gets its suggestion from the bundle (an ES-module-only package inside)', async () => {
    // leven ships only an ES module; required from the CommonJS bundle its default export was
    // lost, and the first "Did you mean" was an internal error.
    const result = await promisify(execFile)(
      process.execPath,
      [join(ROOT, 'bin/abe.cjs'), 'test', 'reprts'],
      { cwd: join(ROOT, 'examples/shop') },
    ).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(result.stderr).toContain('there is no component "reprts"');
    expect(result.stderr).toContain('Did you mean "reports"?');
    expect(result.stderr).not.toContain('internal error');
    expect(result.code).toBe(2);
  });

  test('a reader that closes the pipe early ends the output quietly, with the exit code kept', async () => {
    // Enough diagnostics to overflow the pipe buffer, so some writes come after the close.
    const { dir, child } = await lintManyBrokenContracts();
    try {
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      let firstChunk = '';
      child.stdout.once('data', (chunk: Buffer) => {
        firstChunk = chunk.toString();
        child.stdout.destroy();
      });
      const code = await new Promise<number | null>((done) => child.on('close', done));
      expect(firstChunk).toContain('examples.empty');
      expect(stderr).toBe('');
      expect(code).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a slow reader of a long output gets all of it before abe exits, with the exit code', async () => {
    // Far more than a pipe buffer holds (2,000 diagnostics of about 150 bytes).
    const { dir, child } = await lintManyBrokenContracts();
    try {
      let stdout = '';
      child.stdout.pause();
      setTimeout(() => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
        });
        child.stdout.resume();
      }, 300);
      const code = await new Promise<number | null>((done) => child.on('close', done));
      expect(code).toBe(1);
      expect(stdout.match(/examples\.empty/g)).toHaveLength(2000);
      expect(stdout).toMatch(
        /2000 problems \(2000 errors, 0 warnings\) in 2000 files \(2000 contract files linted\)\n$/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
