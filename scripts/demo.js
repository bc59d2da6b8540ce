#!/usr/bin/env node
// The main job on the bundled example: a contract change in a small monorepo, checked the way
// CI would check it. Copies examples/shop into a temp directory, makes it a git repository,
// and runs `abe check --base main` on four feature branches:
//   1. the api renames a field (contract and code): abe reruns its three consumers (mailer and
//      ui in TypeScript under msw, reports in Python under `abe mock`), which break;
//   2. the consumers follow the rename: everything passes;
//   3. a contract is only reformatted: no consumer is rerun;
//   4. the Python inventory changes an answer its contract promises: `abe verify` catches it;
//   5. the mailer starts relying on a new "suspended" example that no api test verifies: the
//      contract ledger's gate fails the check at that example's line;
//   6. with `precision = example` (the shop's builder.ini) and its usage lock, a change to the
//      "not found" example of orders/list.json reruns only the ui, the one consumer using it.
// Exits 0 when every step behaved as described, 1 otherwise: it doubles as an end-to-end test.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyShop } from './copy-shop.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const abe = join(repo, 'bin/abe.cjs');
const keep = process.argv.includes('--keep');
const bold = (text) =>
  process.stdout.isTTY && !process.env.NO_COLOR ? `\u001b[1m${text}\u001b[0m` : text;
const failures = [];

if (!existsSync(join(repo, 'dist/cli/main.js'))) {
  console.error(
    'demo: dist/ is missing. Run `npm ci` (it builds the package) or `npm run build` first.',
  );
  process.exit(2);
}

