import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const fixture = fileURLToPath(new URL('../../fixtures/msw/swallowing-consumer/', import.meta.url));
const packageJson = createRequire(import.meta.url).resolve('vitest/package.json');
const vitest = join(dirname(packageJson), 'vitest.mjs');

interface JsonReport {
  testResults: {
    assertionResults: { title: string; status: string; failureMessages: string[] }[];
  }[];
}

describe('a consumer that swallows the network error', () => {
  test('still fails its test, through abeMocks.assertNoViolations() in afterEach, with the explanation', () => {
    const run = spawnSync(process.execPath, [vitest, 'run', '--root', fixture, '--reporter=json'], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', CI: '1' },
      timeout: 120_000,
    });
    expect(run.status, run.stderr).toBe(1);
    const report = JSON.parse(run.stdout.slice(run.stdout.indexOf('{'))) as JsonReport;
    const results = report.testResults.flatMap((file) => file.assertionResults);
    expect(results.map(({ title, status }) => [title, status])).toEqual([
      ['a consumer that sends the wrong field and swallows the error', 'failed'],
      ['a consumer that sends what the contract says', 'passed'],
    ]);
    expect(results[0]?.failureMessages.join('\n')).toMatch(
      /POST https:\/\/api\.example\.test\/users is not allowed by any example of POST \/users \(.*create\.json\)\.\nNearest example: "created"\n {2}\/body\/username +missing, expected "ada"/,
    );
  }, 120_000);
});
