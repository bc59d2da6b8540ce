import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { writeReleaseRecord } from '../../src/release/release-record.js';
import { createTagAction } from '../../src/release/tag-step.js';
import { runComponents } from '../../src/runner/run-components.js';
import type { GitRepo } from '../helpers/git-repo.js';
import { runCli } from '../helpers/run-cli.js';
import { configOf, makefile, makeRepo, makeTempDir, readLines } from '../runner/runner-fixtures.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const INI = `[abe]
registry=registry.example.com/acme

[api]
path=api
release-process=docker

[web]
path=web
release-process=custom

[broken]
path=broken
release-process=docker

[mailer]
path=mailer
`;

/**
 * A `docker` stand-in first on PATH: it appends its arguments, each in brackets, as one line
 * of $DOCKER_LOG, and exits 1 when an argument contains $DOCKER_FAIL_ON.
 */
async function dockerStandIn(): Promise<{ bin: string; log: string }> {
  const { dir, remove } = await makeTempDir('docker');
  cleanups.push(remove);
  const bin = join(dir, 'bin');
  await mkdir(bin);
  const log = join(dir, 'docker.log');
  await writeFile(
    join(bin, 'docker'),
    [
      '#!/bin/sh',
      'line=""',
      'status=0',
      'for arg in "$@"; do',
      '  line="$line[$arg]"',
      '  case "$arg" in *"$DOCKER_FAIL_ON"*) status=1 ;; esac',
      'done',
      'printf "%s\\n" "$line" >> "$DOCKER_LOG"',
      'exit $status',
      '',
    ].join('\n'),
  );
  await chmod(join(bin, 'docker'), 0o755);
  return { bin, log };
}

async function releaseRepo(): Promise<GitRepo> {
  const repo = await makeRepo({
    'builder.ini': INI,
    'api/Makefile': makefile({ build: ['@true'] }),
    'web/Makefile': makefile({
      release: ['@echo "$$NAME $$DOCKER_TAG" > released.txt'],
      version: ['@echo 2.1.0'],
    }),
    'broken/Makefile': makefile({ build: ['@true'] }),
    'mailer/Makefile': makefile({ build: ['@true'] }),
  });
  cleanups.push(repo.cleanup);
  return repo;
}

describe('abe release and abe tag', () => {
  test('release tags and pushes docker images with argument arrays, runs make release, skips the rest', async () => {
    const repo = await releaseRepo();
    // Shell syntax in the registry reaches docker as plain argument text, never a shell.
    const registry = 'registry.example.com/acme;touch pwned $(touch pwned2) `id`';
    await repo.write({
      'builder.ini': INI.replace('registry=registry.example.com/acme', `registry=${registry}`),
    });
    const docker = await dockerStandIn();
    const tag = 'v1.2.3';

    const { code, stdout } = await runCli(['release', '--all', '--tag', tag], {
      cwd: repo.dir,
      env: {
        PATH: `${docker.bin}:${process.env.PATH}`,
        DOCKER_LOG: docker.log,
        DOCKER_FAIL_ON: 'broken',
      },
    });

    expect(code).toBe(1);
    const image = (name: string): string => `${registry}/${name}:${tag}`;
    expect(await readLines(docker.log)).toEqual([
      `[tag][${image('api')}][${image('api')}]`,
      `[push][${image('api')}]`,
      `[tag][${image('broken')}][${image('broken')}]`,
    ]);
    expect(await readFile(join(repo.dir, 'web', 'released.txt'), 'utf8')).toBe(`web ${tag}\n`);
    expect(stdout).toContain(
      '○ mailer release skipped: no release-process in the config, nothing to release',
    );
    expect(stdout).toContain('✖ broken release failed');
    for (const file of ['pwned', 'pwned2']) {
      await expect(stat(join(repo.dir, file))).rejects.toThrow();
    }
  });

  test('a tag with shell syntax is refused before anything is released', async () => {
    const repo = await releaseRepo();
    const docker = await dockerStandIn();
    const run = await runCli(['release', '--all', '--tag', 'v1;touch pwned'], {
      cwd: repo.dir,
      env: { PATH: `${docker.bin}:${process.env.PATH}`, DOCKER_LOG: docker.log },
    });
    expect(run.code).toBe(2);
    await expect(stat(docker.log)).rejects.toThrow();
    await expect(stat(join(repo.dir, 'pwned'))).rejects.toThrow();
  });

  test('a custom release that make ran nothing for fails, and is not recorded for abe tag', async () => {
    const repo = await makeRepo({
      'builder.ini': '[web]\npath=web\nrelease-process=custom\n',
      // A release target without a recipe: make says "Nothing to be done" and exits 0.
      'web/Makefile': '.PHONY: build test release\nbuild:\n\t@true\ntest:\n\t@true\nrelease:\n',
    });
    cleanups.push(repo.cleanup);
    const run = await runCli(['release', '--all', '--tag', 'v1'], { cwd: repo.dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('make did nothing for web\'s "release": it has no recipe');
    await expect(stat(join(repo.dir, '.abe/releases/web.json'))).rejects.toThrow();
  });

  test('tag creates annotated tags only for components released at HEAD', async () => {
    const repo = await releaseRepo();
    const docker = await dockerStandIn();
    const env = {
      PATH: `${docker.bin}:${process.env.PATH}`,
      DOCKER_LOG: docker.log,
      DOCKER_FAIL_ON: 'broken',
    };
    const short = repo.git('rev-parse', '--short=7', 'HEAD').trim();

    const before = await runCli(['tag', '--all'], { cwd: repo.dir, env });
    const tagsBefore = repo.git('tag', '--list').trim();
    await runCli(['release', '--all'], { cwd: repo.dir, env });
    const after = await runCli(['tag', '--all'], { cwd: repo.dir, env });

    expect(before.code).toBe(0);
    expect(tagsBefore).toBe('');
    expect(before.stdout).toContain(`○ api tag skipped: not released at ${short}`);
    expect(after.code).toBe(0);
    expect(repo.git('tag', '--list').trim().split('\n')).toEqual([`api-${short}`, 'web-2.1.0']);
    expect(repo.git('cat-file', '-t', 'web-2.1.0').trim()).toBe('tag');
    expect(repo.git('tag', '-l', '--format=%(contents)', `api-${short}`)).toContain(
      `Image: registry.example.com/acme/api:${short}`,
    );
    expect(repo.git('rev-list', '-n', '1', 'web-2.1.0').trim()).toBe(
      repo.git('rev-parse', 'HEAD').trim(),
    );
    expect(after.stdout).toContain('○ broken tag skipped: not released at');
    expect(after.stdout).toContain(
      '○ mailer tag skipped: no release-process in the config, nothing to tag',
    );
  });

  test('a release at an older commit does not allow tagging a newer one', async () => {
    const repo = await releaseRepo();
    const docker = await dockerStandIn();
    const env = { PATH: `${docker.bin}:${process.env.PATH}`, DOCKER_LOG: docker.log };
    await runCli(['release', 'web'], { cwd: repo.dir, env });
    await repo.write({ 'web/page.html': '<p>new</p>\n' });
    repo.commit('a newer commit');

    const { code, stdout } = await runCli(['tag', 'web'], { cwd: repo.dir, env });

    expect(code).toBe(0);
    expect(stdout).toContain('○ web tag skipped: not released at');
    expect(repo.git('tag', '--list').trim()).toBe('');
  });

  test('tagging twice at the same commit passes; the same tag on another commit fails', async () => {
    const repo = await releaseRepo();
    const docker = await dockerStandIn();
    const env = { PATH: `${docker.bin}:${process.env.PATH}`, DOCKER_LOG: docker.log };
    await runCli(['release', 'web'], { cwd: repo.dir, env });
    await runCli(['tag', 'web'], { cwd: repo.dir, env });

    const again = await runCli(['tag', 'web'], { cwd: repo.dir, env });
    await repo.write({ 'web/page.html': '<p>new</p>\n' });
    repo.commit('same version, new commit');
    await runCli(['release', 'web'], { cwd: repo.dir, env });
    const clash = await runCli(['tag', 'web'], { cwd: repo.dir, env });

    expect(again.code).toBe(0);
    expect(again.stdout).toContain('✔ web tag passed in');
    expect(again.stdout).toContain('web-2.1.0 already tags HEAD');
    expect(clash.code).toBe(1);
    expect(clash.stdout).toContain('tag web-2.1.0 already exists on');
  });

  test('release-process=docker without a registry fails with the fix', async () => {
    const repo = await releaseRepo();
    await repo.write({ 'builder.ini': INI.replace('registry=registry.example.com/acme\n', '') });
    repo.commit('no registry');
    const docker = await dockerStandIn();

    const { code, stdout } = await runCli(['release', 'api'], {
      cwd: repo.dir,
      env: { PATH: `${docker.bin}:${process.env.PATH}`, DOCKER_LOG: docker.log },
    });

    expect(code).toBe(1);
    expect(stdout).toContain('release-process=docker needs registry= in the [abe] section');
    expect(await readLines(docker.log)).toEqual([]);
  });
  test('a component named like an option never reaches git tag as one', async () => {
    const repo = await makeRepo({
      'builder.ini': '[api]\npath=api\n',
      'api/Makefile': makefile({ version: ['@echo 1.0'] }),
    });
    cleanups.push(repo.cleanup);
    const head = repo.git('rev-parse', 'HEAD').trim();
    // builder.ini refuses such a name; the step must not rely on that alone.
    const config = configOf(repo.dir, [{ name: '-m', path: 'api', releaseProcess: 'custom' }]);
    await writeReleaseRecord(repo.dir, {
      component: '-m',
      sha: head,
      tag: 't1',
      image: null,
      releasedAt: new Date().toISOString(),
    });

    const result = await runComponents({
      config,
      components: ['-m'],
      steps: ['tag'],
      tag: 't1',
      concurrency: 1,
      env: { PATH: process.env.PATH },
      actions: { tag: createTagAction({ head }) },
    });

    // Read as options, `-m-1.0 -m <message> <sha>` would tag HEAD under the name of its sha.
    expect(repo.git('tag', '--list').trim()).toBe('');
    expect(result.steps[0]?.status).toBe('failed');
    const log = await readFile(result.steps[0]?.logFile ?? '', 'utf8');
    expect(log).toContain("'-m-1.0' is not a valid tag name");
  });

  test('a component name that is no valid git tag part is refused before anything runs (exit 2)', async () => {
    const repo = await makeRepo({
      'builder.ini': '[api]\npath=api\nrelease-process=custom\n\n[-m]\npath=web\n',
      'api/Makefile': makefile({ release: ['@true'] }),
      'web/Makefile': makefile({ release: ['@true'] }),
    });
    cleanups.push(repo.cleanup);

    const { code, stderr } = await runCli(['tag', '--all'], { cwd: repo.dir });

    expect(code).toBe(2);
    expect(stderr).toMatch(/^abe: builder\.ini:5: \[-m\] is not a valid component name/);
    expect(repo.git('tag', '--list').trim()).toBe('');
  });
});
