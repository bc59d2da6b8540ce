import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { GitRepo } from '../helpers/git-repo.js';
import { runCli } from '../helpers/run-cli.js';
import {
  API_WEB_MAILER_INI,
  fillDiskUnder,
  makeRepo,
  readLines,
} from '../runner/runner-fixtures.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** The Makefile docs/runner.md shows, which pastes $(DOCKER_TAG) into shell recipes. */
const DOCS_MAKEFILE = `.PHONY: build test
build:
\t@echo "start $$NAME" >> "$$ORDER_LOG"
\techo docker build -t $(DOCKER_IMAGE):$(DOCKER_TAG) .
test:
\t@echo "start $$NAME" >> "$$ORDER_LOG"
\techo docker run --rm $(DOCKER_IMAGE):$(DOCKER_TAG) npm test
`;

async function monorepo(): Promise<{ repo: GitRepo; env: Record<string, string | undefined> }> {
  const repo = await makeRepo({
    'builder.ini': API_WEB_MAILER_INI,
    'api/Makefile': DOCS_MAKEFILE,
    'web/Makefile': DOCS_MAKEFILE,
    'mailer/Makefile': DOCS_MAKEFILE,
  });
  cleanups.push(() => repo.cleanup());
  return { repo, env: { PATH: process.env.PATH, ORDER_LOG: join(repo.dir, 'order.log') } };
}

describe('image tags', () => {
  test('regression: DOCKER_TAG="x;touch pwned;#" is refused with exit 2 before make runs, instead of running touch', async () => {
    const { repo, env } = await monorepo();

    const { code, stderr } = await runCli(['build', '--all'], {
      cwd: repo.dir,
      env: { ...env, DOCKER_TAG: 'x;touch pwned;#' },
    });

    expect(code).toBe(2);
    expect(stderr).toBe(
      'abe: $DOCKER_TAG "x;touch pwned;#" is not a valid image tag: a tag is 1 to 128 letters, digits, "_", "." and "-", not starting with "." or "-".\n' +
        'Set DOCKER_TAG to the tag to build (e.g. DOCKER_TAG=1.4.2), or unset it to tag images with the short sha of HEAD.\n',
    );
    expect(await readLines(join(repo.dir, 'order.log'))).toEqual([]);
    for (const dir of ['', 'api', 'web', 'mailer']) {
      await expect(stat(join(repo.dir, dir, 'pwned'))).rejects.toThrow();
    }
  });

  test('--tag is held to the same grammar, and a valid tag reaches make', async () => {
    const { repo, env } = await monorepo();

    const refused = await runCli(['test', 'mailer', '--tag', '$(touch pwned)'], {
      cwd: repo.dir,
      env,
    });
    const accepted = await runCli(['test', 'mailer', '--tag', 'v1.4.2_rc-1'], {
      cwd: repo.dir,
      env,
    });

    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      'abe: --tag "$(touch pwned)" is not a valid image tag: a tag is 1 to 128 letters',
    );
    await expect(stat(join(repo.dir, 'mailer', 'pwned'))).rejects.toThrow();
    expect(accepted.code).toBe(0);
    expect(await readFile(join(repo.dir, '.abe', 'logs', 'mailer.test.log'), 'utf8')).toContain(
      'docker run --rm mailer:v1.4.2_rc-1 npm test\n',
    );
  });
});

describe('logs that cannot be written', () => {
  test('regression: a full disk under a step log fails that step with the reason; the summary and the reports are still written', async () => {
    const { repo, env } = await monorepo();
    const reports = await mkdtemp(join(tmpdir(), 'abe-reports-'));
    cleanups.push(() => rm(reports, { recursive: true, force: true }));
    let stdout = '';
    let stderr = '';

    const code = await main(
      [
        'test',
        '--all',
        '-j',
        '1',
        '--reporter',
        `json=${join(reports, 'abe.json')},junit=${join(reports, 'junit.xml')}`,
      ],
      {
        stdout: {
          write: (chunk: string) => {
            stdout += chunk;
            // api's log is open, nothing is written to it yet: the disk fills up now.
            if (chunk.includes('▶ api test')) {
              fillDiskUnder(join(repo.dir, '.abe', 'logs', 'api.test.log'));
            }
            return true;
          },
        },
        stderr: { write: (chunk: string) => (stderr += chunk) },
        cwd: repo.dir,
        env,
      },
    );

    const note =
      'cannot write the log .abe/logs/api.test.log (ENOSPC: no space left on device), so the step did not run: free space on the disk that holds .abe/logs';
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(stdout).toContain(`✖ api test failed in`);
    expect(stdout).toMatch(/Summary\ncomponent +step +result +time/);
    expect(stdout).toMatch(new RegExp(`api +test +failed +[0-9.]+s +${escapeRegExp(note)}`));
    expect(stdout).toContain('✖ 3 steps: 1 passed, 1 failed, 1 skipped in');
    const json = JSON.parse(await readFile(join(reports, 'abe.json'), 'utf8')) as {
      components: { name: string; steps: { status: string; note: string | null }[] }[];
    };
    expect(json.components.map((c) => [c.name, c.steps[0]?.status, c.steps[0]?.note])).toEqual([
      ['api', 'failed', note],
      ['web', 'skipped', 'upstream "api" failed'],
      ['mailer', 'passed', null],
    ]);
    expect(await readFile(join(reports, 'junit.xml'), 'utf8')).toContain(
      '<testcase classname="api" name="test"',
    );
    expect(await readLines(join(repo.dir, 'order.log'))).toEqual(['start mailer']);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
