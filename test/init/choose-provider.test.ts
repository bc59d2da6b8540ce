import { describe, expect, test } from 'vitest';
import { chooseProvider } from '../../src/init/choose-provider.js';
import { readProject } from '../../src/init/read-project.js';
import { makeTree, packageJson } from './temp-tree.js';

const component = (name: string, dependencies: readonly string[] = []) => ({ name, dependencies });

describe('chooseProvider', () => {
  test('the first component that depends on an HTTP framework gets the example contract', () => {
    expect(
      chooseProvider([
        component('ui', ['react']),
        component('users', ['express']),
        component('orders', ['fastify']),
      ]),
    ).toEqual({ component: 'users', reason: { kind: 'framework', framework: 'express' } });
  });

  test('a Go module counts by its path, with any major-version suffix', () => {
    expect(
      chooseProvider([component('lib'), component('billing', ['github.com/go-chi/chi/v5'])]),
    ).toEqual({
      component: 'billing',
      reason: { kind: 'framework', framework: 'github.com/go-chi/chi' },
    });
  });

  test('without a framework, a component named like a service wins over the first', () => {
    expect(
      chooseProvider([component('shared'), component('users-api'), component('backend')]),
    ).toEqual({ component: 'users-api', reason: { kind: 'name' } });
  });

  test('a name that only contains "api" as part of a word is not a service name', () => {
    expect(chooseProvider([component('utils'), component('rapid')])).toEqual({
      component: 'utils',
      reason: { kind: 'first' },
    });
  });

  test('no components, no provider', () => {
    expect(chooseProvider([])).toBeUndefined();
  });
});

describe('readProject', () => {
  test('a package.json gives its name, its runtime dependencies and every package it links', async () => {
    const root = await makeTree({
      'web/package.json': packageJson({
        name: '@shop/web',
        dependencies: { hono: '4' },
        devDependencies: { '@shop/ui': 'workspace:*' },
      }),
    });
    expect(readProject(root, 'web')).toEqual({
      markers: ['package.json'],
      packageName: '@shop/web',
      dependencies: ['hono'],
      packageLinks: ['hono', '@shop/ui'],
      tooling: { kind: 'npm' },
    });
  });

  test('pyproject.toml names its framework, and pytest is chosen when it mentions it', async () => {
    const root = await makeTree({
      'plain/pyproject.toml': '[project]\ndependencies = ["Flask>=3", "flask-cors"]\n',
      'tested/pyproject.toml':
        '[project]\ndependencies = ["fastapi[all]"]\n[tool.pytest.ini_options]\n',
      'conftest/pyproject.toml': '[project]\nname = "x"\n',
      'conftest/conftest.py': '',
    });
    expect(readProject(root, 'plain')).toMatchObject({
      dependencies: ['flask'],
      tooling: { kind: 'python', tests: 'unittest' },
    });
    expect(readProject(root, 'tested')).toMatchObject({
      dependencies: ['fastapi'],
      tooling: { kind: 'python', tests: 'pytest' },
    });
    expect(readProject(root, 'conftest').tooling).toEqual({ kind: 'python', tests: 'pytest' });
  });

  test('go.mod gives the modules it requires, in blocks and single lines', async () => {
    const root = await makeTree({
      'svc/go.mod':
        'module example.com/svc\n\ngo 1.22\n\nrequire github.com/gin-gonic/gin v1.10.0\n\nrequire (\n\tgolang.org/x/net v0.1.0 // indirect\n)\n',
    });
    expect(readProject(root, 'svc')).toMatchObject({
      dependencies: ['github.com/gin-gonic/gin', 'golang.org/x/net'],
      tooling: { kind: 'go' },
    });
  });

  test('go.mod wins over pyproject.toml, which wins over package.json', async () => {
    const root = await makeTree({
      'go/go.mod': 'module x\n',
      'go/package.json': '{}',
      'py/pyproject.toml': '',
      'py/package.json': '{}',
    });
    expect(readProject(root, 'go').tooling).toEqual({ kind: 'go' });
    expect(readProject(root, 'py').tooling).toEqual({ kind: 'python', tests: 'unittest' });
  });

  test('a package.json that does not parse says nothing, and init goes on', async () => {
    const root = await makeTree({ 'broken/package.json': '{ "name": ' });
    expect(readProject(root, 'broken')).toEqual({
      markers: ['package.json'],
      packageName: undefined,
      dependencies: [],
      packageLinks: [],
      tooling: { kind: 'npm' },
    });
  });
});
