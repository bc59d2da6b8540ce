import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { findProjects, isWritablePath } from '../../src/init/find-projects.js';
import { makeTree, packageJson } from './temp-tree.js';

describe('findProjects', () => {
  test('each directory with a package.json, pyproject.toml, go.mod or Makefile is a project, in tree order', async () => {
    const root = await makeTree({
      'services/api/package.json': packageJson({ name: 'api' }),
      'services/worker/pyproject.toml': '[project]\nname = "worker"\n',
      'services/billing/go.mod': 'module example.com/billing\n',
      'tools/Makefile': 'build:\n\ttrue\n',
      'docs/README.md': '# not a project\n',
    });
    expect(findProjects(root)).toEqual({
      projects: [
        { path: 'services/api', markers: ['package.json'] },
        { path: 'services/billing', markers: ['go.mod'] },
        { path: 'services/worker', markers: ['pyproject.toml'] },
        { path: 'tools', markers: ['Makefile'] },
      ],
      workspaceRoot: false,
      unwritable: [],
    });
  });

  test('node_modules, dot directories, build outputs and fixtures are never searched', async () => {
    const root = await makeTree({
      'app/package.json': packageJson({ name: 'app' }),
      'node_modules/left-pad/package.json': packageJson({ name: 'left-pad' }),
      '.cache/tool/package.json': packageJson({ name: 'tool' }),
      'dist/package.json': packageJson({ name: 'dist' }),
      'build/Makefile': 'all:\n',
      'target/go.mod': 'module x\n',
      'venv/lib/pyproject.toml': '',
      'test/fixtures/sample/package.json': packageJson({ name: 'sample' }),
    });
    expect(findProjects(root).projects.map((project) => project.path)).toEqual(['app']);
  });

  test('a project owns its subdirectories: nothing below it is searched', async () => {
    const root = await makeTree({
      'api/package.json': packageJson({ name: 'api' }),
      'api/scripts/package.json': packageJson({ name: 'scripts' }),
      'api/tools/Makefile': 'all:\n',
    });
    expect(findProjects(root).projects).toEqual([{ path: 'api', markers: ['package.json'] }]);
  });

  test('projects are found four levels below the root and no deeper', async () => {
    const root = await makeTree({
      'a/b/c/d/package.json': packageJson({ name: 'four' }),
      'e/f/g/h/i/package.json': packageJson({ name: 'five' }),
    });
    expect(findProjects(root).projects.map((project) => project.path)).toEqual(['a/b/c/d']);
  });

  test('a root package.json with sub-projects is their workspace root, not a project', async () => {
    const root = await makeTree({
      'package.json': packageJson({ private: true, workspaces: ['packages/*'] }),
      'packages/api/package.json': packageJson({ name: 'api' }),
    });
    expect(findProjects(root)).toMatchObject({
      projects: [{ path: 'packages/api' }],
      workspaceRoot: true,
    });
  });

  test('the root is the one project when nothing below it is one', async () => {
    const root = await makeTree({
      'package.json': packageJson({ name: 'solo' }),
      Makefile: 'build:\n\ttrue\n',
      'src/index.js': '',
    });
    expect(findProjects(root)).toEqual({
      projects: [{ path: '.', markers: ['package.json', 'Makefile'] }],
      workspaceRoot: false,
      unwritable: [],
    });
  });

  test('makefile and GNUmakefile count as a Makefile, as they do for make', async () => {
    const root = await makeTree({ 'a/makefile': 'all:\n', 'b/GNUmakefile': 'all:\n' });
    expect(findProjects(root).projects).toEqual([
      { path: 'a', markers: ['Makefile'] },
      { path: 'b', markers: ['Makefile'] },
    ]);
  });

  test('a symbolic link to a directory is not followed', async () => {
    const root = await makeTree({ 'real/package.json': packageJson({ name: 'real' }) });
    await symlink(join(root, 'real'), join(root, 'alias'));
    expect(findProjects(root).projects.map((project) => project.path)).toEqual(['real']);
  });

  test('a directory whose path builder.ini cannot hold is reported, not made a component', async () => {
    const root = await makeTree({
      'good/package.json': packageJson({ name: 'good' }),
      'odd ;name/package.json': packageJson({ name: 'odd' }),
    });
    expect(findProjects(root)).toMatchObject({
      projects: [{ path: 'good' }],
      unwritable: ['odd ;name'],
    });
  });
});

describe('isWritablePath', () => {
  test('builder.ini holds spaces and symbols, not comments, line breaks or outer quotes', () => {
    expect(['a b', 'a;b', 'a#b', 'x/y.z', 'we@ird+dir'].every(isWritablePath)).toBe(true);
    expect(['a ;b', 'a #b', 'a\nb', ' a', '"a"', "'a", 'a\u0000'].some(isWritablePath)).toBe(false);
  });
});
