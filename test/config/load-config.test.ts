import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { findConfigFile, loadConfig } from '../../src/config/load-config.js';
import { AbeError } from '../../src/core/abe-error.js';

const SEED_INI = `[ployst-api]
downstream=integration-tests
path=ployst-api
release-process=docker

[ployst-ui]
downstream=integration-tests
path=ployst-ui
release-process=docker

[ployst-mailer]
path=ployst-mailer
release-process=docker

[integration-tests]
path=integration-tests

[builder]
path=operations/tools/builder

[deployer]
path=operations/tools/deployer
`;

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Writes builder.ini and creates the given component directories in a fresh temp dir. */
async function configDir(ini: string, directories: readonly string[] = []): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'abe-config-'));
  dirs.push(dir);
  await writeFile(join(dir, 'builder.ini'), ini);
  for (const directory of directories) await mkdir(join(dir, directory), { recursive: true });
  return dir;
}

async function loadError(ini: string, directories: readonly string[]): Promise<AbeError> {
  const dir = await configDir(ini, directories);
  const error = await loadConfig('builder.ini', { cwd: dir }).catch((e: unknown) => e);
  if (!(error instanceof AbeError)) throw new Error(`expected an AbeError, got ${String(error)}`);
  return error;
}

describe('loadConfig', () => {
  test('the seed builder.ini loads unchanged, in build order', async () => {
    const dir = await configDir(SEED_INI, [
      'ployst-api',
      'ployst-ui',
      'ployst-mailer',
      'integration-tests',
      'operations/tools/builder',
      'operations/tools/deployer',
    ]);
    const config = await loadConfig(join(dir, 'builder.ini'));
    expect(config.root).toBe(dir);
    expect(config.file).toBe(join(dir, 'builder.ini'));
    expect(config.components.map((c) => c.name)).toEqual([
      'ployst-api',
      'ployst-ui',
      'ployst-mailer',
      'integration-tests',
      'builder',
      'deployer',
    ]);
    expect(config.components.find((c) => c.name === 'integration-tests')).toEqual({
      name: 'integration-tests',
      path: 'integration-tests',
      downstream: [],
      upstream: ['ployst-api', 'ployst-ui'],
      releaseProcess: 'none',
      contracts: [],
      consumes: [],
      steps: ['build', 'test'],
      extra: {},
      line: 15,
    });
    expect(config.components[0]).toMatchObject({
      path: 'ployst-api',
      downstream: ['integration-tests'],
      releaseProcess: 'docker',
      line: 1,
    });
    expect(config.base).toBeUndefined();
    expect(config.globalFiles).toContain('builder.ini');
    expect(config.globalFiles).toContain('Makefile');
    expect(config.globalFiles).toContain('package-lock.json');
    expect(config.unknownKeys).toEqual([]);
  });

  test('upstream and downstream are both honoured and merged into both components', async () => {
    const dir = await configDir(
      '[web]\npath=web\nupstream=api\n\n[api]\npath=api\ndownstream=web, docs\n\n[docs]\npath=docs\n',
      ['web', 'api', 'docs'],
    );
    const config = await loadConfig(join(dir, 'builder.ini'));
    const byName = new Map(config.components.map((c) => [c.name, c]));
    expect(config.components.map((c) => c.name)).toEqual(['api', 'web', 'docs']);
    expect(byName.get('api')?.downstream).toEqual(['web', 'docs']);
    expect(byName.get('web')?.upstream).toEqual(['api']);
    expect(byName.get('docs')?.upstream).toEqual(['api']);
  });

  test('lists take commas or spaces; comments, contracts, consumes and the [abe] section are read', async () => {
    const dir = await configDir(
      `; the monorepo
[abe]
base = origin/trunk
global-files = tsconfig.base.json, tools/**   # shared
registry = registry.example.com/team

[api]
path = ./api/
contracts = contracts/**/*.json  openapi/*.json ; provided
owner = team-a

# the UI
[ui]
path=ui
consumes=api
release-process=custom
`,
      ['api', 'ui'],
    );
    const config = await loadConfig(join(dir, 'builder.ini'));
    expect(config.base).toBe('origin/trunk');
    expect(config.registry).toBe('registry.example.com/team');
    expect(config.globalFiles).toEqual(
      expect.arrayContaining(['builder.ini', 'tsconfig.base.json', 'tools/**']),
    );
    const [api, ui] = config.components;
    expect(api).toMatchObject({
      path: 'api',
      contracts: ['contracts/**/*.json', 'openapi/*.json'],
      extra: { owner: 'team-a' },
    });
    expect(ui).toMatchObject({ consumes: ['api'], releaseProcess: 'custom' });
    expect(config.unknownKeys).toEqual([{ section: 'api', key: 'owner', line: 10 }]);
  });

  test('CRLF line endings, a BOM, quoted values and "#" inside a value are read as meant', async () => {
    const dir = await configDir(
      '\uFEFF[abe]\r\nregistry="registry.example.com/a b" ; quoted\r\nbase=origin/release#2\r\n\r\n[api]\r\npath = api\r\n',
      ['api'],
    );
    const config = await loadConfig(join(dir, 'builder.ini'));
    expect(config.registry).toBe('registry.example.com/a b');
    expect(config.base).toBe('origin/release#2');
    expect(config.components[0]).toMatchObject({ name: 'api', path: 'api', line: 5 });
  });

  test('an unknown key near a known one is an error with file, line and suggestion', async () => {
    // `consume=` for `consumes=` would silently drop the contract edge: the core feature.
    const error = await loadError('[api]\npath=api\n\n[ui]\npath=ui\nconsume=api\n', ['api', 'ui']);
    expect(error.code).toBe('config.invalid');
    expect(error.message).toContain(
      'builder.ini:6: unknown key "consume" in [ui]. Did you mean "consumes"?',
    );
    expect(error.line).toBe(6);
  });

  test('an unknown key near no known one is kept for a warning; with strict it is an error', async () => {
    const dir = await configDir('[api]\npath=api\nowner=team-a\n', ['api']);
    const config = await loadConfig(join(dir, 'builder.ini'));
    expect(config.unknownKeys).toEqual([{ section: 'api', key: 'owner', line: 3 }]);
    expect(config.components[0]?.extra).toEqual({ owner: 'team-a' });
    const strict = await loadConfig(join(dir, 'builder.ini'), { strict: true }).catch(
      (error: unknown) => error,
    );
    expect(strict).toBeInstanceOf(AbeError);
    expect((strict as AbeError).message).toMatch(
      /builder\.ini:3: an unknown key \(--strict\):\n {2}\S*builder\.ini:3: unknown key "owner" in \[api\]\.\n/,
    );
  });

  test('steps= lists the make targets a component has; none means no Makefile is needed', async () => {
    const dir = await configDir(
      '[api]\npath=api\nsteps=test\n\n[docs]\npath=docs\nsteps=none\n\n[web]\npath=web\nsteps=test, build\n',
      ['api', 'docs', 'web'],
    );
    const config = await loadConfig(join(dir, 'builder.ini'));
    expect(config.components.map((c) => [c.name, c.steps])).toEqual([
      ['api', ['test']],
      ['docs', []],
      ['web', ['build', 'test']],
    ]);
    const error = await loadError('[api]\npath=api\nsteps=tests\n', ['api']);
    expect(error.message).toContain(
      'component [api] lists step "tests" in steps=, which abe does not run. Did you mean "test"?',
    );
  });

  test('an unknown component in downstream names the file and line and suggests the right one', async () => {
    const error = await loadError(
      '[ui]\npath=ui\ndownstream=intgration-tests\n\n[integration-tests]\npath=it\n',
      ['ui', 'it'],
    );
    expect(error.code).toBe('config.unknown-component');
    expect(error.message).toMatch(
      /^builder\.ini:3: component "ui" lists downstream "intgration-tests", which is not a component\. Did you mean "integration-tests"\?\n/,
    );
  });

  test('an unknown component in upstream or consumes is an error too', async () => {
    const upstream = await loadError('[ui]\npath=ui\nupstream=apii\n\n[api]\npath=api\n', [
      'ui',
      'api',
    ]);
    expect(upstream.message).toContain('builder.ini:3: component "ui" lists upstream "apii"');
    expect(upstream.message).toContain('Did you mean "api"?');
    const consumes = await loadError('[ui]\npath=ui\n\n\nconsumes=nothing-like-it\n', ['ui']);
    expect(consumes.code).toBe('config.unknown-component');
    expect(consumes.message).toMatch(
      /^builder\.ini:5: component "ui" lists consumes "nothing-like-it"/,
    );
  });

  test('a dependency cycle is a config error that prints the cycle and where its edges are', async () => {
    const error = await loadError(
      '[a]\npath=a\ndownstream=b\n\n[b]\npath=b\ndownstream=c\n\n[c]\npath=c\n\n[d]\npath=d\nupstream=c\n\n[a2]\npath=a2\n\n[x]\npath=x\nupstream=c\ndownstream=a\n',
      ['a', 'b', 'c', 'd', 'a2', 'x'],
    );
    expect(error.code).toBe('config.cycle');
    expect(error.message).toContain('dependency cycle: a → b → c → x → a.');
    expect(error.message).toContain('line 7: [b] downstream=c');
    expect(error.message).toContain('line 22: [x] downstream=a');
    expect(error.message).toMatch(/^builder\.ini:3: /);
  });

  test('a component that is its own downstream is a cycle', async () => {
    const error = await loadError('[a]\npath=a\ndownstream=a\n', ['a']);
    expect(error.code).toBe('config.cycle');
    expect(error.message).toContain('a → a');
  });

  test('paths are normalised however they are written', async () => {
    const written = [
      'services/api',
      './services/api',
      'services//api/',
      'services\\api',
      'x/../services/./api',
    ];
    for (const path of written) {
      const dir = await configDir(`[api]\npath=${path}\n`, ['services/api']);
      const config = await loadConfig('builder.ini', { cwd: dir });
      expect(config.components[0]?.path, path).toBe('services/api');
    }
  });

  test('a path outside the repository is an error with file and line', async () => {
    for (const path of ['../elsewhere', '/etc', 'api/../../x']) {
      const error = await loadError(`[api]\n\npath=${path}\n`, []);
      expect(error.code).toBe('config.path');
      expect(error.message).toMatch(/^builder\.ini:3: path ".*" is outside the repository/);
    }
  });

  test('a component path that is a symbolic link out of the repository is an error with file and line', async () => {
    const elsewhere = await mkdtemp(join(tmpdir(), 'abe-elsewhere-'));
    dirs.push(elsewhere);
    await mkdir(join(elsewhere, 'api'));
    const dir = await configDir('[api]\n\npath=api\n', []);
    await symlink(elsewhere, join(dir, 'api'));
    const linkedParent = await configDir('[web]\npath=web\n\n[api]\npath=out/api\n', ['web']);
    await symlink(elsewhere, join(linkedParent, 'out'));

    for (const [root, line, path] of [
      [dir, 3, 'api'],
      [linkedParent, 5, 'out/api'],
    ] as const) {
      const error = await loadConfig('builder.ini', { cwd: root }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AbeError);
      expect((error as AbeError).code).toBe('config.path');
      expect((error as AbeError).message).toMatch(
        new RegExp(
          `^builder\\.ini:${line}: component "api" has path "${path}", which leads through a symbolic link to .*, outside the repository`,
        ),
      );
    }
  });

  test('a symbolic link to a directory inside the repository is a component path like any other', async () => {
    const dir = await configDir('[api]\npath=api\n', ['services/api']);
    await symlink(join(dir, 'services', 'api'), join(dir, 'api'));

    const config = await loadConfig('builder.ini', { cwd: dir });

    expect(config.components.map((c) => c.path)).toEqual(['api']);
  });

  test('a component name git or make would misread is a config error with file and line', async () => {
    for (const [name, suggestion] of [
      ['-m', ' Did you mean [m]?'],
      ['--force', ' Did you mean [force]?'],
      ['my api', ' Did you mean [my-api]?'],
      ['team/api', ' Did you mean [team-api]?'],
      ['ui:web', ' Did you mean [ui-web]?'],
      ['a..b', ' Did you mean [a.b]?'],
      ['.hidden', ' Did you mean [hidden]?'],
      ['tab\there', ' Did you mean [tab-here]?'],
    ] as const) {
      const error = await loadError(`[api]\npath=api\n\n[${name}]\npath=web\n`, ['api', 'web']);
      expect(error.code, name).toBe('config.invalid');
      expect(error.message.split('\n')[0], name).toBe(
        `builder.ini:4: [${name.replace('\t', '\\t')}] is not a valid component name: a name starts with a letter or digit and holds only letters, digits, ".", "_" and "-" (no "..").${suggestion}`,
      );
    }
    const config = await loadConfig('builder.ini', {
      cwd: await configDir('[Api_2.v1-x]\npath=api\n', ['api']),
    });
    expect(config.components[0]?.name).toBe('Api_2.v1-x');
  });

  test('a path that does not exist is an error with file and line', async () => {
    const error = await loadError('[api]\npath=api\n\n[web]\npath=web\n', ['api']);
    expect(error.code).toBe('config.path');
    expect(error.message).toMatch(
      /^builder\.ini:5: component "web" has path "web", which is not a directory/,
    );
  });

  test('two components with the same path are an error naming both', async () => {
    const error = await loadError('[api]\npath=api\n\n[api2]\npath=./api/\n', ['api']);
    expect(error.code).toBe('config.path');
    expect(error.message).toMatch(
      /^builder\.ini:5: components "api" \(line 2\) and "api2" both have path "api"/,
    );
  });

  test('a component without path is an error pointing at its section', async () => {
    const error = await loadError('[api]\npath=api\n\n[web]\nconsumes=api\n', ['api']);
    expect(error.code).toBe('config.invalid');
    expect(error.message).toMatch(/^builder\.ini:4: component \[web\] has no "path"\./);
    expect(error.message).toContain('path=web');
  });

  test('duplicate sections, duplicate keys and lines that are not key=value are errors', async () => {
    expect((await loadError('[a]\npath=a\n[a]\npath=b\n', ['a', 'b'])).message).toMatch(
      /^builder\.ini:3: section \[a\] appears twice \(lines 1 and 3\)/,
    );
    expect((await loadError('[a]\npath=a\npath=b\n', ['a', 'b'])).message).toMatch(
      /^builder\.ini:3: key "path" is set twice in \[a\]/,
    );
    expect((await loadError('[a]\npath a\n', ['a'])).message).toMatch(
      /^builder\.ini:2: "path a" is not a "key=value" line/,
    );
    expect((await loadError('path=a\n[a]\n', ['a'])).message).toMatch(
      /^builder\.ini:1: "path" is set before any \[section\]/,
    );
  });

  test('an unknown release-process suggests the known one', async () => {
    const error = await loadError('[a]\npath=a\nrelease-process=dokcer\n', ['a']);
    expect(error.code).toBe('config.invalid');
    expect(error.message).toMatch(/^builder\.ini:3: .*"dokcer".*Did you mean "docker"\?/);
  });

  test('a missing file is a config.read error', async () => {
    const error = await loadConfig('/nonexistent/builder.ini').catch((e: unknown) => e);
    expect((error as AbeError).code).toBe('config.read');
    expect((error as AbeError).message).toContain('no such file');
  });
});

