import { type ChildProcessByStdio, execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { COMMAND_NAMES, listsCommand } from '../helpers/run-cli.js';

// These run the built CLI (bin/abe.cjs → the bundle in dist/bin/), as an installed `abe` runs:
// build first.
const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const DIST = join(ROOT, 'dist');

/** A preload that appends the file of every CommonJS module loaded to $ABE_TEST_LOADED. */
const RECORD_LOADS = `const Module = require('node:module');
const { appendFileSync } = require('node:fs');
const load = Module._load;
Module._load = function (request, parent, isMain) {
  const loaded = load.apply(this, arguments);
  const file = Module._resolveFilename(request, parent, isMain);
  if (file.startsWith('/')) appendFileSync(process.env.ABE_TEST_LOADED, file + '\\n');
  return loaded;
};`;

interface BinRun {
  readonly stdout: string;
  /**
   * Modules loaded, as paths under dist/ (else absolute). The CLI runs from a bundle in
   * dist/bin/: each chunk loaded stands for the dist/ modules its source map names.
   */
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

/**
 * The dist/ modules a loaded file stands for: a bundle chunk's sources, or the file itself.
 * The bundler's own runtime chunk has no source map and stands for none of ours.
 */
async function modulesOf(path: string): Promise<string[]> {
  const inDist = relative(DIST, path);
  if (inDist.startsWith('..')) return [path];
  if (!inDist.startsWith('bin/')) return [inDist];
  if (/^bin\/rolldown-runtime-[^/]+\.cjs$/.test(inDist)) return [];
  const map = JSON.parse(await readFile(`${path}.map`, 'utf8')) as { sources: string[] };
  return map.sources.map((source) => relative(DIST, resolve(dirname(path), source)));
}

async function runBin(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<BinRun> {
  const dir = await mkdtemp(join(tmpdir(), 'abe-bin-'));
  const log = join(dir, 'loaded.txt');
  try {
    const recorder = join(dir, 'record-loads.cjs');
    await writeFile(recorder, RECORD_LOADS);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--require', recorder, 'bin/abe.cjs', ...args],
      { cwd: ROOT, env: { ...env, ABE_TEST_LOADED: log } },
    );
    const files = (await readFile(log, 'utf8')).split('\n').filter(Boolean);
    const loaded = (await Promise.all(files.map((file) => modulesOf(file)))).flat();
    return { stdout, loaded };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const IMPLEMENTATION =
  /^(runner|contract|deploy|match|provider|msw)\/|^cli\/(run-builder-command|format-diagnostics|run-progress|parse-reporters)\.js$/;

describe('the built abe binary', () => {
  test('--version prints the package version and loads no command module and no dependency', async () => {
    const { version } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    const run = await runBin(['--version']);
    expect(run.stdout).toBe(`${version}\n`);
    // The hooks saw the entry point, so an empty list below is not a blind spot.
    expect(run.loaded).toContain('cli/main.js');
    expect(run.loaded.filter((file) => /-commands?\.js$/.test(file))).toEqual([]);
    expect(run.loaded.filter((file) => file.includes('node_modules'))).toEqual([]);
    expect(run.loaded.filter((file) => IMPLEMENTATION.test(file))).toEqual([]);
  });

  test('bin/abe.js, where older npx links point, still runs the CLI', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['bin/abe.js', '--version'], {
      cwd: ROOT,
    });
    expect(stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  test('--help lists every command and loads the command definitions but no implementation', async () => {
    const run = await runBin(['--help']);
    expect(run.stdout).toMatch(/^Usage: abe \[options\] \[command\]\n/);
    expect(COMMAND_NAMES.filter((name) => !listsCommand(run.stdout, name))).toEqual([]);
    expect(run.loaded).toContain('cli/lint-command.js');
    expect(run.loaded.filter((file) => file.includes('node_modules'))).toEqual([]);
    expect(run.loaded.filter((file) => IMPLEMENTATION.test(file))).toEqual([]);
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
          /^runner\/(format-junit|format-json-report|format-github-report|github-client|commit-status-reporter|sync-component-labels|release-step|tag-step|lint-declared-contracts)\.js$/.test(
            file,
          ),
        ),
      ).toEqual([]);
    } finally {
      await rm(repo, { recursive: true, force: true });
    }
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
      expect(stdout).toMatch(/2000 problems in 2000 files \(2000 contract files linted\)\n$/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a command help loads no implementation either', async () => {
    const run = await runBin(['deploy', '--help']);
    expect(run.stdout).toMatch(/^Usage: abe deploy \[options\]\n/);
    expect(run.stdout).toContain('  --no-smoke            skip the smoke test');
    expect(run.loaded.filter((file) => IMPLEMENTATION.test(file))).toEqual([]);
  });
});