const shop = mkdtempSync(join(tmpdir(), 'abe-demo-shop-'));
try {
  setUpShop(shop);

  chapter('1. The api renames "username" to "login" in its code and in users/get.json');
  git('checkout', '-q', '-b', 'rename-username');
  edit('api/contracts/users/get.json', (text) =>
    text.replace('"username": "alice"', '"login": "alice"'),
  );
  edit('api/src/store.ts', (text) => text.replaceAll('username', 'login'));
  edit('api/src/app.ts', (text) => text.replaceAll('username', 'login'));
  edit('api/contracts/users/create.json', (text) => text.replaceAll('"username"', '"login"'));
  git('commit', '-q', '-am', 'api: rename username to login');
  let report = check();
  expect(report.contracts.errorCount === 0, 'the contracts lint clean');
  expect(
    names(report).join(' ') === 'api mailer ui reports integration-tests',
    'api, its three consumers and the integration tests are selected',
  );
  expect(
    reasonOf(report, 'mailer', 'contract').includes('api/contracts/users/get.json'),
    'the mailer is selected because the contract changed meaning',
  );
  expect(
    status(report, 'api', 'test') === 'passed',
    "the api's provider tests pass against the new contract",
  );
  expect(
    status(report, 'mailer', 'test') === 'failed',
    'the mailer, still reading "username", fails against the new examples',
  );
  expect(status(report, 'ui', 'test') === 'failed', 'the ui fails the same way');
  expect(
    status(report, 'reports', 'build') === 'passed' &&
      status(report, 'reports', 'test') === 'failed',
    'the Python reports, still reading "username", fail against the new examples under abe mock',
  );
  expect(
    logOf(report, 'reports', 'test').includes("KeyError: 'username'"),
    "the reports' failure is the rename: KeyError: 'username'",
  );
  expect(
    status(report, 'integration-tests', 'build') === 'skipped',
    'the integration tests are skipped: their upstreams failed',
  );
  expect(report.exitCode === 1, 'abe check exits 1: the break is caught before merge');

  chapter('2. The consumers follow the rename');
  edit('mailer/src/welcome-email.ts', (text) => text.replaceAll('username', 'login'));
  edit('ui/src/user-card.ts', (text) => text.replaceAll('username', 'login'));
  edit('reports/shop_reports/user_report.py', (text) =>
    text.replace('user["username"]', 'user["login"]'),
  );
  git('commit', '-q', '-am', 'mailer, ui, reports: read login');
  report = check();
  expect(
    report.ok === true && report.exitCode === 0,
    'every affected component builds and passes: abe check exits 0',
  );
  expect(
    status(report, 'integration-tests', 'test') === 'passed',
    'the integration tests run the real api with the real consumers',
  );
  expect(status(report, 'reports', 'test') === 'passed', 'the Python reports pass under abe mock');

  chapter('3. Only whitespace changes in a contract');
  git('checkout', '-q', 'main');
  git('checkout', '-q', '-b', 'reformat-contract');
  edit(
    'api/contracts/orders/list.json',
    (text) => `${JSON.stringify(JSON.parse(text), null, 4)}\n`,
  );
  git('commit', '-q', '-am', 'api: reformat orders/list.json');
  report = check();
  expect(
    names(report).join(' ') === 'api integration-tests',
    'only the api (its file changed) and its downstream are selected',
  );
  expect(
    !names(report).includes('mailer') && !names(report).includes('ui'),
    'no consumer is rerun: the contract means the same',
  );
  expect(report.exitCode === 0, 'abe check exits 0');

  chapter('4. The Python inventory answers "available" where its contract promises "stock"');
  git('checkout', '-q', 'main');
  git('checkout', '-q', '-b', 'inventory-available');
  edit('inventory/shop_inventory/server.py', (text) =>
    text.replace('"stock": item.stock', '"available": item.stock > 0'),
  );
  git('commit', '-q', '-am', 'inventory: answer whether an item is available');
  report = check();
  expect(names(report).join(' ') === 'inventory', 'only the inventory is selected');
  const verifyLog = logOf(report, 'inventory', 'test');
  expect(
    status(report, 'inventory', 'test') === 'failed' &&
      /examples: \d+ passed, [1-9]\d* failed/.test(verifyLog),
    'abe verify fails the inventory: its answers no longer match its examples',
  );
  expect(
    verifyLog.includes('items/get.json#OK') && /\/body\/stock +missing/.test(verifyLog),
    'the mismatch is shown: items/get.json#OK, /body/stock missing',
  );
  expect(report.exitCode === 1, 'abe check exits 1');

  chapter('5. The mailer relies on a "suspended" example that no api test verifies');
  git('checkout', '-q', 'main');
  git('checkout', '-q', '-b', 'mailer-suspended');
  edit('api/contracts/users/get.json', (text) =>
    text.replace(
      '    "unauthenticated": {',
      `    "suspended": {
      "description": "A suspended account (the api does not answer it yet)",
      "request": { "url": "/users/3", "headers": { "Authorization": "Bearer shop-token" } },
      "response": { "status": 403, "body": { "detail": "Account suspended." } }
    },
    "unauthenticated": {`,
    ),
  );
  edit('api/test/provider.test.ts', (text) =>
    text.replace(
      '    beforeEach: () => store.seed(),',
      `    // "suspended" is not built yet: its example is left out of the provider's tests.
    filter: (_contract, example) => example.label !== 'suspended',
    beforeEach: () => store.seed(),`,
    ),
  );
  edit('integration-tests/test/shop.test.ts', (text) =>
    text.replace(
      "filter: (_contract, example) => example.request.method === 'GET',",
      "filter: (_contract, example) =>\n      example.request.method === 'GET' && example.label !== 'suspended',",
    ),
  );
  edit(
    'mailer/test/welcome-email.test.ts',
    (text) => `${text}
test('a suspended user gets no welcome email', async () => {
  await expect(welcomeEmail(api, 3)).rejects.toThrow('shop api answered 403');
});
`,
  );
  git('commit', '-q', '-am', 'api: a suspended example; mailer: handle suspended users');
  report = check();
  const contractText = readFileSync(join(shop, 'api/contracts/users/get.json'), 'utf8');
  const suspendedLine =
    contractText.split('\n').findIndex((line) => line.includes('"suspended"')) + 1;
  const finding = report.ledger?.findings?.find((f) => f.label === 'suspended');
  expect(
    report.components.every((c) => c.steps.every((step) => step.status === 'passed')),
    'every step passes on its own: the api\'s tests leave "suspended" out, the mailer\'s use it',
  );
  expect(
    finding?.message ===
      'example "suspended" of api/contracts/users/get.json was used by mailer, but no provider test verified it' &&
      finding.severity === 'error',
    'the ledger gate finds it: example "suspended" … was used by mailer, but no provider test verified it',
  );
  expect(
    finding?.line === suspendedLine,
    `the finding points at the example's line (api/contracts/users/get.json:${suspendedLine}), where --reporter github puts its annotation`,
  );
  expect(
    report.ledger?.drift?.some((d) => d.consumer === 'mailer' && d.label === 'suspended') === true,
    'the usage lock drifted too: the mailer now uses "suspended" (the fix: abe check --all && abe coverage --write-usage)',
  );
  expect(report.exitCode === 1, 'abe check exits 1: the mailer relies on an unproven promise');

  chapter('6. precision = example: "not found" of orders/list.json changes, only the ui uses it');
  git('checkout', '-q', 'main');
  git('checkout', '-q', '-b', 'orders-not-found');
  edit('api/contracts/orders/list.json', (text) =>
    text.replace(
      '"response": { "status": 404, "body": { "detail": "Not found." } }',
      '"response": { "status": 404, "body": { "detail": "Not found." } },\n      "nonStrict": ["detail"]',
    ),
  );
  git('commit', '-q', '-am', "api: the detail of an unknown user's orders may vary");
  const affected = JSON.parse(
    execFileSync(process.execPath, [abe, 'affected', '--base', 'main', '--json'], {
      cwd: shop,
      encoding: 'utf8',
      env: { ...process.env, CI: '', GITHUB_ACTIONS: '' },
    }),
  );
  console.log(
    execFileSync(process.execPath, [abe, 'affected', '--base', 'main'], {
      cwd: shop,
      encoding: 'utf8',
      env: { ...process.env, CI: '', GITHUB_ACTIONS: '', NO_COLOR: '1' },
    }),
  );
  expect(
    names(affected).join(' ') === 'api ui integration-tests',
    'the api (its file changed), the ui (it uses "not found") and their downstream are selected',
  );
  expect(
    reasonOf(affected, 'ui', 'contract').includes('(used by this component per abe-usage.json)'),
    "the ui's reason names the example and the usage lock",
  );
  expect(
    (affected.notRerun ?? [])
      .map((left) => left.name)
      .sort()
      .join(' ') === 'mailer reports',
    'the mailer and the reports are not rerun: abe-usage.json says they do not use "not found"',
  );
  report = check();
  expect(report.exitCode === 0, 'abe check exits 0, having run only what the change can break');
} finally {
  if (keep) console.log(`\nThe demo repository is kept at ${shop}`);
  else rmSync(shop, { recursive: true, force: true });
}

