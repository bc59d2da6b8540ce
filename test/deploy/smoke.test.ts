import { once } from 'node:events';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { type DeployWorkspace, makeWorkspace } from './kubectl-stand-in.js';

let ws: DeployWorkspace;
let server: Server;
let baseUrl: string;
let health: { status: string };
const requests: string[] = [];

beforeEach(async () => {
  ws = await makeWorkspace();
  health = { status: 'ok' };
  requests.length = 0;
  server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    if (request.url === '/health') {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(health));
    } else {
      response.writeHead(404).end();
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  server.close();
  await once(server, 'close');
  await ws.cleanup();
});

async function lastRecord(): Promise<Record<string, unknown>> {
  const lines = (await readFile(join(ws.root, ws.dir, 'deployments.jsonl'), 'utf8'))
    .trim()
    .split('\n');
  return JSON.parse(lines.at(-1) ?? '{}') as Record<string, unknown>;
}

describe('smoke test after the rollout', () => {
  test('a service that holds its contract passes, and only safe examples are sent', async () => {
    const run = await runCli(['deploy', '--dir', ws.dir, '--tag', '1.4.2', '--smoke', baseUrl], {
      cwd: ws.root,
      env: ws.env(),
    });
    expect(run.stdout).toContain(`smoke test against ${baseUrl}: 1 passed, 0 failed, 1 skipped`);
    expect(run.code).toBe(0);
    expect(requests).toEqual(['GET /health']);
    expect((await ws.calls()).filter((c) => c.args[1] === 'undo')).toEqual([]);
    expect(await lastRecord()).toMatchObject({
      result: 'succeeded',
      smoke: { baseUrl, passed: 1, failed: 0, skipped: 1 },
    });
  });

  test('a service that breaks its contract fails the deploy and, as configured, rolls back', async () => {
    health = { status: 'degraded' };
    await appendFile(join(ws.root, ws.dir, 'abe-deploy.yaml'), `  base_url: ${baseUrl}\n`);
    const run = await runCli(['deploy', '--dir', ws.dir, '--tag', '1.4.2'], {
      cwd: ws.root,
      env: ws.env(),
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('deploy FAILED at smoke');
    expect(run.stdout).toContain('✗ contracts/health.json "OK": GET /health');
    expect(run.stdout).toContain('/body/status');
    expect((await ws.calls()).filter((c) => c.args[1] === 'undo').map((c) => c.args[2])).toEqual([
      'statefulset/worker',
      'deployment/api',
    ]);
    expect(await lastRecord()).toMatchObject({
      result: 'failed',
      failedStage: 'smoke',
      rolledBack: ['statefulset/worker', 'deployment/api'],
      smoke: { passed: 0, failed: 1 },
    });
  });

  test('--no-smoke skips a smoke test the config asks for', async () => {
    health = { status: 'degraded' };
    await appendFile(join(ws.root, ws.dir, 'abe-deploy.yaml'), `  base_url: ${baseUrl}\n`);
    const run = await runCli(['deploy', '--dir', ws.dir, '--tag', '1.4.2', '--no-smoke'], {
      cwd: ws.root,
      env: ws.env(),
    });
    expect(run.code).toBe(0);
    expect(requests).toEqual([]);
  });

  test('smoke settings with no safe example fail before anything is applied', async () => {
    const config = join(ws.root, ws.dir, 'abe-deploy.yaml');
    await writeFile(config, (await readFile(config, 'utf8')).replace('[GET]', '[DELETE]'));
    const run = await runCli(['deploy', '--dir', ws.dir, '--tag', '1.4.2', '--smoke', baseUrl], {
      cwd: ws.root,
      env: ws.env(),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'uses a safe method (DELETE), so the smoke test would prove nothing',
    );
    expect(await ws.calls()).toEqual([]);
  });
});
