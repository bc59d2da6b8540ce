import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { type CliContext, EXIT_OK } from '../../src/cli/cli-context.js';
import { type InitCliOptions, runInit } from '../../src/cli/init-command.js';
import { loadConfig } from '../../src/config/load-config.js';
import { lintContracts } from '../../src/contract/lint-contracts.js';
import { AbeError } from '../../src/core/abe-error.js';
import { runCli } from '../helpers/run-cli.js';
import { listFiles, makeTree, packageJson } from '../init/temp-tree.js';

interface InitRun {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `abe init` in-process with captured output, as `main` would with `cwd` as working directory. */
async function init(cwd: string, options: InitCliOptions = {}): Promise<InitRun> {
  let stdout = '';
  let stderr = '';
  const context: CliContext = {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    cwd,
    env: { PATH: process.env.PATH },
    color: false,
    exitCode: EXIT_OK,
  };
  await runInit(options, context);
  return { exitCode: context.exitCode, stdout, stderr };
}

/** Output with its line wrapping undone, for assertions on prose. */
const flat = (text: string): string => text.replace(/\s+/g, ' ');

const POLYGLOT = {
  'services/api/package.json': packageJson({
    name: 'api',
    dependencies: { express: '5' },
    scripts: { test: 'node -e 0' },
  }),
  'services/worker/pyproject.toml': '[project]\nname = "worker"\n',
  'services/billing/go.mod': 'module example.com/billing\n\ngo 1.22\n',
  'tools/Makefile': '.PHONY: build test\nbuild:\n\t@echo built\ntest:\n\t@echo tested\n',
};

describe('abe init', () => {
  test('a polyglot repository gets a builder.ini that loads, a contract that lints, Makefiles and a workflow', async () => {
    const root = await makeTree(POLYGLOT);
    const run = await init(root);
    expect(run).toMatchObject({ exitCode: 0, stderr: '' });
    expect(await listFiles(root)).toEqual([
      '.github/workflows/abe.yml',
      'builder.ini',
      'services/api/Makefile',
      'services/api/contracts/example/get.json',
      'services/api/package.json',
      'services/billing/Makefile',
      'services/billing/go.mod',
      'services/worker/Makefile',
      'services/worker/pyproject.toml',
      'tools/Makefile',
    ]);
    const config = await loadConfig(join(root, 'builder.ini'), { strict: true });
    expect(config.components.map((c) => [c.name, c.path, c.contracts])).toEqual([
      ['api', 'services/api', ['contracts/**/*.json']],
      ['billing', 'services/billing', []],
      ['worker', 'services/worker', []],
      ['tools', 'tools', []],
    ]);
    const lint = await lintContracts(['services/api/contracts'], { cwd: root });
    expect(lint).toEqual({ files: ['services/api/contracts/example/get.json'], diagnostics: [] });
    expect(await readFile(join(root, 'tools/Makefile'), 'utf8')).toBe(POLYGLOT['tools/Makefile']);
  });

  test('the plan lists each file with its action before the next steps', async () => {
    const root = await makeTree(POLYGLOT);
    const { stdout } = await init(root);
    expect(stdout).toContain(
      [
        'Files:',
        '  create  builder.ini',
        '  create  services/api/contracts/example/get.json',
        '  create  services/api/Makefile                    npm run build --if-present, npm test',
        '  create  services/billing/Makefile                go build ./..., go test ./...',
        '  create  services/worker/Makefile                 python: compileall, then unittest',
        "  skip    tools/Makefile                           the component's own Makefile, kept",
        '  create  .github/workflows/abe.yml',
      ].join('\n'),
    );
    expect(stdout).toContain('Example contract for api, which depends on express.');
    expect(stdout).toContain('\nWrote 6 files.\n');
    expect(stdout).toMatch(/Next steps:\n {2}1\. Install abe-ts at the root/);
    expect(flat(stdout)).toContain('add `consumes = api` under each component');
    expect(flat(stdout)).toContain('Run `npx abe check --all`');
  });

  test('`abe lint` in the new repository lints the contract builder.ini declares', async () => {
    const root = await makeTree(POLYGLOT);
    await init(root);
    const lint = await runCli(['lint'], { cwd: root });
    expect(lint).toMatchObject({ code: 0, stdout: '✔ 1 contract file linted, no problems\n' });
  });

  test('`abe check --all` passes in a single-project repository right after init', async () => {
    const root = await makeTree({
      'package.json': packageJson({
        name: 'solo',
        dependencies: { express: '5' },
        scripts: { build: 'node -e 0', test: 'node -e 0' },
      }),
    });
    await init(root);
    expect(await listFiles(root)).toEqual([
      '.github/workflows/abe.yml',
      'Makefile',
      'builder.ini',
      'contracts/example/get.json',
      'package.json',
    ]);
    const check = await runCli(['check', '--all'], { cwd: root });
    expect(check.stdout).toMatch(/build +passed/);
    expect(check.stdout).toMatch(/test +passed/);
    expect(check.code).toBe(0);
  });

  test('`abe check --all` fails on a placeholder Makefile until it is filled in', async () => {
    // A component with no tooling to call (a C directory builder.ini declares) gets placeholders.
    const root = await makeTree({
      'builder.ini': '[api]\npath = api\n\n[legacy]\npath = legacy\n',
      'api/package.json': packageJson({ name: 'api', scripts: { test: 'node -e 0' } }),
      'legacy/main.c': '',
    });
    const { stdout } = await init(root);
    expect(flat(stdout)).toContain(
      'Write the build and test recipes of legacy/Makefile: the placeholders fail until you do.',
    );
    const check = await runCli(['check', '--all'], { cwd: root });
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/legacy +build +failed/);
  });

  test('a JavaScript monorepo: the root is the workspace, upstream comes from package.json, $schema resolves', async () => {
    const root = await makeTree({
      'package.json': packageJson({ private: true, workspaces: ['packages/*'] }),
      'packages/api/package.json': packageJson({ name: '@acme/api', dependencies: { hono: '4' } }),
      'packages/ui/package.json': packageJson({ name: '@acme/ui' }),
      'packages/web/package.json': packageJson({
        name: '@acme/web',
        devDependencies: { '@acme/ui': '*' },
      }),
    });
    await mkdir(join(root, 'node_modules/abe-ts/spec'), { recursive: true });
    await copyFile('spec/abe.schema.json', join(root, 'node_modules/abe-ts/spec/abe.schema.json'));
    await init(root);
    const config = await loadConfig(join(root, 'builder.ini'));
    expect(config.components.map((c) => [c.name, c.upstream])).toEqual([
      ['api', []],
      ['ui', []],
      ['web', ['ui']],
    ]);
    expect(config.globalFiles).toContain('package.json');
    const contract = join(root, 'packages/api/contracts/example/get.json');
    const { $schema } = JSON.parse(await readFile(contract, 'utf8')) as { $schema: string };
    const schema = JSON.parse(await readFile(resolve(dirname(contract), $schema), 'utf8'));
    expect(schema.$id).toBe('https://abe-ts.dev/spec/abe.schema.json');
  });

  test('existing builder.ini and Makefiles are not overwritten without --force', async () => {
    const root = await makeTree({
      'builder.ini': '[api]\npath = api\n\n[web]\npath = web\n',
      'api/package.json': packageJson({ name: 'api' }),
      'api/Makefile': 'build:\n\tmy-build\n',
      'web/package.json': packageJson({ name: 'web' }),
    });
    const run = await init(root);
    expect(await readFile(join(root, 'builder.ini'), 'utf8')).toBe(
      '[api]\npath = api\n\n[web]\npath = web\n',
    );
    expect(await readFile(join(root, 'api/Makefile'), 'utf8')).toBe('build:\n\tmy-build\n');
    expect(run.stdout).toMatch(/ skip +builder\.ini +exists: its components are used/);
    expect(run.stdout).toMatch(/ skip +api\/Makefile +exists \(--force replaces it\)/);
    expect(run.stdout).toMatch(/ create +web\/Makefile/);
    expect(flat(run.stdout)).toContain('api/Makefile has no rule for test');
  });

  test('with --force they are overwritten, and the output says which', async () => {
    const root = await makeTree({
      'builder.ini': '[api]\npath = api\n',
      'api/package.json': packageJson({ name: 'api' }),
      'api/Makefile': 'build:\n\tmy-build\n',
    });
    const run = await init(root, { force: true });
    expect(await readFile(join(root, 'builder.ini'), 'utf8')).toContain(
      'contracts = contracts/**/*.json',
    );
    expect(await readFile(join(root, 'api/Makefile'), 'utf8')).toContain('.PHONY: build test');
    expect(run.stdout).toMatch(/ overwrite +builder\.ini\n/);
    expect(run.stdout).toMatch(/ overwrite +api\/Makefile +npm run build/);
    expect(run.stdout).toContain('Wrote 4 files (overwrote builder.ini, api/Makefile).');
  });

  test('--dry-run with --force says what it would overwrite, and overwrites nothing', async () => {
    const root = await makeTree({
      'builder.ini': '[api]\npath = api\n',
      'api/package.json': packageJson({ name: 'api' }),
    });
    const run = await init(root, { dryRun: true, force: true });
    expect(await readFile(join(root, 'builder.ini'), 'utf8')).toBe('[api]\npath = api\n');
    expect(await listFiles(root)).toEqual(['api/package.json', 'builder.ini']);
    expect(run.stdout).toContain(
      'Dry run: nothing written. Without --dry-run, abe init would write 4 files, overwriting builder.ini.',
    );
  });

  test('--dry-run prints the plan and writes nothing', async () => {
    const root = await makeTree(POLYGLOT);
    const before = await listFiles(root);
    const run = await init(root, { dryRun: true });
    expect(await listFiles(root)).toEqual(before);
    expect(run.stdout).toContain('  create  builder.ini');
    expect(run.stdout).toContain(
      'Dry run: nothing written. Without --dry-run, abe init would write 6 files.',
    );
  });

  test('run again, init has nothing to write', async () => {
    const root = await makeTree(POLYGLOT);
    await init(root);
    const after = await listFiles(root);
    const again = await init(root);
    expect(await listFiles(root)).toEqual(after);
    expect(again.stdout).toContain('Nothing to write: every file is already there.');
    expect(again.stdout).not.toMatch(/^ {2}create /m);
  });

  test('--dir is resolved from the working directory, and paths are shown from it', async () => {
    const parent = await makeTree({ 'repo/app/package.json': packageJson({ name: 'app' }) });
    const run = await init(parent, { dir: 'repo', dryRun: true });
    expect(run.stdout).toContain('  create  repo/builder.ini');
    expect(run.stdout).toContain('  create  repo/app/Makefile');
  });

  test('an empty directory is a usage error (exit 2 through main) that says what init looks for', async () => {
    const root = await makeTree({});
    const error = await init(root).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AbeError);
    // main turns the `usage` code into exit 2, as for every command.
    expect((error as AbeError).code).toBe('usage');
    expect((error as AbeError).message).toContain(
      'abe init looks for directories holding a package.json, pyproject.toml, go.mod or Makefile',
    );
    expect(await listFiles(root)).toEqual([]);
  });

  test('another CI system and no .github: no workflow, and the next steps say what its job needs', async () => {
    const root = await makeTree({ ...POLYGLOT, '.gitlab-ci.yml': 'test:\n  script: [make]\n' });
    const run = await init(root);
    expect(await listFiles(root)).not.toContain('.github/workflows/abe.yml');
    expect(flat(run.stdout)).toContain('GitLab CI (.gitlab-ci.yml) found and no .github directory');
    expect(flat(run.stdout)).toContain('on GitLab CI, set `GIT_DEPTH: 0` in the job');
  });

  test('a placeholder Makefile written by init fails under real make', async () => {
    const root = await makeTree({ 'builder.ini': '[svc]\npath = svc\n', 'svc/': '' });
    await init(root);
    const run = spawnSync('make', ['-C', join(root, 'svc'), 'test'], { encoding: 'utf8' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('svc: "make test" is a placeholder written by abe init.');
  });
});
