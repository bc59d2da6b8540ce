// biome-ignore-all lint/suspicious/noTemplateCurlyInString: literal ${…} placeholders are what these tests are about
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { runCli } from '../helpers/run-cli.js';
import { type DeployWorkspace, makeWorkspace, useFixture } from './kubectl-stand-in.js';

let ws: DeployWorkspace;
beforeEach(async () => {
  ws = await makeWorkspace();
});
afterEach(async () => {
  await ws.cleanup();
});

const EVIL_VALUES = {
  'a newline with a key': 'hi\nevil: true',
  'a colon and space': 'a: b',
  'a document separator': 'x\n---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: stolen',
  'another placeholder': '${DOMAIN}',
};

interface ApiDeployment {
  spec: { template: { spec: { containers: Record<string, unknown>[] } } };
}

describe('injection through values', () => {
  test.each(Object.entries(EVIL_VALUES))(
    'a tag holding %s is refused before kubectl runs',
    async (_name, tag) => {
      const run = await runCli(['deploy', '--dir', ws.dir, '--tag', tag], {
        cwd: ws.root,
        env: ws.env(),
      });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('is not a valid image tag');
      expect(await ws.calls()).toEqual([]);
    },
  );

  test('a DOCKER_TAG environment variable holding a newline is refused before kubectl runs', async () => {
    const run = await runCli(['deploy', '--dir', ws.dir], {
      cwd: ws.root,
      env: ws.env({ DOCKER_TAG: '1.0\nevil: true' }),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is not a valid image tag');
    expect(await ws.calls()).toEqual([]);
  });

  test.each(Object.entries(EVIL_VALUES))(
    'a variable holding %s reaches kubectl as one string value, with no new key or document',
    async (_name, value) => {
      const run = await runCli(
        ['deploy', '--dir', ws.dir, '--tag', '1.4.2', '--var', `GREETING=${value}`],
        {
          cwd: ws.root,
          env: ws.env(),
        },
      );
      expect(run.code).toBe(0);
      const [apply] = await ws.calls();
      const docs = parseAllDocuments(apply?.stdin ?? '').flatMap((d) =>
        Array.isArray(d) ? [] : [d.toJS() as Record<string, unknown>],
      );
      expect(docs.map((d) => d.kind)).toEqual([
        'ConfigMap',
        'Deployment',
        'Service',
        'StatefulSet',
      ]);
      const api = docs[1] as unknown as ApiDeployment;
      const [container] = api.spec.template.spec.containers;
      expect(Object.keys(container ?? {})).toEqual(['name', 'image', 'env']);
      expect((container?.env as unknown[] | undefined)?.[0]).toEqual({ name: 'GREETING', value });
    },
  );
});

describe('placeholders that cannot be resolved', () => {
  test('an undeclared variable names the file, the line and the variable, and nothing is applied', async () => {
    await useFixture(ws, 'broken/unset-variable.yaml', 'templates/api.yaml');
    const run = await runCli(['deploy', '--dir', ws.dir, '--tag', '1.4.2'], {
      cwd: ws.root,
      env: ws.env(),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'operations/production/templates/api.yaml:6: ${DOMAN} has no value. It is not a declared variable for component "api". Did you mean "DOMAIN"?',
    );
    expect(run.stderr).toContain('nothing was applied');
    expect(await ws.calls()).toEqual([]);
  });

  test('a declared variable missing from the component’s template_args is not substituted', async () => {
    const worker = join(ws.root, ws.dir, 'templates/worker.yaml');
    await writeFile(
      worker,
      (await readFile(worker, 'utf8')).replace('"${API_IMAGE}"', '"${API_IMAGE}", "${DOMAIN}"'),
    );
    const run = await runCli(['deploy', '--dir', ws.dir, '--tag', '1.4.2'], {
      cwd: ws.root,
      env: ws.env(),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('templates/worker.yaml:19: ${DOMAIN} has no value.');
    expect(run.stderr).toContain('not in components.worker.template_args');
    expect(await ws.calls()).toEqual([]);
  });

  test('no tag at all is reported for every image placeholder, with how to pass one', async () => {
    const run = await runCli(['deploy', '--dir', ws.dir], { cwd: ws.root, env: ws.env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'No image tag for component "api": pass --tag TAG (or --tag api=TAG), or set DOCKER_TAG.',
    );
    expect(run.stderr).toContain('${WORKER_IMAGE} has no value');
    expect(await ws.calls()).toEqual([]);
  });

  test('a placeholder in a key is an error, since keys are never substituted', async () => {
    await writeFile(
      join(ws.root, ws.dir, 'templates/api.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  ${GREETING}: yes\n',
    );
    const run = await runCli(['deploy', '--dir', ws.dir, '--tag', '1.4.2'], {
      cwd: ws.root,
      env: ws.env(),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('templates/api.yaml:6: "${GREETING}" is a key');
    expect(await ws.calls()).toEqual([]);
  });

  test('a template that is not valid YAML is reported with its line, and nothing is applied', async () => {
    await writeFile(
      join(ws.root, ws.dir, 'templates/api.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  name: y\n',
    );
    const run = await runCli(['deploy', '--dir', ws.dir, '--tag', '1.4.2'], {
      cwd: ws.root,
      env: ws.env(),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('templates/api.yaml:5: not valid YAML');
    expect(await ws.calls()).toEqual([]);
  });
});

describe('YAML that kubectl would read differently from what was validated', () => {
  async function deployTemplate(text: string, file = 'templates/api.yaml') {
    await writeFile(join(ws.root, ws.dir, file), text);
    return runCli(['deploy', '--dir', ws.dir, '--tag', '1.4.2'], { cwd: ws.root, env: ws.env() });
  }

  test('a << merge key in a template is refused with its line, and nothing is applied', async () => {
    const run = await deployTemplate(
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  <<: {namespace: other}\ndata:\n  a: b\n',
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'operations/production/templates/api.yaml:5: "<<" is a YAML merge key',
    );
    expect(run.stderr).toContain('nothing was applied');
    expect(await ws.calls()).toEqual([]);
  });

  test('a merge key through an alias, in a YAML 1.1 static manifest, is refused too', async () => {
    const run = await deployTemplate(
      '%YAML 1.1\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: &meta\n  name: settings\ndata:\n  <<: *meta\n',
      'static/settings.yaml',
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('static/settings.yaml:8: "<<" is a YAML merge key');
    expect(await ws.calls()).toEqual([]);
  });

  test('a YAML alias bomb is a render error with its line, not an internal error', async () => {
    const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (const [i, name] of ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].entries()) {
      const previous = String.fromCharCode(97 + i);
      laughs.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    const run = await deployTemplate(
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  ${laughs.join('\n  ')}\n`,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).not.toContain('internal error');
    expect(run.stderr).toContain('operations/production/templates/api.yaml:7: document 1');
    expect(run.stderr).toContain('its aliases (*a) expand to more than 100 nodes');
    expect(await ws.calls()).toEqual([]);
  });

  test('strings YAML 1.1 reads as booleans or numbers reach kubectl quoted, as the strings validated', async () => {
    const run = await runCli(
      ['deploy', '--dir', ws.dir, '--tag', '1.4.2', '--var', 'GREETING=on'],
      { cwd: ws.root, env: ws.env() },
    );
    expect(run.code).toBe(0);
    const [apply] = await ws.calls();
    // kubectl's YAML reader (go-yaml v2) follows YAML 1.1, where a plain `on` is true.
    const docs = parseAllDocuments(apply?.stdin ?? '', { version: '1.1' }).flatMap((d) =>
      Array.isArray(d) ? [] : [d.toJS() as Record<string, unknown>],
    );
    const api = docs[1] as unknown as ApiDeployment;
    const [container] = api.spec.template.spec.containers;
    expect((container?.env as unknown[] | undefined)?.[0]).toEqual({
      name: 'GREETING',
      value: 'on',
    });
  });
});
