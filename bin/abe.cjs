#!/usr/bin/env node
// CommonJS on purpose: starting through Node's CommonJS loader, which the bundle in dist/bin/
// is written for, is ~10 ms faster than setting up the ES module loader.
const { main } = require('../dist/bin/abe.cjs');

const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    controller.abort(signal);
    // A second signal while children are being stopped ends us at once.
    process.once(signal, () => process.exit(130));
  });
}
main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
  signal: controller.signal,
}).then((code) => {
  process.exitCode = code;
});
