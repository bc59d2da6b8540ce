import { spawn } from 'node:child_process';
import { AbeError } from '../core/abe-error.js';

export interface GitResult {
  readonly code: number;
  readonly stdout: Buffer;
  readonly stderr: string;
}

export interface RunGitOptions {
  readonly cwd: string;
  /** Written to git's standard input, which is then closed. */
  readonly input?: string;
}

/**
 * Runs one git command with an argument array (no shell) and collects its output as bytes,
 * so `-z` output and file contents survive unchanged. A non-zero exit is returned, not
 * thrown; only a git that cannot start throws (`git.failed`).
 *
 * @example
 * const { code, stdout } = await runGit(['rev-parse', 'HEAD'], { cwd: '/repo' });
 */
export function runGit(args: readonly string[], options: RunGitOptions): Promise<GitResult> {
  return new Promise((resolvePromise, reject) => {
    // Hooks, pagers and prompts have no place in a read-only query.
    const child = spawn('git', ['-c', 'core.quotePath=false', ...args], {
      cwd: options.cwd,
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' },
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        new AbeError(
          'git.failed',
          error.code === 'ENOENT'
            ? 'git is not installed or not on PATH, and affected detection needs it.'
            : `git ${args[0] ?? ''} could not start in ${options.cwd}: ${error.message}.`,
          {
            hint: 'Install git, or use --all to select every component without git.',
            cause: error,
          },
        ),
      );
    });
    child.on('close', (code) => {
      resolvePromise({
        code: code ?? 1,
        stdout: Buffer.concat(out),
        stderr: Buffer.concat(err).toString('utf8').trim(),
      });
    });
    if (options.input !== undefined && child.stdin !== null) {
      child.stdin.on('error', () => {
        // git may exit before reading everything; the exit code tells what happened.
      });
      child.stdin.end(options.input);
    }
  });
}

/**
 * What to say after "failed": git's own message, or its exit code when it printed none.
 *
 * @example
 * throw new AbeError('git.failed', `\`git status\` failed: ${gitFailure(result)}.`);
 */
export function gitFailure(result: GitResult): string {
  return result.stderr === '' ? `exit code ${result.code}` : result.stderr;
}

/**
 * Runs git and returns stdout as text, throwing `git.failed` with git's message on a non-zero exit.
 *
 * @example
 * const sha = (await gitText(['merge-base', 'origin/main', 'HEAD'], { cwd: '/repo' })).trim();
 */
export async function gitText(args: readonly string[], options: RunGitOptions): Promise<string> {
  const result = await runGit(args, options);
  if (result.code !== 0) {
    throw new AbeError(
      'git.failed',
      `\`git ${args.join(' ')}\` failed in ${options.cwd}: ${gitFailure(result)}.`,
      { hint: 'Run the same git command there to see what is wrong with the repository.' },
    );
  }
  return result.stdout.toString('utf8');
}
