import { describe, expect, test } from 'vitest';
import { formatSummary } from '../../src/report/format-summary.js';
import { runReportOf } from './big-run-report.js';

/** The component column of each table row, header and count lines left out. */
function listedComponents(summary: string): string[] {
  return summary
    .split('\n')
    .filter((line) => /^c\d{3} /.test(line))
    .map((line) => line.split(' ')[0] ?? '');
}

describe('formatSummary', () => {
  test('a run of more than 20 steps lists its failed and skipped steps and counts the passed ones on one line', () => {
    const summary = formatSummary(runReportOf(21, { c005: 'failed', c006: 'skipped' }));

    expect(summary).toBe(
      [
        'component  step  result   time',
        'c005       test  failed   1.5s  exit code 2, log .abe/logs/c005.test.log',
        'c006       test  skipped        upstream "c005" failed',
        '… and 19 passed steps (--verbose lists them)',
        '',
        '✖ 21 steps: 19 passed, 1 failed, 1 skipped in 1m 01s',
        '',
      ].join('\n'),
    );
  });

  test('a run of 20 steps lists every step, passed ones included', () => {
    const summary = formatSummary(runReportOf(20, { c005: 'failed' }));

    expect(listedComponents(summary)).toHaveLength(20);
    expect(summary).not.toContain('passed steps');
    // The same run one step bigger collapses: the limit is 20 rows, not fewer.
    expect(listedComponents(formatSummary(runReportOf(21, { c005: 'failed' })))).toEqual(['c005']);
  });

  test('every failed and skipped step of a 200-step run is listed in run order', () => {
    const outcomes = {
      c002: 'failed',
      c050: 'skipped',
      c051: 'skipped',
      c120: 'failed',
      c200: 'skipped',
    } as const;

    const summary = formatSummary(runReportOf(200, outcomes));

    expect(listedComponents(summary)).toEqual(['c002', 'c050', 'c051', 'c120', 'c200']);
    expect(summary).toContain('\n… and 195 passed steps (--verbose lists them)\n\n');
    expect(summary).toMatch(/\n✖ 200 steps: 195 passed, 2 failed, 3 skipped in 1m 01s\n$/);
  });

  test('verbose lists every passed step a big run would otherwise count', () => {
    const report = runReportOf(200, { c120: 'failed' });

    const collapsed = formatSummary(report);
    const verbose = formatSummary(report, { verbose: true });

    expect(listedComponents(collapsed)).toEqual(['c120']);
    expect(listedComponents(verbose)).toHaveLength(200);
    expect(listedComponents(verbose).slice(118, 121)).toEqual(['c119', 'c120', 'c121']);
    expect(verbose).not.toContain('passed steps');
    expect(verbose).toMatch(/\n✖ 200 steps: 199 passed, 1 failed in 1m 01s\n$/);
  });

  test('a big run where every step passed shows the count of passed steps without a table', () => {
    const summary = formatSummary(runReportOf(30));

    expect(summary).toBe(
      [
        '30 passed steps, not listed (--verbose lists them)',
        '',
        '✔ 30 steps: 30 passed in 1m 01s',
        '',
      ].join('\n'),
    );
  });

  test('a collapsed summary keeps its colours: the status of listed rows, a dim count line', () => {
    const summary = formatSummary(runReportOf(21, { c005: 'failed' }), { color: true });

    expect(summary).toBe(
      [
        '\u001b[2mcomponent  step  result  time\u001b[0m',
        'c005       test  \u001b[31mfailed\u001b[0m  1.5s  exit code 2, log .abe/logs/c005.test.log',
        '\u001b[2m… and 20 passed steps (--verbose lists them)\u001b[0m',
        '',
        '\u001b[31m✖\u001b[0m 21 steps: 20 passed, \u001b[31m1 failed\u001b[0m in 1m 01s',
        '',
      ].join('\n'),
    );
  });

  test('columns are as wide as the listed rows, not the passed steps left out', () => {
    const report = runReportOf(21, { c005: 'failed' });
    const steps = report.run.steps.map((step) =>
      step.component === 'c001' ? { ...step, component: 'a-component-with-a-long-name' } : step,
    );

    const summary = formatSummary({ ...report, run: { ...report.run, steps } });

    expect(summary.split('\n')[1]).toBe(
      'c005       test  failed  1.5s  exit code 2, log .abe/logs/c005.test.log',
    );
  });
});
