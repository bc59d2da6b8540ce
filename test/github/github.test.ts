import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { createCommitStatusReporter } from '../../src/github/commit-status-reporter.js';
import { createGithubClient } from '../../src/github/github-client.js';
import { githubContextFromEnv } from '../../src/github/github-context.js';
import { publishRun } from '../../src/github/publish-run.js';
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

/** An answer, or `'hang'` for a server that takes the request and never answers. */
type Handler = (request: Received) => { status: number; body?: unknown } | 'hang';

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
      if (answer === 'hang') return;
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // A request left hanging would keep close() waiting for ever.
        server.closeAllConnections();
      }),
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
      if (request.method === 'GET' && first) {
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
        env: actionsEnv(github.url, event, { GITHUB_RUN_ID: '99' }),
      },
    );

    expect(code).toBe(1);
    const labelsPath = '/repos/acme/shop/issues/7/labels';
    // Labels and statuses go out side by side: the builds wait for neither.
    const labelRequests = github.received.filter((r) => r.url.startsWith(labelsPath));
    expect(labelRequests.map((r) => [r.method, r.url, r.body])).toEqual([
      ['GET', `${labelsPath}?per_page=100&page=1`, undefined],
      ['GET', `${labelsPath}?per_page=100&page=1`, undefined],
      ['POST', labelsPath, { labels: ['component:web'] }],
      ['DELETE', `${labelsPath}/component%3Amailer`, undefined],
    ]);
    const statuses = github.received.filter((r) => !r.url.startsWith(labelsPath));
    expect(statuses).toHaveLength(github.received.length - 4);
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

/** A repository on a feature branch whose change affects api and web; every step touches `<component>/<step>.done`. */
async function changedRepo(): Promise<{ repo: GitRepo; event: string; headSha: string }> {
  const steps = (name: string) =>
    makefile({ build: [`@touch build.done; echo ${name} built`], test: ['@touch test.done'] });
  const repo = await makeRepo({
    'builder.ini': INI,
    'api/Makefile': steps('api'),
    'web/Makefile': steps('web'),
    'mailer/Makefile': steps('mailer'),
  });
  cleanups.push(repo.cleanup);
  await repo.write({ 'api/src/app.ts': 'export const app = 2;\n' });
  repo.commit('change the api');
  const headSha = repo.git('rev-parse', 'HEAD').trim();
  const event = join(repo.dir, '.abe-event.json');
  await writeFile(event, JSON.stringify({ pull_request: { number: 7, head: { sha: headSha } } }));
  return { repo, event, headSha };
}

function actionsEnv(
  url: string,
  event: string,
  extra: Record<string, string> = {},
): Record<string, string | undefined> {
  return {
    PATH: process.env.PATH,
    GITHUB_TOKEN: TOKEN,
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_SHA: 'f'.repeat(40),
    GITHUB_REF: 'refs/pull/7/merge',
    GITHUB_EVENT_PATH: event,
    GITHUB_API_URL: url,
    ...extra,
  };
}

async function stepsRan(repo: GitRepo, components: readonly string[]): Promise<boolean> {
  for (const component of components) {
    for (const step of ['build', 'test']) {
      const done = await stat(join(repo.dir, component, `${step}.done`)).catch(() => undefined);
      if (done === undefined) return false;
    }
  }
  return true;
}

