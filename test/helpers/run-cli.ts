import { main } from '../../src/cli/main.js';

/** Every command `abe --help` lists, in its order. */
export const COMMAND_NAMES: readonly string[] = [
  'init',
  'lint',
  'mock',
  'verify',
  'affected',
  'discover',
  'build',
  'test',
  'release',
  'tag',
  'check',
  'coverage',
  'deploy',
];

/** A help text lists the command in its commands table. */
export function listsCommand(help: string, name: string): boolean {
  return new RegExp(`\\n  ${name} \\[options\\]`).test(help);
}

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the `abe` CLI in-process with captured output. */
export async function runCli(
  argv: readonly string[],
  options: { cwd?: string; env?: Record<string, string | undefined>; signal?: AbortSignal } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? { PATH: process.env.PATH },
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  return { code, stdout, stderr };
}
