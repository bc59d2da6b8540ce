#!/usr/bin/env node
import { main } from '../dist/bin/abe.js';

const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    controller.abort(signal);
    // A second signal while children are being stopped ends us at once.
    process.once(signal, () => process.exit(130));
  });
}
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
  signal: controller.signal,
});
