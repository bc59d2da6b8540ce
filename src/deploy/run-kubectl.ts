import { spawn } from 'node:child_process';
import { AbeError } from '../core/abe-error.js';
import { stopProcessGroup } from '../core/run-in-process-group.js';
import type { DeployEvent } from './deploy-event.js';
import { interrupted } from './deploy-interrupted.js';
import { redactCredentials } from './redact-credentials.js';

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
  /**
   * Stop kubectl (its whole process group, as on abort) when it runs longer than this, and
   * resolve with `timedOut: true`. Default: no limit.
   */
  readonly timeoutMs?: number;
  readonly onEvent?: (event: DeployEvent) => void;
}

export interface KubectlResult {
  /** The full argument list after the binary. */
  readonly args: readonly string[];
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** True when kubectl ran past `timeoutMs` and was stopped; `code` is then not kubectl's verdict. */
  readonly timedOut: boolean;
}

/**
 * Runs kubectl with an argument array (never a shell), `--context` and `--namespace` always
 * appended, optional stdin, and output both streamed as events (line by line) and returned, with
 * the `user:password@` of any URL in it masked. A missing binary is an `AbeError`
 * `deploy.kubectl-missing`; a non-zero exit is returned, not thrown, and so is a call stopped at
 * its `timeoutMs` (`timedOut: true`).
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
  const stoppedError = (): AbeError => interrupted(`kubectl ${args.join(' ')}`);
  if (signal?.aborted === true) return Promise.reject(stoppedError());
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
    let timedOut = false;
    let stopped: Promise<void> = Promise.resolve();
    const stop = (): void => {
      if (pgid !== undefined) stopped = stopProcessGroup(pgid, options.killGraceMs);
    };
    const onAbort = (): void => {
      if (aborted || timedOut) return;
      aborted = true;
      stop();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            // A kubectl that has exited finished its work, whatever is left in its group.
            if (aborted || child.exitCode !== null || child.signalCode !== null) return;
            timedOut = true;
            stop();
          }, options.timeoutMs);
    const settle = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    };
    const stdout = collectLines('stdout', options.onEvent);
    const stderr = collectLines('stderr', options.onEvent);
    child.stdout.setEncoding('utf8').on('data', stdout.add);
    child.stderr.setEncoding('utf8').on('data', stderr.add);
    // kubectl may exit before reading all of stdin (a bad flag); that is reported by its exit code.
    child.stdin.on('error', () => {});
    child.stdin.end(stdin ?? '');
    child.on('exit', () => {
      settle();
      // What kubectl left running would keep its output pipes open, and the call with them.
      if (!aborted && !timedOut) stop();
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      settle();
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
        if (aborted) reject(stoppedError());
        else {
          const exitCode = code ?? (exitSignal === null ? 1 : 128);
          resolvePromise({
            args: fullArgs,
            code: exitCode,
            stdout: stdout.end(),
            stderr: stderr.end(),
            timedOut,
          });
        }
      });
    });
  });
}

/**
 * Collects one output stream, passing it on as whole lines so that a URL split across two reads
 * is still masked; `end` flushes the rest and returns the whole text, masked.
 */
function collectLines(
  stream: 'stdout' | 'stderr',
  onEvent: ((event: DeployEvent) => void) | undefined,
): { add: (text: string) => void; end: () => string } {
  let text = '';
  let sent = 0;
  const send = (upTo: number): void => {
    if (upTo > sent) {
      onEvent?.({ type: 'output', stream, text: redactCredentials(text.slice(sent, upTo)) });
    }
    sent = upTo;
  };
  return {
    add: (chunk) => {
      text += chunk;
      send(text.lastIndexOf('\n') + 1);
    },
    end: () => {
      send(text.length);
      return redactCredentials(text);
    },
  };
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
