import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export interface RunInProcessGroupOptions {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  /** File descriptor that receives stdout and stderr (the step's log file). */
  readonly output: number;
  /** Also collect stdout and return it (it is still written to `output`). */
  readonly captureStdout?: boolean;
  /** Aborting stops the whole process group: SIGTERM, then SIGKILL after `killGraceMs`. */
  readonly signal?: AbortSignal;
  /** Default 5000. */
  readonly killGraceMs?: number;
}

export interface RunInProcessGroupResult {
  /** `null` when the command could not start or was ended by a signal. */
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Collected stdout with `captureStdout`, else empty. */
  readonly stdout: string;
  /** Why the command could not start (`ENOENT` when it is not on PATH). */
  readonly error: Error | null;
  /** True when the abort signal fired while the command ran. */
  readonly aborted: boolean;
  /**
   * Why captured stdout could not be copied to `output` (`ENOSPC` on a full disk), if it could
   * not; the copy stops there, the command is left to finish, and `stdout` is still whole.
   */
  readonly outputError: Error | null;
}

const DEFAULT_GRACE_MS = 5000;
const POLL_MS = 25;

/**
 * Spawns `file args…` without a shell as the leader of a new process group, output to a file
 * descriptor. Whatever the command leaves running in its group when it ends is sent SIGTERM;
 * on abort the whole group gets SIGTERM, then SIGKILL after the grace period, and the promise
 * settles only once no live member of the group is left.
 *
 * @example
 * const { exitCode } = await runInProcessGroup('make', ['-C', 'api', 'test'], { cwd, env, output: fd, signal });
 */
export function runInProcessGroup(
  file: string,
  args: readonly string[],
  options: RunInProcessGroupOptions,
): Promise<RunInProcessGroupResult> {
  const { signal, captureStdout = false } = options;
  if (signal?.aborted === true) {
    return Promise.resolve({
      exitCode: null,
      signal: null,
      stdout: '',
      error: null,
      aborted: true,
      outputError: null,
    });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let outputError: Error | null = null;
    let aborted = false;
    let stopping: Promise<void> = Promise.resolve();
    const child = spawn(file, [...args], {
      cwd: options.cwd,
      env: options.env,
      // A new session makes the child the leader of its own process group, so one kill reaches
      // everything make starts, including background jobs.
      detached: true,
      stdio: ['ignore', captureStdout ? 'pipe' : options.output, options.output],
      windowsHide: true,
    });
    const pgid = child.pid;
    const onAbort = (): void => {
      if (pgid === undefined || aborted) return;
      aborted = true;
      stopping = stopProcessGroup(pgid, options.killGraceMs);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout?.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (outputError !== null) return;
      // Thrown here, a full disk would end the whole process as an uncaught exception.
      try {
        for (let done = 0; done < chunk.length; ) done += writeSync(options.output, chunk, done);
      } catch (error) {
        outputError = error as Error;
      }
    });
    let exit: { code: number | null; signal: NodeJS.Signals | null } = { code: null, signal: null };
    child.on('exit', (code, exitSignal) => {
      exit = { code, signal: exitSignal };
      // Background jobs the recipe forgot would keep running (and writing to the log).
      if (pgid !== undefined && !aborted) sendToGroup(pgid, 'SIGTERM');
    });
    child.on('error', (error) => {
      signal?.removeEventListener('abort', onAbort);
      resolve({ exitCode: null, signal: null, stdout: '', error, aborted, outputError });
    });
    child.on('close', () => {
      signal?.removeEventListener('abort', onAbort);
      void stopping.then(() =>
        resolve({
          exitCode: exit.code,
          signal: exit.signal,
          stdout: Buffer.concat(chunks).toString('utf8'),
          error: null,
          aborted,
          outputError,
        }),
      );
    });
  });
}

/**
 * Sends SIGTERM to a process group, waits up to `graceMs` (default 5000) for every member to
 * end, then sends SIGKILL and waits for them to go.
 *
 * @example
 * const child = spawn('kubectl', args, { detached: true });
 * signal.addEventListener('abort', () => void stopProcessGroup(child.pid as number));
 */
export async function stopProcessGroup(pgid: number, graceMs = DEFAULT_GRACE_MS): Promise<void> {
  sendToGroup(pgid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupIsAlive(pgid)) {
    if (Date.now() >= deadline) {
      sendToGroup(pgid, 'SIGKILL');
      // SIGKILL cannot be caught; give the kernel a moment to tear the processes down.
      for (let tries = 0; tries < 40 && groupIsAlive(pgid); tries += 1) await sleep(POLL_MS);
      return;
    }
    await sleep(POLL_MS);
  }
}

function sendToGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is already empty.
  }
}

/**
 * True while the group has a member that is not a zombie. Orphans are reparented to PID 1,
 * which in containers often never reaps them: a zombie still answers `kill(-pgid, 0)`.
 */
function groupIsAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (process.platform !== 'linux') return true;
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^[0-9]+$/.test(entry)) continue;
      const state = processState(entry);
      if (
        state !== undefined &&
        state.pgrp === pgid &&
        state.state !== 'Z' &&
        state.state !== 'X'
      ) {
        return true;
      }
    }
    return false;
  } catch {
    return true;
  }
}

function processState(pid: string): { state: string; pgrp: number } | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) may contain spaces and parentheses: fields resume after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const state = fields[0];
  const pgrp = Number(fields[2]);
  return state === undefined ? undefined : { state, pgrp };
}
