import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { GIT_ENV } from '../helpers/git-repo.js';

// The README's quick start, as a new user runs it: the packed package installed into a fresh
// project, the README's own files written into it (each ```lang quickstart:<path> block), the
// provider and consumer tests run, then `abe check` in a git repository.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>;
};
/** Every quick-start file of the README: `{ path: text }`. */
async function quickStartFiles(): Promise<Record<string, string>> {
  const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
  return Object.fromEntries(
    [...readme.matchAll(/```\w+ quickstart:(\S+)\n([\s\S]*?)```/g)].map((match) => [
      match[1] as string,
      match[2] as string,
    ]),
  );
}

let project: string;
const run = (command: string, args: readonly string[], env: NodeJS.ProcessEnv = GIT_ENV) =>
  spawnSync(command, args, { cwd: project, env, encoding: 'utf8' });

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'abe-quick-start-'));
  // The package as npm would publish it (dist/ is built by `npm test` before the tests run).
  const [tarball] = execFileSync(
    'npm',
    ['pack', '--ignore-scripts', '--silent', '--pack-destination', project],
    { cwd: ROOT, encoding: 'utf8' },
  )
    .trim()
    .split('\n')
    .slice(-1);
  await writeFile(
    join(project, 'package.json'),
    JSON.stringify({
      name: 'quick-start',
      private: true,
      type: 'module',
      devDependencies: {
        'abe-ts': `file:./${tarball}`,
        express: manifest.devDependencies.express,
        msw: manifest.devDependencies.msw,
        vite: manifest.devDependencies.vite,
        vitest: manifest.devDependencies.vitest,
      },
    }),
  );
  const install = run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline']);
  expect(install.status, install.stderr).toBe(0);
  for (const [path, text] of Object.entries(await quickStartFiles())) {
    await mkdir(join(project, dirname(path)), { recursive: true });
    await writeFile(join(project, path), text);
  }
  await writeFile(join(project, '.gitignore'), 'node_modules/\n.abe/\n*.tgz\n');
  run('git', ['init', '-q', '-b', 'main']);
  run('git', ['add', '-A']);
  run('git', ['commit', '-q', '-m', 'quick start']);
}, 300_000);

afterAll(async () => {
  await rm(project, { recursive: true, force: true });
});

describe("the README's quick start, from the packed package", () => {
  test('has the files it promises', async () => {
    expect(Object.keys(await quickStartFiles()).sort()).toEqual([
      'builder.ini',
      'mailer/Makefile',
      'mailer/welcome.test.ts',
      'mailer/welcome.ts',
      'users-api/Makefile',
      'users-api/app.test.ts',
      'users-api/app.ts',
      'users-api/contracts/users/get.json',
      'vitest.config.ts',
    ]);
  });

  test('abe lint finds the contract clean, its $schema resolving in node_modules', async () => {
    const lint = run('npx', ['abe', 'lint']);
    expect(lint.stdout).toContain('1 contract file linted, no problems');
    expect(lint.status).toBe(0);
    const schema = JSON.parse(
      await readFile(join(project, 'users-api/contracts/users/get.json'), 'utf8'),
    ) as { $schema: string };
    const resolved = join(project, 'users-api/contracts/users', schema.$schema);
    expect(JSON.parse(await readFile(resolved, 'utf8')).$id).toContain('abe.schema.json');
  });

  test('abe check --all runs both components: provider and consumer tests pass', () => {
    const check = run('npx', ['abe', 'check', '--all']);
    expect(check.status, `${check.stdout}\n${check.stderr}`).toBe(0);
    expect(check.stdout).toMatch(/✔ users-api test passed/);
    expect(check.stdout).toMatch(/✔ mailer test passed/);
  });

  test('a contract whose meaning changes reruns its consumer, and both sides catch it', async () => {
    run('git', ['checkout', '-q', '-b', 'rename']);
    const file = join(project, 'users-api/contracts/users/get.json');
    await writeFile(file, (await readFile(file, 'utf8')).replace('"email"', '"mail"'));
    run('git', ['commit', '-q', '-am', 'rename email to mail']);
    const check = run('npx', ['abe', 'check', '--base', 'main']);
    expect(check.stdout).toContain('mailer (mailer)');
    expect(check.stdout).toMatch(
      /contract: contract users-api\/contracts\/users\/get\.json changed/,
    );
    expect(check.stdout).toMatch(/✖ users-api test failed/);
    expect(check.stdout).toMatch(/✖ mailer test failed/);
    expect(check.status).toBe(1);
  });
});
