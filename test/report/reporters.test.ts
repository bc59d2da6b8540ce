import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { formatJunit } from '../../src/report/format-junit.js';
import type { GitRepo } from '../helpers/git-repo.js';
import { findAll, parseXml } from '../helpers/parse-xml.js';
import { runCli } from '../helpers/run-cli.js';
import { API_WEB_MAILER_INI, makefile, makeRepo } from '../runner/runner-fixtures.js';
import { reportOf } from './big-run-report.js';

const repos: GitRepo[] = [];
afterEach(async () => {
  for (const repo of repos.splice(0)) await repo.cleanup();
});

/** api's tests fail, web is downstream of api, mailer passes. */
async function failingApiRepo(): Promise<GitRepo> {
  const repo = await makeRepo({
    'builder.ini': API_WEB_MAILER_INI,
    'api/Makefile': makefile({ test: ['@echo "expected 200 <got> 500 & more"', '@exit 1'] }),
    'web/Makefile': makefile({ test: ['@echo web ok'] }),
    'mailer/Makefile': makefile({ test: ['@echo mailer ok'] }),
  });
  repos.push(repo);
  await mkdir(join(repo.dir, '.abe'), { recursive: true });
  return repo;
}

const env = { PATH: process.env.PATH };

describe('reporters', () => {
  test('junit, json and github reports written side by side describe every component and step', async () => {
    const repo = await failingApiRepo();
    const summaryFile = join(repo.dir, '.abe', 'step-summary.md');

    const { code, stdout } = await runCli(
      [
        'test',
        '--all',
        '--reporter',
        'junit=reports/junit.xml,json=reports/abe.json',
        '--reporter',
        'github',
      ],
      {
        cwd: repo.dir,
        env: { ...env, GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summaryFile },
      },
    );

    expect(code).toBe(1);
    expect(stdout).toContain('Wrote the junit report to reports/junit.xml');

    const junit = parseXml(await readFile(join(repo.dir, 'reports', 'junit.xml'), 'utf8'));
    expect(junit.name).toBe('testsuites');
    expect(
      Object.fromEntries(['tests', 'failures', 'skipped'].map((k) => [k, junit.attributes.get(k)])),
    ).toEqual({
      tests: '3',
      failures: '1',
      skipped: '1',
    });
    const cases = findAll(junit, 'testcase').map((c) => [
      c.attributes.get('classname'),
      c.attributes.get('name'),
      c.children.map((child) => child.name).join(','),
    ]);
    expect(cases).toEqual([
      ['api', 'test', 'failure,system-out'],
      ['web', 'test', 'skipped'],
      ['mailer', 'test', 'system-out'],
    ]);
    const failure = findAll(junit, 'failure')[0];
    expect(failure?.attributes.get('message')).toBe('api test failed (exit code 2)');
    expect(failure?.text).toContain('expected 200 <got> 500 & more\n');
    expect(findAll(junit, 'skipped')[0]?.attributes.get('message')).toBe('upstream "api" failed');

    const json = JSON.parse(await readFile(join(repo.dir, 'reports', 'abe.json'), 'utf8'));
    expect(json).toMatchObject({
      version: 1,
      command: 'test',
      ok: false,
      aborted: false,
      base: null,
      counts: { passed: 1, failed: 1, skipped: 1, total: 3 },
      contracts: null,
    });
    expect(
      json.components.map(
        (c: { name: string; reasons: { kind: string }[]; steps: { status: string }[] }) => [
          c.name,
          c.reasons[0]?.kind,
          c.steps.map((s) => s.status),
        ],
      ),
    ).toEqual([
      ['api', 'all', ['failed']],
      ['web', 'all', ['skipped']],
      ['mailer', 'all', ['passed']],
    ]);
    expect(json.components[0].steps[0]).toMatchObject({
      step: 'test',
      exitCode: 2,
      logFile: join(repo.dir, '.abe', 'logs', 'api.test.log'),
      logTail: expect.stringContaining('expected 200 <got> 500 & more'),
    });

    expect(stdout).toMatch(
      /^::error title=abe test%3A api test failed::api test failed \(exit code 2\)%0A\$ make -C api test%0A.*expected 200 <got> 500 & more%0A/m,
    );
    expect(stdout).toMatch(
      /^::group::\[[1-3]\/3\] ✔ mailer test passed in [0-9.]+s\n\$ make -C mailer test\n/m,
    );
    const summary = await readFile(summaryFile, 'utf8');
    expect(summary).toContain('### ❌ abe test: 1 passed, 1 failed, 1 skipped');
    expect(summary).toMatch(
      /^\| api \| test \| ❌ failed \(exit code 2\) \| [0-9.]+s \| every component \(--all\) \|$/m,
    );
    expect(summary).toContain('| web | test | ⏭️ skipped: upstream "api" failed |  |');
    expect(summary).toContain(
      '<details><summary>api test log tail (.abe/logs/api.test.log)</summary>',
    );
  });

  test('--reporter json without a file keeps stdout pure JSON and moves the progress to stderr', async () => {
    const repo = await failingApiRepo();

    const { code, stdout, stderr } = await runCli(['test', 'mailer', '--reporter', 'json'], {
      cwd: repo.dir,
      env,
    });

    expect(code).toBe(0);
    expect(JSON.parse(stdout).components.map((c: { name: string }) => c.name)).toEqual(['mailer']);
    expect(stderr).toContain('✔ mailer test passed');
    expect(stderr).toContain('Summary');
  });

  test('junit stays well-formed whatever the log holds: markup, colour codes, control characters', () => {
    const nasty = 'a < b && c > d "quoted" ]]> \u001b[31mred\u001b[0m \u0001\u0007 end';
    const report = reportOf(
      [{ name: 'a&b', path: 'a', reasons: [{ kind: 'all', detail: 'all' }] }],
      [
        {
          component: 'a&b',
          step: 'test',
          status: 'failed',
          durationMs: 1500,
          startedAt: '2025-01-01T00:00:00.000Z',
          logFile: '/repo/.abe/logs/a_b.test.log',
          exitCode: 2,
          signal: null,
          note: 'why "this" <failed>',
          blocked: false,
          logTail: nasty,
        },
      ],
      { tag: 't' },
    );

    const junit = parseXml(formatJunit(report));

    const testcase = findAll(junit, 'testcase')[0];
    expect(testcase?.attributes.get('classname')).toBe('a&b');
    expect(testcase?.attributes.get('time')).toBe('1.500');
    const failure = findAll(junit, 'failure')[0];
    expect(failure?.attributes.get('message')).toBe(
      'a&b test failed (exit code 2, why "this" <failed>)',
    );
    expect(failure?.text).toBe('a < b && c > d "quoted" ]]> red  end');
  });
});
