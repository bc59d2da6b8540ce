import { once } from 'node:events';
import { appendFile, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { deploy } from '../../src/deploy/deploy.js';
import { isRunning } from '../helpers/processes.js';
import { runCli } from '../helpers/run-cli.js';
import { type DeployWorkspace, makeWorkspace } from './kubectl-stand-in.js';

// A kubectl that hangs (an API server that never answers, an exec credential plugin waiting for a
// login) and a service that never answers its smoke requests: the deploy must end on its own
// limits, and at once on Ctrl-C.

let ws: DeployWorkspace;
let server: Server;
let baseUrl: string;
let onRequest: () => void;
const requests: string[] = [];

beforeEach(async () => {
  ws = await makeWorkspace();
  requests.length = 0;
  onRequest = () => {};
  // Takes every request and never answers.
  server = createServer((request) => {
    requests.push(`${request.method} ${request.url}`);
    onRequest();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  server.closeAllConnections();
  server.close();
  await once(server, 'close');
  await ws.cleanup();
});

function deployArgs(...extra: string[]): string[] {
  return ['deploy', '--dir', ws.dir, '--tag', '1.4.2', ...extra];
}

async function addToConfig(text: string): Promise<void> {
  await appendFile(join(ws.root, ws.dir, 'abe-deploy.yaml'), text);
}

async function recordText(): Promise<string> {
  return readFile(join(ws.root, ws.dir, 'deployments.jsonl'), 'utf8').catch(() => '');
}

async function hungPids(): Promise<number[]> {
  const text = await readFile(ws.pids, 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean).map(Number);
}

describe('kubectl timeouts', () => {
  test('a kubectl apply that hangs past kubectl_timeout is stopped, and what it had applied is rolled back', async () => {
    await addToConfig('kubectl_timeout: 500ms\n');
    const run = await runCli(deployArgs(), {
      cwd: ws.root,
      env: ws.env({
        KUBECTL_STDOUT_APPLY: 'configmap/settings configured\ndeployment.apps/api configured',
        KUBECTL_SLEEP_APPLY: '60',
      }),
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('deploy FAILED at apply');
    expect(run.stdout).toContain(
      'kubectl apply did not finish within 500ms (kubectl_timeout) and was stopped',
    );
    expect((await ws.calls()).map((c) => c.args.slice(0, 3))).toEqual([
      ['apply', '-f', '-'],
      ['rollout', 'undo', 'deployment/api'],
    ]);
    const [hung] = await hungPids();
    expect(hung).toBeDefined();
    expect(await isRunning(hung as number)).toBe(false);
    expect(JSON.parse(await recordText())).toMatchObject({
      result: 'failed',
      failedStage: 'apply',
      rolledBack: ['deployment/api'],
    });
  });

  test('a kubectl rollout status that hangs past its --timeout and kubectl_timeout is stopped and rolled back', async () => {
    await addToConfig('kubectl_timeout: 300ms\n');
    const run = await runCli(deployArgs('--timeout', '200ms'), {
      cwd: ws.root,
      env: ws.env({ KUBECTL_SLEEP_ROLLOUT_STATUS: '60' }),
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('deploy FAILED at rollout');
    expect(run.stdout).toContain(
      'kubectl rollout status deployment/api did not finish within 500ms (the rollout timeout 200ms + kubectl_timeout 300ms) and was stopped',
    );
    expect((await ws.calls()).map((c) => c.args.slice(0, 3))).toEqual([
      ['apply', '-f', '-'],
      ['rollout', 'status', 'deployment/api'],
      ['rollout', 'undo', 'deployment/api'],
      ['rollout', 'undo', 'statefulset/worker'],
    ]);
    for (const pid of await hungPids()) expect(await isRunning(pid)).toBe(false);
  });

  test('deploy()’s kubectlTimeout option (--kubectl-timeout) overrides kubectl_timeout', async () => {
    const report = await deploy({
      dir: ws.dir,
      cwd: ws.root,
      env: ws.env({ KUBECTL_SLEEP_APPLY: '60' }),
      tag: '1.4.2',
      kubectlTimeout: '300ms',
    });
    expect(report).toMatchObject({
      result: 'failed',
      failedStage: 'apply',
      failure: 'kubectl apply did not finish within 300ms (--kubectl-timeout) and was stopped',
    });
  });

  test('a kubectl diff that hangs past kubectl_timeout stops the deploy before anything is applied', async () => {
    await addToConfig('kubectl_timeout: 300ms\n');
    const run = await runCli(deployArgs('--diff'), {
      cwd: ws.root,
      env: ws.env({ KUBECTL_SLEEP_DIFF: '60' }),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'kubectl diff did not finish within 300ms (kubectl_timeout) and was stopped; nothing was applied',
    );
    expect((await ws.calls()).map((c) => c.args[0])).toEqual(['diff']);
    expect(await recordText()).toBe('');
  });
});

describe('smoke-test timeouts and Ctrl-C', () => {
  test('a service that never answers fails its smoke example after smoke.timeout, and the deploy rolls back', async () => {
    await addToConfig('  timeout: 300ms\n');
    const run = await runCli(deployArgs('--smoke', baseUrl), { cwd: ws.root, env: ws.env() });
    expect(run.code).toBe(1);
    expect(requests).toEqual(['GET /health']);
    expect(run.stdout).toContain('deploy FAILED at smoke');
    expect(run.stdout).toContain('✗ contracts/health.json "OK": GET /health');
    expect(run.stdout).toContain(
      'no response within 300ms (smoke.timeout). If the service is only slow, raise smoke.timeout.',
    );
    expect((await ws.calls()).filter((c) => c.args[1] === 'undo').map((c) => c.args[2])).toEqual([
      'statefulset/worker',
      'deployment/api',
    ]);
    expect(JSON.parse(await recordText())).toMatchObject({
      result: 'failed',
      failedStage: 'smoke',
      smoke: { passed: 0, failed: 1 },
    });
  });

  test('Ctrl-C during the smoke test stops it at once; nothing is rolled back or recorded', async () => {
    await addToConfig('  timeout: 10m\n');
    const controller = new AbortController();
    onRequest = () => controller.abort('SIGINT');
    const run = await runCli(deployArgs('--smoke', baseUrl), {
      cwd: ws.root,
      env: ws.env(),
      signal: controller.signal,
    });
    expect(requests).toEqual(['GET /health']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`stopped: the smoke test against ${baseUrl} was interrupted.`);
    expect((await ws.calls()).filter((c) => c.args[1] === 'undo')).toEqual([]);
    expect(await recordText()).toBe('');
  });

  test('Ctrl-C during a hanging kubectl apply stops it; nothing is rolled back or recorded', async () => {
    const controller = new AbortController();
    const run = runCli(deployArgs(), {
      cwd: ws.root,
      env: ws.env({ KUBECTL_SLEEP_APPLY: '60' }),
      signal: controller.signal,
    });
    while ((await hungPids()).length === 0) await new Promise((r) => setTimeout(r, 20));
    controller.abort('SIGTERM');
    const { code, stderr } = await run;
    expect(code).toBe(1);
    expect(stderr).toContain('stopped: kubectl apply -f - was interrupted.');
    expect((await ws.calls()).map((c) => c.args[0])).toEqual(['apply']);
    for (const pid of await hungPids()) expect(await isRunning(pid)).toBe(false);
    expect(await recordText()).toBe('');
  });
});
