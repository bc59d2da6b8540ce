import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { runCli } from '../helpers/run-cli.js';

// The shop's own tests run through `abe check` (npm run demo, and CI); these keep the parts
// the demo does not exercise honest: its contracts, config and deployment directory.

const temp: string[] = [];
afterEach(() => {
  for (const dir of temp.splice(0)) rmSync(dir, { recursive: true, force: true });
});

test("the shop's contracts lint clean", async () => {
  const run = await runCli(['lint', 'examples/shop/api/contracts']);
  expect(run).toMatchObject({ code: 0, stdout: '✔ 3 contract files linted, no problems\n' });
});

test("the Python inventory's contracts, provider states included, lint clean", async () => {
  const run = await runCli(['lint', 'examples/shop/inventory/contracts']);
  expect(run).toMatchObject({ code: 0, stdout: '✔ 2 contract files linted, no problems\n' });
});

test("the shop's builder.ini puts every component in build order, Python ones included", async () => {
  const run = await runCli([
    'affected',
    '--all',
    '--json',
    '--config',
    'examples/shop/builder.ini',
  ]);
  expect(run.code).toBe(0);
  const names = (JSON.parse(run.stdout) as { components: { name: string }[] }).components.map(
    (component) => component.name,
  );
  expect(names).toEqual(['api', 'mailer', 'ui', 'reports', 'inventory', 'integration-tests']);
});

test("the shop's production templates render and validate with a release tag", async () => {
  const out = mkdtempSync(join(tmpdir(), 'abe-shop-render-'));
  temp.push(out);
  const run = await runCli([
    'deploy',
    '--dir',
    'examples/shop/deploy/production',
    '--tag',
    '1.4.0',
    '--render-only',
    out,
  ]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const api = parseAllDocuments(readFileSync(join(out, 'api.yaml'), 'utf8')).map((document) =>
    document.toJS(),
  );
  expect(api[0]).toMatchObject({
    kind: 'Deployment',
    spec: {
      replicas: 3,
      template: { spec: { containers: [{ image: 'registry.shop.example/api:1.4.0' }] } },
    },
  });
});
