import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import {
  readHeadFromFiles,
  readRepositoryFromFiles,
} from '../../src/affected/read-head-from-files.js';
import { type GitRepo, makeGitRepo, shallowClone } from '../helpers/git-repo.js';

const repos: GitRepo[] = [];
afterEach(async () => {
  await Promise.all(repos.splice(0).map((repo) => repo.cleanup()));
});

async function repo(): Promise<GitRepo> {
  const made = await makeGitRepo({ 'api/a.txt': 'a\n' });
  repos.push(made);
  return made;
}

const NO_GIT_ENV = {};

describe('readHeadFromFiles', () => {
  test('a branch with a loose ref gives the same commit as git rev-parse, from a subdirectory', async () => {
    const made = await repo();
    await made.write({ 'api/b.txt': 'b\n' });
    made.commit('second');
    expect(readHeadFromFiles(join(made.dir, 'api'), NO_GIT_ENV)).toBe(
      made.git('rev-parse', 'HEAD').trim(),
    );
  });

  test('a branch only in packed-refs is found there', async () => {
    const made = await repo();
    made.git('pack-refs', '--all', '--prune');
    expect(readHeadFromFiles(made.dir, NO_GIT_ENV)).toBe(made.git('rev-parse', 'HEAD').trim());
  });

  test('a detached HEAD is the commit itself', async () => {
    const made = await repo();
    const first = made.git('rev-parse', 'HEAD').trim();
    await made.write({ 'api/b.txt': 'b\n' });
    made.commit('second');
    made.git('checkout', '-q', '--detach', first);
    expect(readHeadFromFiles(made.dir, NO_GIT_ENV)).toBe(first);
  });

  test('an unborn branch, a worktree and GIT_DIR are left to git', async () => {
    const made = await repo();
    made.git('checkout', '-q', '--orphan', 'fresh');
    expect(readHeadFromFiles(made.dir, NO_GIT_ENV)).toBeUndefined();

    made.git('checkout', '-q', 'main');
    const worktree = join(made.dir, 'wt');
    made.git('worktree', 'add', '-q', worktree);
    expect(readHeadFromFiles(worktree, NO_GIT_ENV)).toBeUndefined();
    expect(readHeadFromFiles(made.dir, { GIT_DIR: join(made.dir, '.git') })).toBeUndefined();
  });

  test('outside any repository there is no HEAD', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'abe-no-repo-'));
    try {
      expect(readHeadFromFiles(outside, NO_GIT_ENV)).toBeUndefined();
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });
});

/** What git itself says, in the shape readRepositoryFromFiles returns. */
function revParse(repo: GitRepo, cwd: string) {
  const [shallow, topLevel, sha] = repo
    .git('-C', cwd, 'rev-parse', '--is-shallow-repository', '--show-toplevel', 'HEAD')
    .trim()
    .split('\n');
  return { shallow: shallow === 'true', topLevel, sha };
}

describe('readRepositoryFromFiles', () => {
  test('agrees with git rev-parse from a subdirectory reached through a symbolic link', async () => {
    const made = await repo();
    const link = `${made.dir}-link`;
    await symlink(made.dir, link);
    try {
      const found = readRepositoryFromFiles(join(link, 'api'), NO_GIT_ENV);
      expect(found).toEqual(revParse(made, join(made.dir, 'api')));
      expect(found?.shallow).toBe(false);
    } finally {
      await rm(link, { force: true });
    }
  });

  test('a shallow clone is shallow, as git says', async () => {
    const source = await repo();
    const clone = await shallowClone(source);
    repos.push(clone);
    const found = readRepositoryFromFiles(clone.dir, NO_GIT_ENV);
    expect(found).toEqual(revParse(clone, clone.dir));
    expect(found?.shallow).toBe(true);
  });

  test('a moved or bare working tree, and GIT_WORK_TREE, are left to git', async () => {
    const made = await repo();
    expect(readRepositoryFromFiles(made.dir, { GIT_WORK_TREE: made.dir })).toBeUndefined();
    made.git('config', 'core.worktree', made.dir);
    expect(readRepositoryFromFiles(made.dir, NO_GIT_ENV)).toBeUndefined();
    made.git('config', '--unset', 'core.worktree');
    expect(readRepositoryFromFiles(made.dir, NO_GIT_ENV)).toEqual(revParse(made, made.dir));
    made.git('config', 'core.bare', 'true');
    expect(readRepositoryFromFiles(made.dir, NO_GIT_ENV)).toBeUndefined();
  });
});
