import { spawn } from 'node:child_process';
import { AbeError } from '../core/abe-error.js';
import { stopProcessGroup } from '../core/run-in-process-group.js';
import type { DeployEvent } from './deploy-event.js';

export interface KubectlOptions {
  /** The kubectl binary: `KUBECTL`, else `kubectl` looked up on the environment's PATH. */
  readonly kubectl: string;
  readonly context: string;
  readonly namespace: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Aborting stops kubectl and whatever it started: SIGTERM, then SIGKILL after `killGraceMs`. */
  readonly signal?: AbortSignal;
  /** Default 5000. */
  readonly killGraceMs?: number;
  readonly onEvent?: (event: DeployEvent) => void;
}

export interface KubectlResult {
  /** The full argument list after the binary. */
  readonly args: readonly string[];
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs kubectl with an argument array (never a shell), `--context` and `--namespace` always
 * appended, optional stdin, and output both streamed as events and returned. A missing binary
 * is an `AbeError` `deploy.kubectl-missing`; a non-zero exit is returned, not thrown.
 *
 * kubectl leads a process group of its own, so that an abort also reaches what it started (an
 * exec credential plugin such as `gke-gcloud-auth-plugin`), and so that nothing it leaves behind
 * outlives the call. An abort rejects with `deploy.kubectl` once the whole group is gone.
 *
 * @example
 * const result = await runKubectl(['apply', '-f', '-'], options, yamlText);
 * if (result.code !== 0) …
 */
export function runKubectl(
  args: readonly string[],
  options: KubectlOptions,
  stdin?: string,
): Promise<KubectlResult> {
  const fullArgs = [...args, '--context', options.context, '--namespace', options.namespace];
  options.onEvent?.({ type: 'command', argv: [options.kubectl, ...fullArgs] });
  const env = Object.fromEntries(
    Object.entries(options.env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  );
  const { signal } = options;
  const interrupted = (): AbeError =>
    new AbeError('deploy.kubectl', `stopped: kubectl ${args.join(' ')} was interrupted.`);
  if (signal?.aborted === true) return Promise.reject(interrupted());
  return new Promise((resolvePromise, reject) => {
    const child = spawn(options.kubectl, fullArgs, {
      cwd: options.cwd,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
      // A new session: kubectl leads its own process group (see above).
      detached: true,
      windowsHide: true,
    });
    const pgid = child.pid;
    let aborted = false;
    let stopped: Promise<void> = Promise.resolve();
    const onAbort = (): void => {
      if (pgid === undefined || aborted) return;
      aborted = true;
      stopped = stopProcessGroup(pgid, options.killGraceMs);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      stdout += text;
      options.onEvent?.({ type: 'output', stream: 'stdout', text });
    });
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      stderr += text;
      options.onEvent?.({ type: 'output', stream: 'stderr', text });
    });
    // kubectl may exit before reading all of stdin (a bad flag); that is reported by its exit code.
    child.stdin.on('error', () => {});
    child.stdin.end(stdin ?? '');
    child.on('exit', () => {
      signal?.removeEventListener('abort', onAbort);
      // What kubectl left running would keep its output pipes open, and the call with them.
      if (pgid !== undefined && !aborted) stopped = stopProcessGroup(pgid, options.killGraceMs);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      signal?.removeEventListener('abort', onAbort);
      if (error.code === 'ENOENT' || error.code === 'EACCES') {
        reject(missingKubectl(options, error));
      } else {
        reject(
          new AbeError('deploy.kubectl', `cannot run "${options.kubectl}": ${error.message}`, {
            cause: error,
          }),
        );
      }
    });
    child.on('close', (code, exitSignal) => {
      void stopped.then(() => {
        if (aborted) reject(interrupted());
        else {
          const exitCode = code ?? (exitSignal === null ? 1 : 128);
          resolvePromise({ args: fullArgs, code: exitCode, stdout, stderr });
        }
      });
    });
  });
}

function missingKubectl(options: KubectlOptions, error: NodeJS.ErrnoException): AbeError {
  const fromEnv = options.env.KUBECTL !== undefined && options.env.KUBECTL !== '';
  const what =
    error.code === 'EACCES'
      ? `"${options.kubectl}" is not executable`
      : fromEnv
        ? `"${options.kubectl}" (from KUBECTL) does not exist`
        : `"${options.kubectl}" is not on PATH`;
  return new AbeError('deploy.kubectl-missing', `cannot run kubectl: ${what}.`, {
    hint: 'Install kubectl (https://kubernetes.io/docs/tasks/tools/), or set KUBECTL to the path of the binary.',
    cause: error,
  });
}
