import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkMakefile } from '../../src/init/check-makefile.js';
import { renderMakefile } from '../../src/init/render-makefile.js';
import type { Tooling } from '../../src/init/types.js';
import { makeTree, packageJson } from './temp-tree.js';

const TOOLINGS: readonly Tooling[] = [
  { kind: 'npm' },
  { kind: 'python', tests: 'pytest' },
  { kind: 'python', tests: 'unittest' },
  { kind: 'go' },
  { kind: 'none' },
];

/** Runs real make in `dir`, with the environment of the test run (npm, python3 on PATH). */
function make(dir: string, ...args: string[]) {
  const run = spawnSync('make', ['-C', dir, ...args], { encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('renderMakefile', () => {
  test('every Makefile has build and test, declared .PHONY', () => {
    for (const tooling of TOOLINGS) {
      const text = renderMakefile('api', tooling);
      expect(text, tooling.kind).toMatch(/^\.PHONY: build test$/m);
      expect(checkMakefile(text, ['build', 'test']), tooling.kind).toEqual({
        missing: [],
        notPhony: [],
      });
    }
  });

  test('a placeholder target fails under real make, saying what to write', async () => {
    const dir = await makeTree({ Makefile: renderMakefile('tools', { kind: 'none' }) });
    for (const step of ['build', 'test']) {
      const run = make(dir, step);
      expect(run.status, step).not.toBe(0);
      expect(run.stderr).toContain(
        `tools: "make ${step}" is a placeholder written by abe init. Write the ${step} recipe of tools in this Makefile.`,
      );
    }
  });

  test('a test/ directory does not make the test target do nothing: it is .PHONY', async () => {
    const dir = await makeTree({
      Makefile: renderMakefile('tools', { kind: 'none' }),
      'test/placeholder.txt': '',
    });
    const run = make(dir, 'test');
    expect(run.status).not.toBe(0);
    expect(`${run.stdout}${run.stderr}`).not.toContain('is up to date');
  });

  test('npm: make build passes without a build script (--if-present), make test runs npm test', async () => {
    const dir = await makeTree({
      Makefile: renderMakefile('web', { kind: 'npm' }),
      'package.json': packageJson({
        name: 'web',
        scripts: { test: "node -e \"require('fs').writeFileSync('tested', '')\"" },
      }),
    });
    expect(make(dir, 'build').status).toBe(0);
    expect(make(dir, 'test').status).toBe(0);
    expect(existsSync(join(dir, 'tested'))).toBe(true);
  });

  test('npm: a package without a test script fails make test', async () => {
    const dir = await makeTree({
      Makefile: renderMakefile('web', { kind: 'npm' }),
      'package.json': packageJson({ name: 'web' }),
    });
    const run = make(dir, 'test');
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/Missing script: "test"/);
  });

  test('python: build byte-compiles the sources (not .venv), test runs unittest', async () => {
    const dir = await makeTree({
      Makefile: renderMakefile('worker', { kind: 'python', tests: 'unittest' }),
      'pyproject.toml': '[project]\nname = "worker"\n',
      'worker.py': 'def double(x):\n    return 2 * x\n',
      'test_worker.py':
        'import unittest\nfrom worker import double\n\nclass T(unittest.TestCase):\n    def test_double(self):\n        self.assertEqual(double(2), 4)\n',
      '.venv/lib/broken.py': 'def (:\n',
    });
    expect(make(dir, 'build').status).toBe(0);
    expect(existsSync(join(dir, '__pycache__'))).toBe(true);
    const test = make(dir, 'test');
    expect(test.status).toBe(0);
    expect(test.stderr).toContain('Ran 1 test');
  });

  test('python: a syntax error fails the build', async () => {
    const dir = await makeTree({
      Makefile: renderMakefile('worker', { kind: 'python', tests: 'unittest' }),
      'worker.py': 'def broken(:\n',
    });
    expect(make(dir, 'build').status).not.toBe(0);
  });

  test('python with pytest configured, and go, call their own test runners', async () => {
    const pytest = await makeTree({
      Makefile: renderMakefile('w', { kind: 'python', tests: 'pytest' }),
    });
    const go = await makeTree({ Makefile: renderMakefile('billing', { kind: 'go' }) });
    // -n prints what make would run: the recipes, without needing pytest or Go installed.
    expect(execFileSync('make', ['-n', '-C', pytest, 'test'], { encoding: 'utf8' })).toContain(
      'python3 -m pytest',
    );
    expect(execFileSync('make', ['-n', '-C', go, 'build', 'test'], { encoding: 'utf8' })).toMatch(
      /go build \.\/\.\.\.\n.*go test \.\/\.\.\./s,
    );
  });
});
