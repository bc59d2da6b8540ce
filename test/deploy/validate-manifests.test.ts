import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { renderManifests } from '../../src/deploy/render-manifests.js';
import { validateManifests } from '../../src/deploy/validate-manifests.js';
import { runCli } from '../helpers/run-cli.js';
import { type DeployWorkspace, makeWorkspace, useFixture } from './kubectl-stand-in.js';

function manifestsOf(text: string, file = 'm.yaml') {
  const { manifests, problems } = renderManifests(text, {
    file,
    relativePath: file,
    source: 'static',
  });
  expect(problems).toEqual([]);
  return manifests;
}

describe('abe deploy refuses invalid manifests', () => {
  let ws: DeployWorkspace;
  beforeEach(async () => {
    ws = await makeWorkspace();
  });
  afterEach(async () => {
    await ws.cleanup();
  });

  async function deployWith(fixture: string) {
    await useFixture(ws, fixture, 'templates/api.yaml');
    return runCli(['deploy', '--dir', ws.dir, '--tag', '1.4.2'], { cwd: ws.root, env: ws.env() });
  }

  test('a Deployment whose selector does not match its pod labels is listed, and nothing is applied', async () => {
    const run = await deployWith('broken/selector-mismatch.yaml');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('1 problem in the manifests; nothing was applied');
    expect(run.stderr).toContain(
      'operations/production/templates/api.yaml:10: document 1, spec.selector.matchLabels.app: spec.selector.matchLabels asks for app="api" but the pod template has app="web".',
    );
    expect(await ws.calls()).toEqual([]);
  });

  test('wrong field types in two documents are all listed with file, line, document and path', async () => {
    const run = await deployWith('broken/wrong-types.yaml');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('2 problems in the manifests; nothing was applied');
    expect(run.stderr).toContain(
      'operations/production/templates/api.yaml:7: document 1, spec.replicas: must be integer.',
    );
    expect(run.stderr).toContain(
      'operations/production/templates/api.yaml:29: document 2, spec.containers[0].ports[0].containerPort: must be integer.',
    );
    expect(await ws.calls()).toEqual([]);
  });

  test('a misspelt kind of a built-in API group is an error with a suggestion', async () => {
    const run = await deployWith('broken/unknown-kind.yaml');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'kind "Deploymnet" does not exist in apps/v1. Did you mean "Deployment"?',
    );
    expect(await ws.calls()).toEqual([]);
  });

  test('a custom resource is applied with a note that only its identity was checked', async () => {
    const run = await deployWith('broken/custom-resource.yaml');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'note: operations/production/templates/api.yaml (document 1): Certificate (cert-manager.io/v1) is not a built-in Kubernetes kind',
    );
    const [apply] = await ws.calls();
    expect(apply?.stdin).toContain('- ployst.example.com');
  });
});

describe('validateManifests', () => {
  test('a valid Deployment and Service have no problems', async () => {
    const result = await validateManifests(
      manifestsOf(
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec:\n  selector: {matchLabels: {app: a}}\n  template:\n    metadata: {labels: {app: a, tier: web}}\n    spec: {containers: [{name: a, image: nginx}]}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec: {selector: {app: a}, ports: [{port: 80}]}\n',
      ),
    );
    expect(result).toEqual({ problems: [], notes: [] });
  });

  test('matchExpressions are evaluated against the pod template labels', async () => {
    const { problems } = await validateManifests(
      manifestsOf(
        'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: a}\nspec:\n  selector:\n    matchExpressions: [{key: tier, operator: In, values: [web]}]\n  template:\n    metadata: {labels: {tier: db}}\n    spec: {containers: [{name: a, image: nginx}]}\n',
      ),
    );
    expect(problems.map((p) => p.pointer)).toEqual(['/spec/selector/matchExpressions/0']);
  });

  test('an object in another namespace than the deploy targets is a problem', async () => {
    const { problems } = await validateManifests(
      manifestsOf('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: staging}\n'),
      { namespace: 'production' },
    );
    expect(problems).toMatchObject([{ pointer: '/metadata/namespace', line: 3 }]);
  });

  test('the same object defined twice is a problem naming both places', async () => {
    const first = manifestsOf('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n', 'one.yaml');
    const second = manifestsOf(
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n',
      'two.yaml',
    );
    const { problems } = await validateManifests([...first, ...second]);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.file).toBe('two.yaml');
    expect(problems[0]?.message).toContain('also defined in one.yaml (document 1)');
  });

  test('a document without apiVersion, kind or name lists each missing field', async () => {
    const { problems } = await validateManifests(manifestsOf('metadata: {}\n'));
    expect(problems.map((p) => p.pointer)).toEqual(['/apiVersion', '/kind', '/metadata/name']);
  });

  test('an apiVersion a built-in group does not serve suggests the one it does', async () => {
    const { problems } = await validateManifests(
      manifestsOf('apiVersion: apps/v2\nkind: Deployment\nmetadata: {name: a}\n'),
    );
    expect(problems[0]?.message).toContain('Did you mean "apps/v1"?');
  });
});
