#!/usr/bin/env node
// CommonJS on purpose: starting through Node's CommonJS loader, which the bundle in dist/bin/
// is written for, is ~10 ms faster than setting up the ES module loader.
const { main } = require('../dist/bin/abe.cjs');

// `abe lint` and `abe check` run a few contract-checking functions over thousands of files in a
// fraction of a second. TurboFan's inlining then costs more compile time than it saves: without
// it, linting 10,000 contracts took 2% less wall time (bench/lint). Other commands gain nothing
// from it, so they do not pay the 4 ms that loading node:v8 costs. It is set before any of our
// code is hot, so no optimizing compile is in flight when the flag changes.
const command = process.argv.slice(2).find((arg) => !arg.startsWith('-'));
if (command === 'lint' || command === 'check') {
  require('node:v8').setFlagsFromString('--no-turbo-inlining');
}

// `abe lint | head` closes the pipe early: the reader has seen all it wanted, so the rest of the
// output goes nowhere instead of ending the run with an unhandled EPIPE and a stack trace. The
// exit code is still the command's own.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
}

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
  // The command is done: leaving now skips tearing down the heap and every handle, 7 ms at the
  // end of each run. Only once all output has left the process, though: pipes are asynchronous
  // on macOS and Windows, and exiting with writes queued would cut the output short.
  if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) {
    process.exit(code);
  }
});
