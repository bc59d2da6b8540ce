import { describe, expect, test } from 'vitest';
import { formatGithubStepSummary } from '../../src/report/format-github-report.js';
import { runReportOf } from './big-run-report.js';

/** The component column of each table row, in the order they appear. */
function tableComponents(markdown: string): string[] {
  return [...markdown.matchAll(/^\| (c\d{3}) \|/gm)].map((match) => match[1] ?? '');
}

/** The markdown inside the `<details>` block whose summary is `summary`, or undefined. */
function detailsBlock(markdown: string, summary: string): string | undefined {
  const start = markdown.indexOf(`<details><summary>${summary}</summary>\n\n`);
  if (start === -1) return undefined;
  return markdown.slice(start, markdown.indexOf('</details>', start) + '</details>'.length);
}

describe('formatGithubStepSummary', () => {
  test('a run of more than 20 steps tables its failed and skipped steps and folds the passed ones into a details block at the end', () => {
    const markdown = formatGithubStepSummary(runReportOf(22, { c005: 'failed', c006: 'skipped' }));

    const passed = detailsBlock(markdown, '20 passed steps');
    const [results = '', afterResults = ''] = markdown.split('<details>');
    expect(tableComponents(results)).toEqual(['c005', 'c006']);
    expect(afterResults).toContain('c005 test log tail (.abe/logs/c005.test.log)');
    expect(passed).toBeDefined();
    expect(markdown.trimEnd().endsWith(passed ?? '')).toBe(true);
    expect(passed).toContain(
      '\n\n| Component | Step | Result | Time | Selected because |\n| --- | --- | --- | --- | --- |\n| c001 | test | ✅ passed | 1.5s | every component (--all) |\n',
    );
    expect(tableComponents(passed ?? '')).toEqual(
      tableComponents(markdown).filter((name) => name !== 'c005' && name !== 'c006'),
    );
    expect(tableComponents(passed ?? '')).toHaveLength(20);
  });

  test('a run of 20 steps has one table of every step and nothing folded', () => {
    const twenty = formatGithubStepSummary(runReportOf(20, { c005: 'failed' }));
    const twentyOne = formatGithubStepSummary(runReportOf(21, { c005: 'failed' }));

    expect(tableComponents(twenty)).toHaveLength(20);
    expect(twenty).not.toContain('passed steps</summary>');
    expect(detailsBlock(twentyOne, '20 passed steps')).toBeDefined();
  });

  test('verbose gives a big run one table of every step in run order, where the default folds the passed ones away', () => {
    const report = runReportOf(200, { c120: 'failed' });

    const folded = formatGithubStepSummary(report);
    const verbose = formatGithubStepSummary(report, { verbose: true });

    expect(detailsBlock(folded, '199 passed steps')).toBeDefined();
    expect(verbose).not.toContain('passed steps</summary>');
    const names = tableComponents(verbose);
    expect(names).toHaveLength(200);
    expect(names).toEqual([...names].sort());
    expect(verbose.match(/\| Component \| Step \|/g)).toHaveLength(1);
  });
});
