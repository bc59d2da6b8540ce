// Shared helpers for the benchmark scripts: wall-clock timing of whole commands, medians, tables.
import { spawnSync } from 'node:child_process';

/**
 * Runs a command `runs` times (after one warm-up, unless `warmUp` is false) and returns the wall
 * times in milliseconds.
 */
export function timeCommand(command, args, { runs = 5, cwd, env, check, warmUp = true } = {}) {
  const times = [];
  for (let run = warmUp ? -1 : 0; run < runs; run += 1) {
    const start = process.hrtime.bigint();
    const result = spawnSync(command, args, {
      cwd,
      env: env ?? process.env,
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });
    const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    if (check !== undefined) check(result);
    if (run >= 0) times.push(elapsed);
  }
  return times;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Prints rows (arrays of cells) as an aligned Markdown table. */
export function printTable(headers, rows) {
  const cells = [headers, ...rows].map((row) => row.map(String));
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => row[column].length)));
  const line = (row) => `| ${row.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  console.log(line(cells[0]));
  console.log(`| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`);
  for (const row of cells.slice(1)) console.log(line(row));
}

export const ms = (value) => `${value.toFixed(1)} ms`;
export const ratio = (value) => `${value.toFixed(2)}×`;
