import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

describe('abe lint', () => {
  test('clean contracts exit 0 with a count line', async () => {
    const run = await runCli([
      'lint',
      'fixtures/contracts/valid/users-get.json',
      'fixtures/contracts/valid/array-examples.json',
    ]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe('✔ 2 contract files linted, no problems\n');
  });

  test('warnings alone are listed but exit 0, without the failure mark', async () => {
    const run = await runCli(['lint', 'fixtures/contracts/valid']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout.match(/ warning +label "\d+" is an integer/g)).toHaveLength(2);
    expect(run.stdout).toMatch(
      /\n! 2 problems \(0 errors, 2 warnings\) in 1 file \(6 contract files linted\)\n$/,
    );
  });

  test('problems exit 1, grouped per file with line:column, code and a count line', async () => {
    const run = await runCli([
      'lint',
      'fixtures/contracts/broken/url-no-match.json',
      'fixtures/contracts/broken/status-range.json',
    ]);
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('fixtures/contracts/broken/status-range.json');
    expect(lines[1]).toMatch(
      /^ {2}5:27 +error +response status 999 is outside 100–599.* status\.range$/,
    );
    expect(run.stdout).toContain('fixtures/contracts/broken/url-no-match.json\n  6:20');
    expect(run.stdout).toContain(
      '✖ 2 problems (2 errors, 0 warnings) in 2 files (2 contract files linted)',
    );
  });

  test('--format json prints the documented stable document', async () => {
    const run = await runCli([
      'lint',
      '--format',
      'json',
      'fixtures/contracts/broken/no-examples.json',
    ]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({
      version: 1,
      fileCount: 1,
      errorCount: 1,
      warningCount: 0,
      diagnostics: [
        {
          file: 'fixtures/contracts/broken/no-examples.json',
          line: 4,
          column: 3,
          pointer: '/examples',
          code: 'examples.empty',
          severity: 'error',
          message:
            'the endpoint has no examples: add at least one labelled request/response example.',
        },
      ],
    });
  });

  test('--format github prints one escaped workflow annotation per problem', async () => {
    const run = await runCli([
      'lint',
      '-f',
      'github',
      'fixtures/contracts/broken/invalid-json.json',
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      '::error file=fixtures/contracts/broken/invalid-json.json,line=5,col=40,title=abe lint json.syntax::invalid JSON: trailing comma before "}": remove the comma\n',
    );
  });

  test('a pattern that matches nothing is a usage error (exit 2) that names the pattern', async () => {
    const run = await runCli(['lint', 'contracts/**/*.json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no contract file matches "contracts/**/*.json"');
    expect(run.stdout).toBe('');
  });

  test('without patterns it lints the contracts builder.ini declares', async () => {
    const run = await runCli(['lint', '--format', 'json'], { cwd: 'examples/shop' });
    expect(run.code).toBe(0);
    // The shop declares the api's 3 contracts and the inventory's 2.
    expect(JSON.parse(run.stdout)).toMatchObject({ fileCount: 5, errorCount: 0 });
  });

  test('without patterns and without a builder.ini it is a usage error that says what to do', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'abe-lint-'));
    try {
      const run = await runCli(['lint'], { cwd: empty });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('no builder.ini found');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  test('an unknown format is a usage error listing the choices', async () => {
    const run = await runCli(['lint', '--format', 'xml', 'fixtures/contracts/valid']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('human, json, github');
  });

  test('an unknown command suggests the nearest one', async () => {
    const run = await runCli(['lnt']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("error: unknown command 'lnt'\n(Did you mean lint?)\n");
  });

  test('the installed bin answers --version and --help', () => {
    const version = execFileSync(process.execPath, ['bin/abe.cjs', '--version'], {
      encoding: 'utf8',
    });
    expect(version.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = execFileSync(process.execPath, ['bin/abe.cjs', '--help'], { encoding: 'utf8' });
    expect(help).toContain('lint');
  });
  test('a label or file name holding a workflow command forges no annotation, in any format', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'abe-lint-inject-'));
    try {
      const label = 'OK\n::error file=README.md,line=1::forged by a label ##[error]legacy';
      const contract = JSON.stringify(
        {
          url: '/a',
          method: 'GET',
          examples: {
            [label]: { request: { url: '/a', method: 'FOO' }, response: { status: 200 } },
          },
        },
        null,
        2,
      );
      writeFileSync(join(dir, 'evil\n::add-mask::forged by a file name.json'), contract);
      writeFileSync(join(dir, '::warning::named.json'), contract);
      const env = { PATH: process.env.PATH, GITHUB_ACTIONS: 'true' };
      // Abe's own annotations, one per diagnostic, with every property escaped.
      const ownAnnotation =
        /^::error file=[^,:\r\n]+,line=8,col=9,title=abe lint method\.unknown::unknown HTTP method "FOO" in example "OK%0A::error file=README\.md,line=1::forged by a label ##\[error\]legacy": /;

      for (const format of ['human', 'github', 'json']) {
        const run = await runCli(['lint', '--format', format, '.'], { cwd: dir, env });
        expect(run.code).toBe(1);
        const lines = run.stdout.split('\n').filter((line) => line !== '');
        const commands = lines.filter((line) => line.trimStart().startsWith('::'));
        if (format === 'github') {
          expect(lines).toHaveLength(2);
          for (const line of commands) expect(line).toMatch(ownAnnotation);
        } else {
          expect(commands).toEqual([]);
          expect(lines.filter((line) => line.includes('##['))).toEqual([]);
        }
      }
      const human = await runCli(['lint', '.'], { cwd: dir, env });
      expect(human.stdout).toContain('evil\\n::add-mask::forged by a file name.json\n');
      expect(human.stdout).toContain('\\::warning::named.json\n');
      expect(human.stdout).toContain(
        'in example "OK\\n::error file=README.md,line=1::forged by a label ##\\[error]legacy"',
      );
      const json = await runCli(['lint', '--format', 'json', '.'], { cwd: dir, env });
      expect(JSON.parse(json.stdout).diagnostics[0].message).toContain(label);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
