#!/usr/bin/env node
// CommonJS on purpose: started through Node's CommonJS loader, which the bundle in dist/bin/ is
// written for, abe never sets up the ES module loader (scripts/bundle-cli.js says what it saves).
const { main } = require('../dist/bin/abe.cjs');

// `abe lint | head` closes the pipe early: the reader has seen all it wanted, so the rest of the
// output goes nowhere instead of ending the run with an unhandled EPIPE and a stack trace. The
// exit code is still the command's own.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
}

// Ctrl-C and SIGTERM abort the command, which stops every process it started; a second signal
// while they are being stopped ends abe at once, with the code a shell gives a process that
// signal ended: 128 + its number, 130 for SIGINT and 143 for SIGTERM.
const { constants } = require('node:os');
const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (controller.signal.aborted) process.exit(128 + constants.signals[signal]);
    controller.abort(signal);
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