describe('findConfigFile', () => {
  test('prefers builder.ini at the top of the git repository', async () => {
    const dir = await configDir('[a]\npath=a\n', ['a/deep', 'a/deep']);
    await writeFile(join(dir, 'a/builder.ini'), '[x]\npath=.\n');
    execFileSync('git', ['init', '-q'], { cwd: dir });
    expect(await findConfigFile(join(dir, 'a/deep'))).toBe(join(dir, 'builder.ini'));
  });

  test('falls back to the nearest builder.ini upward, and says what to do when there is none', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'abe-config-'));
    dirs.push(dir);
    await mkdir(join(dir, 'repo/sub/deeper'), { recursive: true });
    execFileSync('git', ['init', '-q'], { cwd: join(dir, 'repo') });
    await writeFile(join(dir, 'repo/sub/builder.ini'), '[x]\npath=.\n');
    expect(await findConfigFile(join(dir, 'repo/sub/deeper'))).toBe(
      join(dir, 'repo/sub/builder.ini'),
    );

    await rm(join(dir, 'repo/sub/builder.ini'));
    const error = await findConfigFile(join(dir, 'repo/sub')).catch((e: unknown) => e);
    expect((error as AbeError).code).toBe('config.read');
    expect((error as AbeError).message).toContain('--config');
  });
});
