#!/usr/bin/env node
import { main } from '../dist/cli/main.js';

// `abe lint | head` closes the pipe early: the reader has seen all it wanted, so the rest of the
// output goes nowhere instead of ending the run with an unhandled EPIPE and a stack trace. The
// exit code is still the command's own.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
}

// Ctrl-C and SIGTERM abort the command, which stops every process it started; a second signal
// while they are being stopped ends abe at once.
const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    controller.abort(signal);
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
