import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { createCommitStatusReporter } from '../../src/github/commit-status-reporter.js';
import { createGithubClient } from '../../src/github/github-client.js';
import { githubContextFromEnv } from '../../src/github/github-context.js';
import type { GitRepo } from '../helpers/git-repo.js';
import { runCli } from '../helpers/run-cli.js';
import { API_WEB_MAILER_INI, makefile, makeRepo, makeTempDir } from '../runner/runner-fixtures.js';

interface Received {
  readonly method: string;
  readonly url: string;
  readonly authorization: string | undefined;
  readonly accept: string | undefined;
  readonly body: unknown;
}

type Handler = (request: Received) => { status: number; body?: unknown };

/** A local server speaking just enough of the GitHub REST API, recording every request. */
async function fakeGithub(
  handler: Handler,
): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const request: Received = {
        method: req.method ?? '',
        url: req.url ?? '',
        authorization: req.headers.authorization,
        accept: req.headers.accept,
        body: text === '' ? undefined : JSON.parse(text),
      };
      received.push(request);
      const answer = handler(request);
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const TOKEN = 'ghp_TopSecret0123456789abcdefTOKEN';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const INI = `[abe]
base=origin/main

${API_WEB_MAILER_INI}`;

describe('GitHub integration', () => {
  test('labels the pull request, posts a status per component and step, retries a 502, never shows the token', async () => {
    const repo: GitRepo = await makeRepo({
      'builder.ini': INI,
      'api/Makefile': makefile({
        build: ['@echo api built'],
        test: ['@echo "token=$$GITHUB_TOKEN"; env'],
      }),
      'web/Makefile': makefile({
        build: ['@echo web built'],
        test: ['@echo "web is broken"; exit 1'],
      }),
      'mailer/Makefile': makefile({ build: ['@true'], test: ['@true'] }),
    });
    cleanups.push(repo.cleanup);
    await repo.write({ 'api/src/app.ts': 'export const app = 2;\n' });
    repo.commit('change the api');
    const headSha = repo.git('rev-parse', 'HEAD').trim();
    let first = true;
    const github = await fakeGithub((request) => {
      if (first) {
        first = false;
        return { status: 502, body: { message: 'Bad Gateway' } };
      }
      if (request.method === 'GET') {
        return {
          status: 200,
          body: [{ name: 'component:api' }, { name: 'bug' }, { name: 'component:mailer' }],
        };
      }
      return {
        status: request.method === 'POST' && request.url.includes('/statuses/') ? 201 : 200,
        body: {},
      };
    });
    cleanups.push(github.close);
    const event = join(repo.dir, '.abe-event.json');
    await writeFile(event, JSON.stringify({ pull_request: { number: 7, head: { sha: headSha } } }));

    const { code, stdout, stderr } = await runCli(
      [
        'check',
        '-j',
        '1',
        '--reporter',
        'json=.abe/report.json,junit=.abe/junit.xml,github=.abe/summary.md',
      ],
      {
        cwd: repo.dir,
        env: {
          PATH: process.env.PATH,
          GITHUB_TOKEN: TOKEN,
          GITHUB_REPOSITORY: 'acme/shop',
          GITHUB_SHA: 'f'.repeat(40),
          GITHUB_REF: 'refs/pull/7/merge',
          GITHUB_EVENT_PATH: event,
          GITHUB_API_URL: github.url,
          GITHUB_RUN_ID: '99',
        },
      },
    );

    expect(code).toBe(1);
    const labelsPath = '/repos/acme/shop/issues/7/labels';
    expect(github.received.slice(0, 4).map((r) => [r.method, r.url, r.body])).toEqual([
      ['GET', `${labelsPath}?per_page=100&page=1`, undefined],
      ['GET', `${labelsPath}?per_page=100&page=1`, undefined],
      ['POST', labelsPath, { labels: ['component:web'] }],
      ['DELETE', `${labelsPath}/component%3Amailer`, undefined],
    ]);
    const statuses = github.received.slice(4);
    expect(
      statuses.every(
        (r) => r.method === 'POST' && r.url === `/repos/acme/shop/statuses/${headSha}`,
      ),
    ).toBe(true);
    const byContext = new Map<string, string[]>();
    for (const { body } of statuses) {
      const { context, state, target_url } = body as {
        context: string;
        state: string;
        target_url: string;
      };
      expect(target_url).toBe('https://github.com/acme/shop/actions/runs/99');
      byContext.set(context, [...(byContext.get(context) ?? []), state]);
    }
    expect(Object.fromEntries(byContext)).toEqual({
      'abe/api/build': ['pending', 'success'],
      'abe/api/test': ['pending', 'success'],
      'abe/web/build': ['pending', 'success'],
      'abe/web/test': ['pending', 'failure'],
    });
    const webTest = statuses.find(
      (r) =>
        (r.body as { context: string; state: string }).context === 'abe/web/test' &&
        (r.body as { state: string }).state === 'failure',
    );
    expect((webTest?.body as { description?: string } | undefined)?.description).toMatch(
      /^failed \(exit code 2\) after [0-9.]+s$/,
    );
    expect(github.received.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(github.received.every((r) => r.accept === 'application/vnd.github+json')).toBe(true);
    expect(stdout).toContain('Pull request #7 labels: +component:web -component:mailer');

    const written = [stdout, stderr];
    for (const dir of [join(repo.dir, '.abe'), join(repo.dir, '.abe', 'logs')]) {
      for (const file of await readdir(dir, { withFileTypes: true })) {
        if (file.isFile()) written.push(await readFile(join(dir, file.name), 'utf8'));
      }
    }
    expect(written.join('\n')).toContain('token=\n');
    for (const text of written) expect(text).not.toContain(TOKEN);
  });

  test('a status that keeps failing becomes a warning that does not repeat the token', async () => {
    const github = await fakeGithub((request) => ({
      status: 500,
      body: { message: `upstream echoed ${request.authorization}` },
    }));
    cleanups.push(github.close);
    const client = createGithubClient({
      apiUrl: github.url,
      token: TOKEN,
      retries: 2,
      retryDelayMs: 5,
    });
    const statuses = createCommitStatusReporter(client, {
      owner: 'acme',
      repo: 'shop',
      sha: 'abc',
      targetUrl: undefined,
    });

    statuses.start([{ component: 'api', step: 'test' }]);
    const failures = await statuses.flush();

    expect(github.received).toHaveLength(3);
    expect(failures).toHaveLength(1);
    expect(failures[0]?.message).toBe(
      'GitHub API POST /repos/acme/shop/statuses/abc answered 500: upstream echoed Bearer ***',
    );
  });

  test('a 4xx answer is not retried', async () => {
    const github = await fakeGithub(() => ({
      status: 422,
      body: { message: 'Validation Failed' },
    }));
    cleanups.push(github.close);
    const client = createGithubClient({
      apiUrl: github.url,
      token: TOKEN,
      retries: 3,
      retryDelayMs: 5,
    });

    await expect(client.request('POST', '/repos/acme/shop/statuses/abc', {})).rejects.toThrow(
      'answered 422: Validation Failed',
    );
    expect(github.received).toHaveLength(1);
  });

  test('when abe itself fails, the statuses not yet final become error', async () => {
    const github = await fakeGithub(() => ({ status: 201, body: {} }));
    cleanups.push(github.close);
    const client = createGithubClient({ apiUrl: github.url, token: TOKEN });
    const statuses = createCommitStatusReporter(client, {
      owner: 'acme',
      repo: 'shop',
      sha: 'abc',
      targetUrl: undefined,
    });

    statuses.start([
      { component: 'api', step: 'build' },
      { component: 'api', step: 'test' },
    ]);
    statuses.onEvent({
      type: 'step-end',
      result: {
        component: 'api',
        step: 'build',
        status: 'passed',
        durationMs: 10,
        startedAt: null,
        logFile: null,
        exitCode: 0,
        signal: null,
        note: null,
        blocked: false,
        logTail: null,
      },
    });
    statuses.crash('internal error');
    await statuses.flush();

    const states = github.received.map((r) => {
      const body = r.body as { context: string; state: string };
      return `${body.context} ${body.state}`;
    });
    expect(states.filter((s) => s.startsWith('abe/api/build'))).toEqual([
      'abe/api/build pending',
      'abe/api/build success',
    ]);
    expect(states.filter((s) => s.startsWith('abe/api/test'))).toEqual([
      'abe/api/test pending',
      'abe/api/test error',
    ]);
  });

  test('the GitHub context needs a token, a repository and a sha, and finds the pull request in GITHUB_REF', async () => {
    const { dir, remove } = await makeTempDir('gh');
    cleanups.push(remove);
    const base = { GITHUB_TOKEN: 't', GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: 'abc' };

    expect(await githubContextFromEnv({ ...base, GITHUB_TOKEN: undefined })).toBeUndefined();
    expect(await githubContextFromEnv({ ...base, GITHUB_REF: 'refs/pull/12/merge' })).toMatchObject(
      {
        apiUrl: 'https://api.github.com',
        owner: 'acme',
        repo: 'shop',
        sha: 'abc',
        pullRequest: 12,
      },
    );
    expect(
      await githubContextFromEnv({
        ...base,
        GITHUB_REF: 'refs/heads/main',
        GITHUB_EVENT_PATH: join(dir, 'missing.json'),
      }),
    ).toMatchObject({ pullRequest: undefined, sha: 'abc' });
  });
});
