import { spawn } from 'node:child_process';
import { stopProcessGroup } from '../core/run-in-process-group.js';

/** How a wrapped command ended. */
export interface WrappedResult {
  /** `null` when it could not start or a signal ended it. */
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Why it could not start (`ENOENT` when it is not on PATH). */
  readonly error: NodeJS.ErrnoException | null;
}

/**
 * Runs `file args…` without a shell, stdio inherited, as the leader of its own process group:
 * on abort (Ctrl-C, SIGTERM) the whole group is stopped, SIGTERM then SIGKILL, before the
 * promise settles. Being a new session, it has no controlling terminal: reading stdin (a
 * debugger's prompt) works without the SIGTTIN a background group of abe's session would get.
 *
 * @example
 * const { exitCode } = await runWrappedCommand('python3', ['-m', 'unittest'], { cwd, env, signal });
 */
export function runWrappedCommand(
  file: string,
  args: readonly string[],
  options: { cwd: string; env: Record<string, string>; signal?: AbortSignal | undefined },
): Promise<WrappedResult> {
  return new Promise((resolve) => {
    const child = spawn(file, [...args], {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: 'inherit',
    });
    let stopping: Promise<void> = Promise.resolve();
    const onAbort = (): void => {
      if (child.pid !== undefined) stopping = stopProcessGroup(child.pid);
    };
    if (options.signal?.aborted === true) onAbort();
    else options.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (error: NodeJS.ErrnoException) => {
      options.signal?.removeEventListener('abort', onAbort);
      resolve({ exitCode: null, signal: null, error });
    });
    child.on('close', (exitCode, signal) => {
      options.signal?.removeEventListener('abort', onAbort);
      void stopping.then(() => resolve({ exitCode, signal, error: null }));
    });
  });
}