describe('GitHub never holds up the run', () => {
  test('a GitHub API that never answers neither delays the builds nor keeps the run from returning', {
    timeout: 60_000,
  }, async () => {
    const { repo, event } = await changedRepo();
    const github = await fakeGithub(() => 'hang');
    cleanups.push(github.close);

    // Per-request timeout left at its default (10 s): the end-of-run wait alone bounds the run.
    const { code, stdout, stderr } = await runCli(['check', '-j', '1'], {
      cwd: repo.dir,
      env: actionsEnv(github.url, event, { ABE_GITHUB_WAIT: '1' }),
    });

    expect(code).toBe(0);
    expect(await stepsRan(repo, ['api', 'web'])).toBe(true);
    expect(stdout).toContain('4 steps: 4 passed');
    expect(github.received.some((r) => r.url.includes('/issues/7/labels'))).toBe(true);
    expect(stderr).toContain(
      'abe: warning: could not update the pull request labels: GitHub did not answer within 1 s of the end of the run (ABE_GITHUB_WAIT)',
    );
    expect(stderr).toMatch(/commit statuses were not posted: GitHub did not answer within 1 s/);
    expect(stdout + stderr).not.toContain(TOKEN);
  });

  test('a label list that pages for ever is read up to 10 pages, with a warning, and the builds run', {
    timeout: 60_000,
  }, async () => {
    const { repo, event } = await changedRepo();
    const github = await fakeGithub((request) => {
      if (request.method === 'GET') {
        const page = new URL(request.url, 'http://x').searchParams.get('page');
        return {
          status: 200,
          body: Array.from({ length: 100 }, (_, i) => ({ name: `other-${page}-${i}` })),
        };
      }
      return { status: 201, body: {} };
    });
    cleanups.push(github.close);

    const { code, stdout, stderr } = await runCli(['check', '-j', '1'], {
      cwd: repo.dir,
      env: actionsEnv(github.url, event),
    });

    expect(code).toBe(0);
    expect(await stepsRan(repo, ['api', 'web'])).toBe(true);
    const pages = github.received.filter((r) => r.method === 'GET').map((r) => r.url);
    expect(pages).toHaveLength(10);
    expect(pages.at(-1)).toBe('/repos/acme/shop/issues/7/labels?per_page=100&page=10');
    expect(stderr).toContain(
      'abe: warning: read only 10 pages of the labels of pull request #7: GitHub kept sending full pages of 100',
    );
    expect(stdout).toContain('Pull request #7 labels: +component:api +component:web');
  });

  test('aborting the signal ends every GitHub request at once', { timeout: 60_000 }, async () => {
    const { event } = await changedRepo();
    const github = await fakeGithub(() => 'hang');
    cleanups.push(github.close);
    const controller = new AbortController();
    let human = '';

    // Defaults everywhere: without the signal, finish() would wait ABE_GITHUB_WAIT (15 s).
    const publication = await publishRun({
      env: actionsEnv(github.url, event),
      affected: {
        base: null,
        head: null,
        changedFiles: [],
        components: [{ name: 'api', path: 'api', reasons: [] }],
        unownedFiles: [],
      },
      steps: ['build', 'test'],
      changeBased: true,
      human: { write: (text: string) => (human += text) },
      signal: controller.signal,
    });
    controller.abort('SIGINT');
    const warnings = await publication.finish();

    expect(warnings).toEqual([
      'could not update the pull request labels: the run was cancelled',
      '2 commit statuses were not posted: the run was cancelled.',
    ]);
    expect(human).toBe('');
  });
});

describe('GitHub API client', () => {
  test('an answer whose body never ends times out like one that never starts', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('[');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(
      () =>
        new Promise((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    );
    const { port } = server.address() as AddressInfo;
    const client = createGithubClient({
      apiUrl: `http://127.0.0.1:${port}`,
      token: TOKEN,
      retries: 1,
      retryDelayMs: 5,
      timeoutMs: 200,
    });

    await expect(client.request('GET', '/repos/acme/shop/labels')).rejects.toThrow(
      'GitHub API GET /repos/acme/shop/labels did not answer within 0.2 s',
    );
  });

  test('a token across the 300-character cut of an error message is redacted, not cut', async () => {
    const github = await fakeGithub(() => ({
      status: 422,
      body: { message: `${'x'.repeat(290)}${TOKEN} was rejected` },
    }));
    cleanups.push(github.close);
    const client = createGithubClient({ apiUrl: github.url, token: TOKEN });

    const error = await client.request('POST', '/repos/acme/shop/statuses/abc', {}).catch((e) => e);

    expect(error).toBeInstanceOf(Error);
    // Redacted first, then cut to 300 characters: the cut falls after the mask.
    expect((error as Error).message).toBe(
      `GitHub API POST /repos/acme/shop/statuses/abc answered 422: ${'x'.repeat(290)}*** was re`,
    );
    expect((error as Error).message).not.toContain(TOKEN.slice(0, 4));
  });

  test('a server message cannot start a line of the warning it becomes', async () => {
    const github = await fakeGithub(() => ({
      status: 400,
      body: { message: 'bad\n::error file=README.md,line=1::forged' },
    }));
    cleanups.push(github.close);
    const client = createGithubClient({ apiUrl: github.url, token: TOKEN });

    const error = (await client.request('GET', '/x').catch((e) => e)) as Error;

    expect(error.message).toBe(
      'GitHub API GET /x answered 400: bad\\n::error file=README.md,line=1::forged',
    );
  });
});
