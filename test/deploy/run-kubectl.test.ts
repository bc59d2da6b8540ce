import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type KubectlOptions, runKubectl } from '../../src/deploy/run-kubectl.js';
import { isRunning, waitFor } from '../helpers/processes.js';

// kubectl stand-ins that start helpers of their own, as an exec credential plugin would, and
// write every pid they start to $PIDS.
let root: string;
let pids: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'abe-kubectl-'));
  pids = join(root, 'pids');
  await writeFile(pids, '');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function standIn(body: string): Promise<string> {
  const file = join(root, 'kubectl');
  await writeFile(file, `#!/bin/sh\n${body}\n`);
  await chmod(file, 0o755);
  return file;
}

async function recordedPids(): Promise<number[]> {
  const text = await readFile(pids, 'utf8');
  return text.split('\n').filter(Boolean).map(Number);
}

function options(kubectl: string, extra: Partial<KubectlOptions> = {}): KubectlOptions {
  return {
    kubectl,
    context: 'kind-dev',
    namespace: 'shop',
    env: { PATH: process.env.PATH, PIDS: pids },
    cwd: root,
    killGraceMs: 300,
    ...extra,
  };
}

describe('runKubectl', () => {
  test('an abort stops kubectl and all it started, even a helper that ignores SIGTERM, then rejects', async () => {
    const kubectl = await standIn(
      [
        'sleep 300 & echo $! >> "$PIDS"',
        `sh -c 'trap "" TERM; sleep 300' & echo $! >> "$PIDS"`,
        'echo $$ >> "$PIDS"',
        'sleep 300',
      ].join('\n'),
    );
    const controller = new AbortController();
    const call = runKubectl(
      ['rollout', 'status', 'deployment/api'],
      options(kubectl, { signal: controller.signal }),
    );
    const settled = call.catch((error: unknown) => error);
    await waitFor(async () => (await recordedPids()).length === 3);
    const started = await recordedPids();
    for (const pid of started) expect(await isRunning(pid)).toBe(true);

    controller.abort('SIGINT');
    const error = await settled;

    expect(error).toMatchObject({ code: 'deploy.kubectl' });
    expect((error as Error).message).toBe(
      'stopped: kubectl rollout status deployment/api was interrupted.',
    );
    for (const pid of started) expect(await isRunning(pid)).toBe(false);
  });

  test('what kubectl leaves running when it exits is stopped, and its result still comes back', async () => {
    // The helper inherits kubectl's stdout: left alone, it would hold the call open for 300 s.
    const kubectl = await standIn(
      ['sleep 300 & echo $! >> "$PIDS"', 'echo "deployment.apps/api configured"', 'exit 3'].join(
        '\n',
      ),
    );

    const result = await runKubectl(['apply', '-f', '-'], options(kubectl), 'kind: List\n');

    expect(result).toEqual({
      args: ['apply', '-f', '-', '--context', 'kind-dev', '--namespace', 'shop'],
      code: 3,
      stdout: 'deployment.apps/api configured\n',
      stderr: '',
      timedOut: false,
    });
    const [helper] = await recordedPids();
    expect(await isRunning(helper as number)).toBe(false);
  });

  test('a kubectl past its timeout is stopped with all it started, and its result says so', async () => {
    const kubectl = await standIn(
      [
        'sleep 300 & echo $! >> "$PIDS"',
        'echo $$ >> "$PIDS"',
        'echo "deployment.apps/api configured"',
        'sleep 300',
      ].join('\n'),
    );

    const result = await runKubectl(
      ['apply', '-f', '-'],
      options(kubectl, { timeoutMs: 300 }),
      'kind: List\n',
    );

    expect(result).toMatchObject({
      timedOut: true,
      stdout: 'deployment.apps/api configured\n',
    });
    expect(result.code).not.toBe(0);
    for (const pid of await recordedPids()) expect(await isRunning(pid)).toBe(false);
  });

  test('kubectl output holding a URL with credentials is passed on with them masked', async () => {
    const kubectl = await standIn(
      'echo \'error: Get "https://admin:hunter2@k8s.example.com/api": EOF\' >&2; exit 1',
    );
    const texts: string[] = [];

    const result = await runKubectl(
      ['apply', '-f', '-'],
      options(kubectl, {
        onEvent: (event) => {
          if (event.type === 'output') texts.push(event.text);
        },
      }),
    );

    expect(texts.join('')).toBe('error: Get "https://***@k8s.example.com/api": EOF\n');
    expect(result.stderr).not.toContain('hunter2');
  });

  test('an abort before the call starts nothing', async () => {
    const kubectl = await standIn('echo $$ >> "$PIDS"');
    const controller = new AbortController();
    controller.abort('SIGTERM');

    await expect(
      runKubectl(['apply', '-f', '-'], options(kubectl, { signal: controller.signal })),
    ).rejects.toMatchObject({ code: 'deploy.kubectl' });
    expect(await recordedPids()).toEqual([]);
  });
});
