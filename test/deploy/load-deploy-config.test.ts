import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { AbeError } from '../../src/core/abe-error.js';
import { deploy } from '../../src/deploy/deploy.js';
import { loadDeployConfig } from '../../src/deploy/load-deploy-config.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'abe-deploy-config-'));
  await mkdir(join(root, 'templates'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function load(yaml: string) {
  await writeFile(join(root, 'abe-deploy.yaml'), yaml);
  return loadDeployConfig('.', { cwd: root });
}

async function loadError(yaml: string): Promise<AbeError> {
  const error = await load(yaml).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AbeError);
  return error as AbeError;
}

describe('loadDeployConfig', () => {
  test('reads a minimal config with its defaults', async () => {
    const config = await load('context: kind-dev\nnamespace: dev\n');
    expect(config).toMatchObject({
      context: 'kind-dev',
      namespace: 'dev',
      environment: root.split('/').at(-1),
      templatesDir: join(root, 'templates'),
      staticDir: undefined,
      rolloutTimeout: '5m',
      kubectlTimeout: '2m',
      record: join(root, 'deployments.jsonl'),
      components: [],
      smoke: undefined,
    });
  });

  test('a misspelt top-level key is an error with its line and a suggestion', async () => {
    const error = await loadError('context: c\nnamepsace: dev\n');
    expect(error.code).toBe('deploy.config');
    expect(error.message).toContain(
      'abe-deploy.yaml:2: unknown key "namepsace". Did you mean "namespace"?',
    );
  });

  test('misspelt keys inside a component and the smoke section are reported together', async () => {
    const error = await loadError(
      'context: c\nnamespace: n\ncomponents:\n  api:\n    tempaltes: [api.yaml]\nsmoke:\n  contracts: [c]\n  metods: [GET]\n',
    );
    expect(error.message).toContain('2 problems in the deploy config');
    expect(error.message).toContain(
      'abe-deploy.yaml:5: unknown key "components.api.tempaltes". Did you mean "templates"?',
    );
    expect(error.message).toContain(
      'abe-deploy.yaml:8: unknown key "smoke.metods". Did you mean "methods"?',
    );
  });

  test('an unknown key near no known one is ignored with a warning; with strict it is an error', async () => {
    const config = await load('context: c\nnamespace: n\nowner: team-a\n');
    expect(config.warnings).toEqual([
      'abe-deploy.yaml:3: unknown key "owner", ignored (--strict makes it an error). Known keys: ' +
        'environment, context, namespace, templates, static, registry, rollout_timeout, kubectl_timeout, record, variables, components, smoke.',
    ]);
    await writeFile(join(root, 'abe-deploy.yaml'), 'context: c\nnamespace: n\nowner: team-a\n');
    const strict = await loadDeployConfig('.', { cwd: root, strict: true }).catch(
      (e: unknown) => e,
    );
    expect(strict).toBeInstanceOf(AbeError);
    expect((strict as AbeError).message).toContain('abe-deploy.yaml:3: unknown key "owner".');
  });

  test('template_args must name declared variables', async () => {
    const error = await loadError(
      'context: c\nnamespace: n\nvariables:\n  DOMAIN: x\ncomponents:\n  api:\n    template_args: [DOMIAN]\n',
    );
    expect(error.message).toContain(
      'abe-deploy.yaml:7: "components.api.template_args" lists "DOMIAN", which is not under "variables". Did you mean "DOMAIN"?',
    );
  });

  test('context and namespace are required, so kubectl never falls back to the current context', async () => {
    const error = await loadError('environment: prod\n');
    expect(error.message).toContain('"context" is required');
    expect(error.message).toContain('"namespace" is required');
  });

  test('a rollout timeout without units and a variable redefining DOCKER_TAG are refused', async () => {
    const error = await loadError(
      'context: c\nnamespace: n\nrollout_timeout: 300\nvariables:\n  DOCKER_TAG: x\n',
    );
    expect(error.message).toContain('abe-deploy.yaml:3: "rollout_timeout" must be a duration');
    expect(error.message).toContain('abe-deploy.yaml:5: variable "DOCKER_TAG" is built in');
  });

  test('time limits of zero are refused, since to kubectl zero means waiting for ever', async () => {
    const error = await loadError(
      'context: c\nnamespace: n\nkubectl_timeout: 0s\nsmoke:\n  contracts: [c]\n  timeout: 30\n',
    );
    expect(error.message).toContain(
      'abe-deploy.yaml:3: "kubectl_timeout" must be a duration above zero',
    );
    expect(error.message).toContain(
      'abe-deploy.yaml:6: "smoke.timeout" must be a duration above zero',
    );
  });

  test('the smoke timeout defaults to 30s and can be set', async () => {
    await mkdir(join(root, 'c'));
    expect(
      (await load('context: c\nnamespace: n\nsmoke:\n  contracts: [c]\n')).smoke?.timeout,
    ).toBe('30s');
    expect(
      (await load('context: c\nnamespace: n\nsmoke:\n  contracts: [c]\n  timeout: 5s\n')).smoke
        ?.timeout,
    ).toBe('5s');
  });

  test('a templates directory that does not exist is named from the working directory', async () => {
    await mkdir(join(root, 'production'));
    await writeFile(
      join(root, 'production', 'abe-deploy.yaml'),
      'context: c\nnamespace: n\ntemplates: manifests\n',
    );
    const error = await loadDeployConfig('production', { cwd: root }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'deploy.config', file: 'production/abe-deploy.yaml' });
    expect((error as Error).message).toContain(
      '"templates" names "manifests", which is not a directory under production.',
    );
    expect((error as Error).message).not.toContain(root);
  });

  test('the config is named relative to the working directory inside it, absolute outside it', async () => {
    const inside = await load('context: c\nnamespace: n\n');
    expect(inside.shownFile).toBe('abe-deploy.yaml');
    const outside = await loadDeployConfig(root, { cwd: join(root, 'templates') });
    expect(outside.shownFile).toBe(join(root, 'abe-deploy.yaml'));
  });

  test('a missing config file says which directory was searched and how to fix it', async () => {
    const error = await loadDeployConfig('nowhere', { cwd: root }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'deploy.config' });
    expect((error as Error).message).toContain(
      'cannot read the deploy config "nowhere/abe-deploy.yaml"',
    );
    expect((error as Error).message).toContain('Pass --dir');
  });

  test('a template file no component claims stops the deploy before kubectl', async () => {
    await writeFile(
      join(root, 'abe-deploy.yaml'),
      'context: c\nnamespace: n\ncomponents:\n  api: {}\n',
    );
    await writeFile(join(root, 'templates', 'stray.yaml'), 'kind: ConfigMap\n');
    const error = await deploy({ cwd: root, env: {} }).catch((e: unknown) => e);
    // The config is named from the working directory, as in every other message.
    expect(error).toMatchObject({ code: 'deploy.config', file: 'abe-deploy.yaml' });
    expect((error as Error).message).toContain('template "stray.yaml" belongs to no component');
  });
});
