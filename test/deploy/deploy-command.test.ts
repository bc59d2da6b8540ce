// biome-ignore-all lint/suspicious/noTemplateCurlyInString: literal ${…} placeholders are what these tests are about
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { runCli } from '../helpers/run-cli.js';
import { useWorkspace } from './kubectl-stand-in.js';

const TARGET = ['--context', 'prod-cluster', '--namespace', 'ployst'];

const workspace = useWorkspace();
const { deployArgs } = workspace;

async function records(): Promise<Record<string, unknown>[]> {
  const text = await readFile(
    join(workspace.ws().root, workspace.ws().dir, 'deployments.jsonl'),
    'utf8',
  ).catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

function objects(stdin: string): Record<string, unknown>[] {
  return parseAllDocuments(stdin).flatMap((doc) =>
    Array.isArray(doc) ? [] : [doc.toJS() as Record<string, unknown>],
  );
}

describe('abe deploy with a recording kubectl', () => {
  test('a normal deploy applies static and rendered manifests in one stream, then waits for each workload', async () => {
    const run = await runCli(deployArgs(), { cwd: workspace.ws().root, env: workspace.ws().env() });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const calls = await workspace.ws().calls();
    expect(calls.map((c) => c.args)).toEqual([
      ['apply', '-f', '-', ...TARGET],
      ['rollout', 'status', 'deployment/api', '--timeout=2m', ...TARGET],
      ['rollout', 'status', 'statefulset/worker', '--timeout=2m', ...TARGET],
    ]);
    const applied = objects(calls[0]?.stdin ?? '');
    expect(
      applied.map((o) => `${String(o.kind)}/${(o.metadata as { name: string }).name}`),
    ).toEqual(['ConfigMap/settings', 'Deployment/api', 'Service/api', 'StatefulSet/worker']);
    expect(run.stdout).toContain('production: deployed 4 objects');
    expect(run.stdout).toContain('rolled out: deployment/api, statefulset/worker');
  });

  test('the applied stream carries substituted values, typed numbers, escapes and untouched static files', async () => {
    await runCli(deployArgs(), { cwd: workspace.ws().root, env: workspace.ws().env() });
    const [apply] = await workspace.ws().calls();
    const [settings, api, , worker] = objects(apply?.stdin ?? '') as [
      { data: { script: string } },
      {
        spec: {
          replicas: unknown;
          template: {
            metadata: { labels: Record<string, string> };
            spec: { containers: { image: string; env: { name: string; value: string }[] }[] };
          };
        };
      },
      unknown,
      { spec: { template: { spec: { containers: { image: string; args: string[] }[] } } } },
    ];
    const container = api.spec.template.spec.containers[0];
    expect(api.spec.replicas).toBe(2);
    expect(api.spec.template.metadata.labels.release).toBe('1.4.2');
    expect(container?.image).toBe('registry.example.com/api:1.4.2');
    expect(container?.env).toEqual([
      { name: 'GREETING', value: 'hello' },
      { name: 'PUBLIC_URL', value: 'https://ployst.example.com/' },
      { name: 'DATA_DIR', value: '${HOME}/data' },
    ]);
    expect(worker.spec.template.spec.containers[0]?.image).toBe(
      'registry.example.com/ployst-worker:1.4.2',
    );
    expect(worker.spec.template.spec.containers[0]?.args).toEqual([
      '--api-image',
      'registry.example.com/api:1.4.2',
    ]);
    expect(settings.data.script).toBe('echo ${HOME}');
  });

  test('a successful deploy appends one JSON line to the record file', async () => {
    await runCli(deployArgs('--tag', 'worker=2.0.0'), {
      cwd: workspace.ws().root,
      env: workspace.ws().env(),
    });
    await runCli(deployArgs(), { cwd: workspace.ws().root, env: workspace.ws().env() });
    const lines = await records();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      environment: 'production',
      context: 'prod-cluster',
      namespace: 'ployst',
      result: 'succeeded',
      failedStage: null,
      components: [
        { name: 'api', image: 'registry.example.com/api', tag: '1.4.2' },
        { name: 'worker', image: 'registry.example.com/ployst-worker', tag: '2.0.0' },
      ],
      rolledBack: [],
      smoke: null,
    });
    expect(Number.isNaN(Date.parse(String(lines[0]?.time)))).toBe(false);
  });

  test('DOCKER_TAG from the environment is the tag when --tag is absent', async () => {
    const run = await runCli(['deploy', '--dir', workspace.ws().dir], {
      cwd: workspace.ws().root,
      env: workspace.ws().env({ DOCKER_TAG: 'abc123' }),
    });
    expect(run.code).toBe(0);
    const [apply] = await workspace.ws().calls();
    expect(apply?.stdin).toContain('image: registry.example.com/api:abc123');
  });

  test('--diff runs kubectl diff with the same stream first and shows its output', async () => {
    const diffText = '-  replicas: 1\n+  replicas: 2\n';
    const run = await runCli(deployArgs('--diff'), {
      cwd: workspace.ws().root,
      env: workspace.ws().env({ KUBECTL_EXIT_DIFF: '1', KUBECTL_STDOUT_DIFF: diffText }),
    });
    expect(run.code).toBe(0);
    const calls = await workspace.ws().calls();
    expect(calls.map((c) => c.args.slice(0, 3))).toEqual([
      ['diff', '-f', '-'],
      ['apply', '-f', '-'],
      ['rollout', 'status', 'deployment/api'],
      ['rollout', 'status', 'statefulset/worker'],
    ]);
    expect(calls[0]?.args).toEqual(['diff', '-f', '-', ...TARGET]);
    expect(calls[0]?.stdin).toBe(calls[1]?.stdin);
    expect(run.stdout).toContain(diffText);
    expect(run.stdout).toContain('diff: changes shown above');
  });

  test('a kubectl diff that fails (exit above 1) stops before anything is applied', async () => {
    const run = await runCli(deployArgs('--diff'), {
      cwd: workspace.ws().root,
      env: workspace.ws().env({ KUBECTL_EXIT_DIFF: '2' }),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('kubectl diff failed (exit 2); nothing was applied');
    expect((await workspace.ws().calls()).map((c) => c.args[0])).toEqual(['diff']);
  });

  test('--dry-run applies with --dry-run=server and neither waits nor records', async () => {
    const run = await runCli(deployArgs('--dry-run'), {
      cwd: workspace.ws().root,
      env: workspace.ws().env(),
    });
    expect(run.code).toBe(0);
    expect((await workspace.ws().calls()).map((c) => c.args)).toEqual([
      ['apply', '--dry-run=server', '-f', '-', ...TARGET],
    ]);
    expect(run.stdout).toContain('dry run passed');
    expect(await records()).toEqual([]);
  });

  test('a failed rollout undoes every workload this deploy changed, failed one first, and exits 1', async () => {
    const run = await runCli(deployArgs(), {
      cwd: workspace.ws().root,
      env: workspace.ws().env({ KUBECTL_FAIL_ROLLOUT_STATUS: 'statefulset/worker' }),
    });
    expect(run.code).toBe(1);
    expect((await workspace.ws().calls()).map((c) => c.args)).toEqual([
      ['apply', '-f', '-', ...TARGET],
      ['rollout', 'status', 'deployment/api', '--timeout=2m', ...TARGET],
      ['rollout', 'status', 'statefulset/worker', '--timeout=2m', ...TARGET],
      ['rollout', 'undo', 'statefulset/worker', ...TARGET],
      ['rollout', 'undo', 'deployment/api', ...TARGET],
    ]);
    expect(run.stdout).toContain('deploy FAILED at rollout');
    expect(run.stdout).toContain('rollout of statefulset/worker failed');
    expect(run.stdout).toContain('rolled back: statefulset/worker, deployment/api');
    expect(await records()).toMatchObject([
      {
        result: 'failed',
        failedStage: 'rollout',
        rolledBack: ['statefulset/worker', 'deployment/api'],
      },
    ]);
  });

  test('a failed rollout leaves unchanged workloads alone and lists created ones it cannot undo', async () => {
    const run = await runCli(deployArgs(), {
      cwd: workspace.ws().root,
      env: workspace.ws().env({
        KUBECTL_STDOUT_APPLY:
          'configmap/settings unchanged\ndeployment.apps/api unchanged\nservice/api unchanged\nstatefulset.apps/worker created\n',
        KUBECTL_FAIL_ROLLOUT_STATUS: 'statefulset/worker',
      }),
    });
    expect(run.code).toBe(1);
    expect((await workspace.ws().calls()).filter((c) => c.args[1] === 'undo')).toEqual([]);
    expect(run.stdout).toContain('rolled back: nothing');
    expect(run.stdout).toContain('not rolled back: statefulset/worker: created by this deploy');
  });

  test('a failed apply is recorded as failed, waits for nothing, and undoes the workloads it did change', async () => {
    const run = await runCli(deployArgs(), {
      cwd: workspace.ws().root,
      env: workspace.ws().env({
        KUBECTL_EXIT_APPLY: '1',
        KUBECTL_STDOUT_APPLY: 'configmap/settings configured\ndeployment.apps/api configured\n',
      }),
    });
    expect(run.code).toBe(1);
    expect((await workspace.ws().calls()).map((c) => c.args.slice(0, 3))).toEqual([
      ['apply', '-f', '-'],
      ['rollout', 'undo', 'deployment/api'],
    ]);
    expect(run.stdout).toContain('deploy FAILED at apply');
    expect(await records()).toMatchObject([{ result: 'failed', failedStage: 'apply' }]);
  });

  test('a kubectl apply that fails before applying anything (an unknown context) is not recorded', async () => {
    const run = await runCli(deployArgs(), {
      cwd: workspace.ws().root,
      env: workspace.ws().env({
        KUBECTL_EXIT_APPLY: '1',
        KUBECTL_STDOUT_APPLY: '',
        KUBECTL_STDERR_APPLY: 'error: context "prod-cluster" does not exist',
      }),
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'kubectl apply failed (exit 1); nothing was applied: error: context "prod-cluster" does not exist',
    );
    expect((await workspace.ws().calls()).map((c) => c.args[0])).toEqual(['apply']);
    expect(await records()).toEqual([]);
  });

  test('a kubectl missing from PATH is an environment error (exit 2) that says how to fix it', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'abe-empty-path-'));
    try {
      const run = await runCli(deployArgs(), {
        cwd: workspace.ws().root,
        env: { PATH: empty, KUBECTL_LOG: workspace.ws().log },
      });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('cannot run kubectl: "kubectl" is not on PATH');
      expect(run.stderr).toContain('set KUBECTL');
      expect(await records()).toEqual([]);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  test('KUBECTL names the binary, and a wrong one is reported as coming from KUBECTL', async () => {
    const good = await runCli(deployArgs(), {
      cwd: workspace.ws().root,
      env: workspace
        .ws()
        .env({ PATH: process.env.PATH ?? '', KUBECTL: join(workspace.ws().bin, 'kubectl') }),
    });
    expect(good.code).toBe(0);
    const bad = await runCli(deployArgs(), {
      cwd: workspace.ws().root,
      env: workspace.ws().env({ KUBECTL: join(workspace.ws().root, 'no-such-kubectl') }),
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('(from KUBECTL) does not exist');
  });

  test('--timeout overrides the config’s rollout timeout on every wait', async () => {
    const run = await runCli(deployArgs('--timeout', '90s'), {
      cwd: workspace.ws().root,
      env: workspace.ws().env(),
    });
    expect(run.code).toBe(0);
    const waits = (await workspace.ws().calls()).filter((c) => c.args[1] === 'status');
    expect(waits.map((c) => c.args[3])).toEqual(['--timeout=90s', '--timeout=90s']);
  });

  test('--var for an undeclared variable and --tag for an unknown component are refused with a suggestion', async () => {
    const badVar = await runCli(deployArgs('--var', 'DOMIAN=x'), {
      cwd: workspace.ws().root,
      env: workspace.ws().env(),
    });
    expect(badVar.code).toBe(2);
    // The config is named as the user would type it, from the working directory.
    expect(badVar.stderr).toContain(
      `which is not declared under "variables" in ${join(workspace.ws().dir, 'abe-deploy.yaml')}.`,
    );
    expect(badVar.stderr).not.toContain(workspace.ws().root);
    expect(badVar.stderr).toContain('Did you mean "DOMAIN"?');
    const badTag = await runCli(deployArgs('--tag', 'wroker=2.0.0'), {
      cwd: workspace.ws().root,
      env: workspace.ws().env(),
    });
    expect(badTag.code).toBe(2);
    expect(badTag.stderr).toContain(
      `which is not a component in ${join(workspace.ws().dir, 'abe-deploy.yaml')}.`,
    );
    expect(badTag.stderr).not.toContain(workspace.ws().root);
    expect(badTag.stderr).toContain('Did you mean "worker"?');
    expect(await workspace.ws().calls()).toEqual([]);
  });

  test('--json prints the report on stdout and kubectl progress on stderr', async () => {
    const run = await runCli(deployArgs('--json'), {
      cwd: workspace.ws().root,
      env: workspace.ws().env(),
    });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { result: string; rollouts: unknown[] };
    expect(report.result).toBe('succeeded');
    expect(report.rollouts).toEqual([
      { target: 'deployment/api', ok: true },
      { target: 'statefulset/worker', ok: true },
    ]);
    expect(run.stderr).toContain('$ kubectl apply -f - --context prod-cluster --namespace ployst');
  });

  test('--render-only writes the rendered templates and never runs kubectl', async () => {
    const run = await runCli(deployArgs('--render-only', 'out'), {
      cwd: workspace.ws().root,
      env: workspace.ws().env(),
    });
    expect(run.code).toBe(0);
    expect(await workspace.ws().calls()).toEqual([]);
    const api = await readFile(join(workspace.ws().root, 'out', 'api.yaml'), 'utf8');
    expect(api).toContain('image: registry.example.com/api:1.4.2');
    expect(api).toContain('replicas: 2\n');
    expect(api).toContain('value: ${HOME}/data');
    expect(run.stdout).toContain('rendered 2 template files');
  });

  test('--help documents every option', async () => {
    const run = await runCli(['deploy', '--help']);
    expect(run.code).toBe(0);
    for (const option of [
      '--dir',
      '--config',
      '--tag',
      '--var',
      '--render-only',
      '--diff',
      '--dry-run',
      '--smoke',
      '--no-smoke',
      '--timeout',
      '--json',
      'Exit codes',
    ]) {
      expect(run.stdout).toContain(option);
    }
  });
});
