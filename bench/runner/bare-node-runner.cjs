// The least a runner written for Node can do: `make -C <dir> test` for each directory named,
// `jobs` at a time, no shell, no config, no logs, no reports. What it takes over `xargs -P` is
// what Node itself costs on this machine (start-up, spawning from a large process, exit), so
// what the abe CLI takes over it is abe's own share.
// Usage: node bare-node-runner.cjs <jobs> <dir>…
const { spawn } = require('node:child_process');

const jobs = Number(process.argv[2]);
const dirs = process.argv.slice(3);
let next = 0;
let running = 0;
let failed = 0;

const startMore = () => {
  while (running < jobs && next < dirs.length) {
    const dir = dirs[next];
    next += 1;
    running += 1;
    spawn('make', ['-s', '-C', dir, 'test'], { stdio: 'ignore' }).on('exit', (code) => {
      running -= 1;
      if (code !== 0) failed += 1;
      if (next < dirs.length) startMore();
      else if (running === 0) process.exit(failed === 0 ? 0 : 1);
    });
  }
};
startMore();