console.log(`\n${bold('Demo summary')}`);
if (failures.length === 0) {
  console.log('✔ every step behaved as described');
} else {
  for (const failure of failures) console.log(`✖ ${failure}`);
  process.exitCode = 1;
}

function setUpShop(dir) {
  chapter(`Setting up the example monorepo in ${dir}`);
  copyShop(dir);
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'The shop: api, mailer, ui, reports, inventory, integration tests');
  console.log('  git repository with a main branch, 1 commit');
}

function check() {
  const reportFile = join(shop, '.abe', 'demo-report.json');
  const args = ['check', '--base', 'main', '-j', '2', '--reporter', `json=${reportFile}`];
  console.log(`\n$ abe check --base main\n`);
  // Every chapter writes the same report path: without this, a run that fails before writing
  // its report would be judged on the previous chapter's.
  rmSync(reportFile, { force: true });
  const result = spawnSync(process.execPath, [abe, ...args], {
    cwd: shop,
    stdio: 'inherit',
    env: { ...process.env, CI: '', GITHUB_ACTIONS: '' },
  });
  if (!existsSync(reportFile)) {
    const ended =
      result.error !== undefined
        ? `could not start (${result.error.message})`
        : result.signal !== null
          ? `was killed by ${result.signal}`
          : `exited with status ${result.status}`;
    throw new Error(
      `demo: \`abe ${args.join(' ')}\` ${ended} and wrote no report: ${reportFile} is missing. Its output above says why.`,
    );
  }
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  report.exitCode = result.status;
  return report;
}

function chapter(title) {
  console.log(`\n${bold(`━━ ${title}`)}`);
}

function git(...args) {
  return execFileSync('git', args, {
    cwd: shop,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Demo',
      GIT_AUTHOR_EMAIL: 'demo@example.com',
      GIT_COMMITTER_NAME: 'Demo',
      GIT_COMMITTER_EMAIL: 'demo@example.com',
    },
  });
}

function edit(file, change) {
  const path = join(shop, file);
  writeFileSync(path, change(readFileSync(path, 'utf8')));
  console.log(`  edited ${file}`);
}

function names(report) {
  return report.components.map((component) => component.name);
}

function status(report, name, step) {
  return report.components
    .find((component) => component.name === name)
    ?.steps.find((entry) => entry.step === step)?.status;
}

/** The output of a component's step, from the log file abe check wrote for it. */
function logOf(report, name, step) {
  const logFile = report.components
    .find((component) => component.name === name)
    ?.steps.find((entry) => entry.step === step)?.logFile;
  if (logFile === undefined || logFile === null) return '';
  const path = resolve(shop, logFile);
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

function reasonOf(report, name, kind) {
  const reasons = report.components.find((component) => component.name === name)?.reasons ?? [];
  return reasons
    .filter((reason) => reason.kind === kind)
    .map((reason) => reason.detail)
    .join('; ');
}

function expect(holds, what) {
  console.log(`  ${holds ? '✔' : '✖'} ${what}`);
  if (!holds) failures.push(what);
}
