import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { afterEach, expect, test } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

// The shop's Python components, through the commands their Makefiles run: the reports' unittest
// suite under `abe mock`, the inventory's server under `abe verify`. Real Python 3, standard
// library only; the demo checks the same pieces inside `abe check`.

const shop = resolve('examples/shop');
const env = { PATH: process.env.PATH };
const unittest = ['python3', '-m', 'unittest', 'discover', '-s', 'tests', '-t', '.'];
// Python writes __pycache__/ beside the modules it imports; tests run from copies where they
// can, and the repository ignores the rest.
const temp: string[] = [];
const servers: ChildProcessByStdio<null, Readable, null>[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    if (server.exitCode === null && server.signalCode === null) {
      server.kill();
      await once(server, 'exit');
    }
  }
  for (const dir of temp.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the api's contracts and the reports, with a builder.ini naming only those two. */
function reportsShop(): string {
  const dir = mkdtempSync(join(tmpdir(), 'abe-shop-reports-'));
  temp.push(dir);
  const skipCache = (source: string) => !source.includes('__pycache__');
  cpSync(join(shop, 'api/contracts'), join(dir, 'api/contracts'), { recursive: true });
  cpSync(join(shop, 'reports'), join(dir, 'reports'), { recursive: true, filter: skipCache });
  writeFileSync(
    join(dir, 'builder.ini'),
    '[api]\npath = api\ncontracts = contracts/**/*.json\n\n[reports]\npath = reports\nconsumes = api\n',
  );
  return dir;
}

/** Starts the inventory on a free port and returns its base URL once it listens. */
async function startInventory(args: readonly string[]): Promise<string> {
  const server = spawn('python3', ['-m', 'shop_inventory', '--port', '0', ...args], {
    cwd: join(shop, 'inventory'),
    env: { ...env, PYTHONDONTWRITEBYTECODE: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  servers.push(server);
  const lines = createInterface({ input: server.stdout });
  const [first] = (await once(lines, 'line')) as [string];
  lines.close();
  const url = /^inventory listening on (http:\/\/\S+)$/.exec(first)?.[1];
  if (url === undefined) throw new Error(`the inventory did not start: ${first}`);
  return url;
}

test("the reports' suite passes against the api's contracts under abe mock", async () => {
  const dir = reportsShop();
  const run = await runCli(['mock', '--component', 'api', '--', ...unittest], {
    cwd: join(dir, 'reports'),
    env,
  });
  // The suite's own output is inherited by the terminal, not captured: the exit code says it all.
  expect(run.code).toBe(0);
});

test('the reports fail under abe mock once the api renames "username"', async () => {
  const dir = reportsShop();
  const contract = join(dir, 'api/contracts/users/get.json');
  writeFileSync(
    contract,
    readFileSync(contract, 'utf8').replace('"username": "alice"', '"login": "alice"'),
  );
  const run = await runCli(['mock', '--component', 'api', '--', ...unittest], {
    cwd: join(dir, 'reports'),
    env,
  });
  expect(run.code).toBe(1);
});

test('the inventory passes abe verify, its provider states set up through /__states', async () => {
  const url = await startInventory(['--test-states']);
  const run = await runCli(
    ['verify', url, '--component', 'inventory', '--state-setup-url', `${url}/__states`],
    { cwd: join(shop, 'inventory'), env },
  );
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
});

test('without its state endpoint the inventory fails the examples that need a state', async () => {
  // Outside test mode POST /__states is a 404: the "out of stock" examples then meet an item in
  // stock, so they fail, which shows the states really are set up in the test above.
  const url = await startInventory([]);
  const run = await runCli(
    ['verify', url, '--component', 'inventory', '--state-setup-url', `${url}/__states`],
    { cwd: join(shop, 'inventory'), env },
  );
  expect(run.code).toBe(1);
  const output = run.stdout + run.stderr;
  expect(output).toContain('items/get.json#out of stock');
  expect(output).toContain(`${url}/__states`);
});
