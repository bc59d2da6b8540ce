import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { useWorkspace } from './kubectl-stand-in.js';

const workspace = useWorkspace();
const { deployArgs } = workspace;

async function recordText(): Promise<string> {
  return readFile(join(workspace.ws().root, workspace.ws().dir, 'deployments.jsonl'), 'utf8').catch(
    () => '',
  );
}

describe('credentials never reach the record or the output', () => {
  test('a smoke.base_url with user:password@ is refused before anything is applied, without the password', async () => {
    await appendFile(
      join(workspace.ws().root, workspace.ws().dir, 'abe-deploy.yaml'),
      '  base_url: https://deployer:s3cret-pw@ployst.example.com/\n',
    );
    const run = await runCli(deployArgs(), { cwd: workspace.ws().root, env: workspace.ws().env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'abe-deploy.yaml:23: "smoke.base_url" holds credentials (https://***@ployst.example.com/)',
    );
    expect(`${run.stdout}${run.stderr}`).not.toContain('s3cret-pw');
    expect(`${run.stdout}${run.stderr}`).not.toContain('deployer');
    expect(await workspace.ws().calls()).toEqual([]);
    expect(await recordText()).toBe('');
  });

  test('a --smoke URL with user:password@ is refused before anything is applied, without the password', async () => {
    const run = await runCli(deployArgs('--smoke', 'http://deployer:s3cret-pw@127.0.0.1:9/'), {
      cwd: workspace.ws().root,
      env: workspace.ws().env(),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'the smoke-test base URL http://***@127.0.0.1:9/ holds credentials',
    );
    expect(`${run.stdout}${run.stderr}`).not.toContain('s3cret-pw');
    expect(await workspace.ws().calls()).toEqual([]);
    expect(await recordText()).toBe('');
  });

  test('a URL with credentials in kubectl’s output is masked in the output and in the record', async () => {
    const run = await runCli(deployArgs(), {
      cwd: workspace.ws().root,
      env: workspace.ws().env({
        KUBECTL_EXIT_APPLY: '1',
        KUBECTL_STDOUT_APPLY: 'configmap/settings configured\ndeployment.apps/api configured',
        KUBECTL_STDERR_APPLY:
          'error: Get "https://admin:hunter2@k8s.example.com/apis/apps/v1": unexpected EOF',
      }),
    });
    expect(run.code).toBe(1);
    const record = await recordText();
    for (const text of [run.stdout, run.stderr, record]) expect(text).not.toContain('hunter2');
    expect(JSON.parse(record)).toMatchObject({
      failedStage: 'apply',
      failure:
        'kubectl apply failed (exit 1): error: Get "https://***@k8s.example.com/apis/apps/v1": unexpected EOF',
    });
  });
});
