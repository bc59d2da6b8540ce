import type { OutputStream } from '../core/output-stream.js';

export type { OutputStream };

/** Everything a command may touch of the outside world, so tests can run the CLI in-process. */
export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Aborted on Ctrl-C / SIGTERM; long-running commands stop their children when it fires. */
  readonly signal?: AbortSignal;
}

export interface CliContext extends CliIo {
  /** Colour output on stdout: see `useColor` (`FORCE_COLOR`, `NO_COLOR`, a terminal). */
  readonly color: boolean;
  /** The command's result; `main` returns it. */
  exitCode: number;
}

export const EXIT_OK = 0;
export const EXIT_FAILURES = 1;
export const EXIT_USAGE = 2;
