import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import {
  contractText,
  type GitRepo,
  makeGitRepo,
  monorepoFiles,
  shallowClone,
} from '../helpers/git-repo.js';
import { runCli } from '../helpers/run-cli.js';

const repos: GitRepo[] = [];
afterEach(async () => {
  await Promise.all(repos.splice(0).map((repo) => repo.cleanup()));
});

/** The fixture monorepo on a feature branch whose contract change reaches the consumers. */
async function changedMonorepo(): Promise<GitRepo> {
  const repo = await makeGitRepo(monorepoFiles(), { feature: true });
  repos.push(repo);
  await repo.write({
    'api/contracts/users.json': contractText({ id: 1, name: 'bob' }),
    'docs/notes.md': 'unowned\n',
  });
  repo.commit('change the contract');
  return repo;
}

describe('abe affected', () => {
  test('--json prints the documented document, components in build order', async () => {
    const repo = await changedMonorepo();
    const run = await runCli(['affected', '--json'], { cwd: join(repo.dir, 'web') });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const contractReason = {
      kind: 'contract',
      detail: 'contract api/contracts/users.json changed: example "OK" response.body.name',
    };
    expect(JSON.parse(run.stdout)).toEqual({
      base: repo.git('merge-base', 'origin/main', 'HEAD').trim(),
      head: repo.git('rev-parse', 'HEAD').trim(),
      baseRef: 'origin/main',
      baseOrigin: '[abe] base in builder.ini',
      workingTree: false,
      changedFiles: ['api/contracts/users.json', 'docs/notes.md'],
      components: [
        {
          name: 'api',
          path: 'api',
          reasons: [{ kind: 'changed', detail: 'file api/contracts/users.json changed' }],
        },
        { name: 'web', path: 'web', reasons: [contractReason] },
        { name: 'mobile', path: 'mobile', reasons: [contractReason] },
        {
          name: 'integration-tests',
          path: 'integration-tests',
          reasons: [{ kind: 'downstream', detail: 'downstream of api' }],
        },
      ],
      unownedFiles: ['docs/notes.md'],
      changedContracts: [
        {
          file: 'api/contracts/users.json',
          owner: 'api',
          kind: 'changed',
          changes: ['example "OK" response.body.name'],
        },
      ],
      notRerun: [],
    });
  });

  test('--matrix prints a one-line GitHub Actions matrix', async () => {
    const repo = await changedMonorepo();
    const run = await runCli(['affected', '--matrix'], { cwd: repo.dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      '{"include":[{"component":"api","path":"api"},{"component":"web","path":"web"},{"component":"mobile","path":"mobile"},{"component":"integration-tests","path":"integration-tests"}]}\n',
    );
  });

  test('the human output lists each component with its reasons, then the unowned files', async () => {
    const repo = await changedMonorepo();
    const run = await runCli(['affected'], { cwd: repo.dir });
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toMatch(
      /^Compared origin\/main \(merge-base [0-9a-f]{10}\) with [0-9a-f]{10}: 2 changed files\.$/,
    );
    expect(lines.slice(1)).toEqual([
      '  base from [abe] base in builder.ini',
      '4 affected components, in build order:',
      '  api (api)',
      '    changed: file api/contracts/users.json changed',
      '  web (web)',
      '    contract: contract api/contracts/users.json changed: example "OK" response.body.name',
      '  mobile (mobile)',
      '    contract: contract api/contracts/users.json changed: example "OK" response.body.name',
      '  integration-tests (integration-tests)',
      '    downstream: downstream of api',
      'Changed files no component owns (they select nothing):',
      '  docs/notes.md',
      '',
    ]);
  });

  test('--json and --matrix together are a usage error', async () => {
    const repo = await changedMonorepo();
    const run = await runCli(['affected', '--json', '--matrix'], { cwd: repo.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("error: option '--json' cannot be used with option '--matrix'\n");
  });

  test('--base, --committed-only and --all reach the selection', async () => {
    const repo = await changedMonorepo();
    await repo.write({ 'mailer/src/send.ts': 'changed, uncommitted\n' });
    const committed = await runCli(['discover', '--committed-only'], { cwd: repo.dir });
    expect(committed.stdout).toBe('api\nweb\nmobile\nintegration-tests\n');
    const withWorkTree = await runCli(['discover'], { cwd: repo.dir });
    expect(withWorkTree.stdout).toBe('api\nweb\nmobile\nmailer\nintegration-tests\n');
    const againstHead = await runCli(['discover', '--base', 'HEAD', '--committed-only'], {
      cwd: repo.dir,
    });
    expect(againstHead).toMatchObject({ code: 0, stdout: '' });
    const all = await runCli(['discover', '--all'], { cwd: repo.dir });
    expect(all.stdout).toBe('api\nweb\nmobile\nmailer\nintegration-tests\n');
  });

  test('named components select themselves and their downstream', async () => {
    const repo = await changedMonorepo();
    const run = await runCli(['discover', 'mailer'], { cwd: repo.dir });
    expect(run.stdout).toBe('mailer\nintegration-tests\n');
    const only = await runCli(['discover', 'mailer', '--exclude-downstream'], { cwd: repo.dir });
    expect(only.stdout).toBe('mailer\n');
    const typo = await runCli(['discover', 'mailr'], { cwd: repo.dir });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('Did you mean "mailer"?');
  });

  test('a shallow clone exits 2 with the fix', async () => {
    const source = await changedMonorepo();
    const clone = await shallowClone(source);
    repos.push(clone);

    const run = await runCli(['affected', '--json'], { cwd: clone.dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^abe: the clone in .* is shallow/);
    expect(run.stderr).toContain('git fetch --unshallow');
    expect(run.stderr).toContain('fetch-depth: 0');
    // --all is the explicit override.
    expect((await runCli(['discover', '--all'], { cwd: clone.dir })).code).toBe(0);
  });

  test('a config error exits 2 and names the file and line', async () => {
    const repo = await changedMonorepo();
    await repo.write({
      'builder.ini': '[a]\npath=api\ndownstream=b\n\n[b]\npath=web\ndownstream=a\n',
    });
    const run = await runCli(['affected'], { cwd: repo.dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^abe: builder\.ini:3: dependency cycle: a → b → a\./);
  });

  test('a key near a known one is an error; any other unknown key warns, and --strict refuses it', async () => {
    const repo = await changedMonorepo();
    await repo.write({ 'builder.ini': '[api]\npath=api\nrelase-process=docker\n' });
    const typo = await runCli(['discover', '--all'], { cwd: repo.dir });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain(
      'builder.ini:3: unknown key "relase-process" in [api]. Did you mean "release-process"?',
    );
    await repo.write({ 'builder.ini': '[api]\npath=api\nowner=team-a\n' });
    const lenient = await runCli(['discover', '--all'], { cwd: repo.dir });
    expect(lenient).toEqual({
      code: 0,
      stdout: 'api\n',
      stderr:
        'abe: warning: builder.ini:3: unknown key "owner" in [api], ignored (--strict makes it an error).\n',
    });
    const strict = await runCli(['discover', '--all', '--strict'], { cwd: repo.dir });
    expect(strict.code).toBe(2);
    expect(strict.stderr).toContain('builder.ini:3: unknown key "owner" in [api].');
  });

  test('--config reads another file, and a missing one exits 2', async () => {
    const repo = await changedMonorepo();
    await repo.write({ 'ci/other.ini': '[everything]\npath=..\n' });
    const outside = await runCli(['discover', '--all', '--config', 'ci/other.ini'], {
      cwd: repo.dir,
    });
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('ci/other.ini:2: path ".." is outside the repository');
    const missing = await runCli(['discover', '--config', 'nope.ini'], { cwd: repo.dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read the config nope.ini: no such file');
  });
  test('file names and contract labels holding workflow commands forge no line of the human output', async () => {
    const repo = await changedMonorepo();
    const label = 'new\n::error file=README.md,line=1::forged by a label ##[error]legacy';
    const users = JSON.parse(contractText({ id: 1, name: 'bob' }));
    users.examples[label] = { request: { url: '/users/2' }, response: { status: 200 } };
    await repo.write({
      'api/contracts/users.json': JSON.stringify(users, null, 2),
      'api/evil\n::add-mask::forged by a file name.ts': 'x\n',
      'docs/evil\r::error::forged by an unowned file.md': 'x\n',
      '::warning::unowned.md': 'x\n',
    });
    repo.commit('files and labels that look like workflow commands');

    const run = await runCli(['affected'], {
      cwd: repo.dir,
      env: { PATH: process.env.PATH, GITHUB_ACTIONS: 'true' },
    });

    expect(run.code).toBe(0);
    const lines = run.stdout.split(/\r\n|\r|\n/);
    expect(lines.filter((line) => line.trimStart().startsWith('::'))).toEqual([]);
    expect(lines.filter((line) => line.includes('##['))).toEqual([]);
    expect(lines).toContain(
      '    changed: file api/evil\\n::add-mask::forged by a file name.ts added',
    );
    expect(lines).toContain('  docs/evil\\r::error::forged by an unowned file.md');
    expect(lines).toContain('  \\::warning::unowned.md');
    expect(run.stdout).toContain(
      'example "new\\n::error file=README.md,line=1::forged by a label ##\\[error]legacy" added',
    );
    const json = await runCli(['affected', '--json'], { cwd: repo.dir });
    expect(JSON.parse(json.stdout).unownedFiles).toContain('::warning::unowned.md');
    expect(json.stdout).not.toContain('##[');
  });
});
