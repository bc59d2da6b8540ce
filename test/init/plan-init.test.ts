import { symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { AbeError } from '../../src/core/abe-error.js';
import { planInit } from '../../src/init/plan-init.js';
import type { InitPlan } from '../../src/init/types.js';
import { makeTree, packageJson } from './temp-tree.js';

const actions = (plan: InitPlan) => plan.files.map((file) => `${file.action} ${file.path}`);
const fileText = (plan: InitPlan, path: string) =>
  plan.files.find((file) => file.path === path)?.contents ?? '';

/** A JavaScript monorepo: npm workspaces, an Express api, a web app on a shared ui package. */
const MONOREPO = {
  'package.json': packageJson({
    private: true,
    workspaces: ['packages/*'],
    devDependencies: { 'abe-ts': '^0.1.0' },
  }),
  'package-lock.json': '{}\n',
  'tsconfig.base.json': '{}\n',
  'packages/api/package.json': packageJson({ name: '@shop/api', dependencies: { express: '5' } }),
  'packages/ui/package.json': packageJson({ name: '@shop/ui' }),
  'packages/web/package.json': packageJson({
    name: '@shop/web',
    dependencies: { '@shop/ui': '*', react: '19' },
  }),
  'packages/web/dist/package.json': packageJson({ name: 'built' }),
  'node_modules/express/package.json': packageJson({ name: 'express' }),
};

/** A Node service, a Python service, a Go service and a directory with only a Makefile. */
const POLYGLOT = {
  'services/api/package.json': packageJson({ name: 'api', dependencies: { fastify: '5' } }),
  'services/worker/pyproject.toml': '[project]\nname = "worker"\ndependencies = ["celery"]\n',
  'services/billing/go.mod': 'module example.com/billing\n\ngo 1.22\n',
  'tools/Makefile': 'lint:\n\tshellcheck *.sh\n',
};

describe('planInit', () => {
  test('a JavaScript monorepo: one component per package, the root as workspace, upstream from package.json', async () => {
    const root = await makeTree(MONOREPO);
    const plan = await planInit(root);
    expect(plan.components.map((c) => [c.name, c.path, c.upstream])).toEqual([
      ['api', 'packages/api', []],
      ['ui', 'packages/ui', []],
      ['web', 'packages/web', ['ui']],
    ]);
    expect(plan.provider).toEqual({
      component: 'api',
      reason: { kind: 'framework', framework: 'express' },
    });
    expect(actions(plan)).toEqual([
      'create builder.ini',
      'create packages/api/contracts/example/get.json',
      'create packages/api/Makefile',
      'create packages/ui/Makefile',
      'create packages/web/Makefile',
      'create .github/workflows/abe.yml',
    ]);
    const ini = fileText(plan, 'builder.ini');
    expect(ini).toContain('global-files = package.json, tsconfig.base.json');
    expect(ini).toContain('[web]\npath = packages/web\nupstream = ui');
    expect(ini).toContain('[api]\npath = packages/api\ncontracts = contracts/**/*.json\n');
    expect(plan.notes.map((note) => note.code)).toEqual(['workspace-root']);
    expect(plan.abeInstalled).toBe(true);
  });

  test('a polyglot repository: each Makefile calls its own tooling; a Makefile-only directory keeps its own', async () => {
    const root = await makeTree(POLYGLOT);
    const plan = await planInit(root);
    expect(plan.components.map((c) => [c.name, c.tooling.kind])).toEqual([
      ['api', 'npm'],
      ['billing', 'go'],
      ['worker', 'python'],
      ['tools', 'none'],
    ]);
    expect(fileText(plan, 'services/api/Makefile')).toContain('\tnpm test\n');
    expect(fileText(plan, 'services/billing/Makefile')).toContain('\tgo test ./...\n');
    expect(fileText(plan, 'services/worker/Makefile')).toContain('\t$(PYTHON) -m unittest\n');
    expect(plan.files.find((file) => file.path === 'tools/Makefile')).toMatchObject({
      action: 'skip',
      skipReason: 'own-makefile',
    });
    expect(plan.notes.map((note) => [note.code, note.path])).toEqual([
      ['makefile-targets', 'tools/Makefile'],
    ]);
    expect(plan.notes[0]?.message).toContain('has no rule for build or test');
    expect(plan.abeInstalled).toBe(false);
  });

  test('--force never replaces a Makefile with a placeholder', async () => {
    const root = await makeTree(POLYGLOT);
    const plan = await planInit(root, { force: true });
    expect(plan.files.find((file) => file.path === 'tools/Makefile')).toMatchObject({
      action: 'skip',
      skipReason: 'own-makefile',
    });
  });

  test('a single project: the root is the component, its files at the root', async () => {
    const root = await makeTree({
      'package.json': packageJson({ name: 'solo', dependencies: { koa: '3' } }),
      'src/index.js': '',
    });
    const plan = await planInit(root);
    expect(plan.components.map((c) => c.path)).toEqual(['.']);
    expect(actions(plan)).toEqual([
      'create builder.ini',
      'create contracts/example/get.json',
      'create Makefile',
      'create .github/workflows/abe.yml',
    ]);
    expect(fileText(plan, 'builder.ini')).toContain('path = .\ncontracts = contracts/**/*.json');
    expect(JSON.parse(fileText(plan, 'contracts/example/get.json')).$schema).toBe(
      '../../node_modules/abe-ts/spec/abe.schema.json',
    );
  });

  test('$schema points at the nearest installed abe-ts, from the contract upward', async () => {
    const root = await makeTree({
      'package.json': packageJson({ private: true }),
      'svc/api/package.json': packageJson({ name: 'api' }),
      'svc/api/node_modules/abe-ts/spec/abe.schema.json': '{}',
    });
    const plan = await planInit(root);
    expect(JSON.parse(fileText(plan, 'svc/api/contracts/example/get.json')).$schema).toBe(
      '../../node_modules/abe-ts/spec/abe.schema.json',
    );
  });

  test('an existing builder.ini is kept, and its components are the ones planned for', async () => {
    const root = await makeTree({
      'builder.ini': '[api]\npath = api\n\n[docs]\npath = docs\nsteps = none\n',
      'api/package.json': packageJson({ name: 'api' }),
      'api/Makefile': '.PHONY: build test\nbuild:\n\ttrue\ntest:\n\ttrue\n',
      'docs/index.md': '',
      'web/package.json': packageJson({ name: 'web' }),
    });
    const plan = await planInit(root);
    expect(plan.configSource).toBe('existing');
    expect(plan.components.map((c) => c.name)).toEqual(['api', 'docs']);
    // web is not in builder.ini, and docs runs no make step: neither gets a Makefile.
    expect(actions(plan)).toEqual([
      'skip builder.ini',
      'create api/contracts/example/get.json',
      'skip api/Makefile',
      'create .github/workflows/abe.yml',
    ]);
    expect(plan.notes.map((note) => note.code)).toEqual(['config-kept']);
    expect(plan.notes[0]?.message).toContain('Add `contracts = contracts/**/*.json` under [api]');
  });

  test('when the kept builder.ini declares contracts, no example contract is planned', async () => {
    const root = await makeTree({
      'builder.ini': '[api]\npath = api\ncontracts = spec/*.json\n',
      'api/package.json': packageJson({ name: 'api' }),
    });
    const plan = await planInit(root);
    expect(plan.provider).toBeUndefined();
    expect(plan.files.map((file) => file.role)).toEqual(['config', 'makefile', 'workflow']);
  });

  test('with --force, an existing builder.ini is replaced by one made from the directories', async () => {
    const root = await makeTree({
      'builder.ini': '[old]\npath = api\n',
      'api/package.json': packageJson({ name: 'api' }),
    });
    const plan = await planInit(root, { force: true });
    expect(plan.configSource).toBe('detected');
    expect(actions(plan)[0]).toBe('overwrite builder.ini');
    expect(fileText(plan, 'builder.ini')).toContain('[api]\npath = api\n');
  });

  test('a builder.ini that does not load stops init, saying how to go on', async () => {
    const root = await makeTree({
      'builder.ini': '[api]\npath = nowhere\n',
      'api/package.json': packageJson({ name: 'api' }),
    });
    const error = await planInit(root).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AbeError);
    expect((error as AbeError).code).toBe('usage');
    expect((error as AbeError).message).toContain('builder.ini exists but does not load');
    expect((error as AbeError).message).toContain('abe init --force');
  });

  test('a symbolic link is never written through, even with --force', async () => {
    const root = await makeTree({
      'api/package.json': packageJson({ name: 'api' }),
      'elsewhere.txt': 'not yours\n',
    });
    await symlink(join(root, 'elsewhere.txt'), join(root, 'api', 'Makefile'));
    const plan = await planInit(root, { force: true });
    expect(plan.files.find((file) => file.path === 'api/Makefile')).toMatchObject({
      action: 'skip',
      skipReason: 'symbolic-link',
    });
  });

  test('a file already as init would write it is unchanged, not overwritten', async () => {
    const root = await makeTree({ 'api/package.json': packageJson({ name: 'api' }) });
    const first = await planInit(root);
    await writeFile(join(root, 'api/Makefile'), fileText(first, 'api/Makefile'));
    const again = await planInit(root, { force: true });
    expect(again.files.find((file) => file.path === 'api/Makefile')?.action).toBe('unchanged');
  });

  test('package.json cycles leave upstream out, with a note naming the cycle', async () => {
    const root = await makeTree({
      'a/package.json': packageJson({ name: 'a', dependencies: { b: '*' } }),
      'b/package.json': packageJson({ name: 'b', devDependencies: { a: '*' } }),
    });
    const plan = await planInit(root);
    expect(fileText(plan, 'builder.ini')).not.toContain('upstream =');
    expect(plan.notes.find((note) => note.code === 'upstream-cycle')?.message).toContain(
      'a → b → a',
    );
  });

  test('an empty directory is a usage error that says what init looks for', async () => {
    const root = await makeTree({ 'node_modules/x/package.json': '{}', '.git/': '' });
    const error = await planInit(root, { cwd: root }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AbeError);
    expect((error as AbeError).code).toBe('usage');
    expect((error as AbeError).message).toMatch(
      /^no project found in .*: abe init looks for directories holding a package\.json, pyproject\.toml, go\.mod or Makefile, up to 4 levels deep/,
    );
  });

  test('a path that is not a directory is a usage error', async () => {
    const root = await makeTree({ 'file.txt': '' });
    await expect(planInit(join(root, 'file.txt'))).rejects.toMatchObject({
      code: 'usage',
      message: expect.stringContaining('is not a directory'),
    });
    await expect(planInit(join(root, 'missing'))).rejects.toMatchObject({
      code: 'usage',
      message: expect.stringContaining('does not exist'),
    });
  });
});
