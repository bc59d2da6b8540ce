import { describe, expect, test } from 'vitest';
import { useColor } from '../../src/cli/use-color.js';
import { runCli } from '../helpers/run-cli.js';

const tty = { write: () => true, isTTY: true } as const;
const pipe = { write: () => true } as const;

describe('colours', () => {
  test('a terminal gets colours, a pipe does not', () => {
    expect(useColor(tty, {})).toBe(true);
    expect(useColor(pipe, {})).toBe(false);
  });

  test('NO_COLOR turns them off only when it is not empty (no-color.org)', () => {
    expect(useColor(tty, { NO_COLOR: '1' })).toBe(false);
    expect(useColor(tty, { NO_COLOR: '' })).toBe(true);
  });

  test('FORCE_COLOR turns them on even off a terminal and over NO_COLOR; 0 and false turn them off', () => {
    expect(useColor(pipe, { FORCE_COLOR: '1' })).toBe(true);
    expect(useColor(pipe, { FORCE_COLOR: '' })).toBe(true);
    expect(useColor(pipe, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(true);
    expect(useColor(tty, { FORCE_COLOR: '0' })).toBe(false);
    expect(useColor(tty, { FORCE_COLOR: 'false' })).toBe(false);
  });

  test('abe lint honours FORCE_COLOR on a pipe', async () => {
    const plain = await runCli(['lint', 'fixtures/contracts/valid/users-get.json']);
    const forced = await runCli(['lint', 'fixtures/contracts/valid/users-get.json'], {
      env: { PATH: process.env.PATH, FORCE_COLOR: '1' },
    });
    expect(plain.stdout).not.toContain('\u001b[');
    expect(forced.stdout).toContain('\u001b[32m✔');
  });
});
