/**
 * Stable error codes. Tests and callers branch on `code`, never on message text.
 */
export type AbeErrorCode =
  | 'contract.read'
  | 'contract.parse'
  | 'contract.schema'
  | 'contract.invalid'
  | 'contract.label'
  | 'contract.request'
  | 'lint.no-match'
  | 'config.read'
  | 'config.invalid'
  | 'config.unknown-component'
  | 'config.cycle'
  | 'config.path'
  | 'git.shallow'
  | 'git.base'
  | 'git.failed'
  | 'runner.spawn'
  | 'deploy.config'
  | 'deploy.render'
  | 'deploy.validate'
  | 'deploy.kubectl'
  | 'deploy.kubectl-missing'
  | 'provider.target'
  | 'msw.input'
  | 'msw.example'
  | 'msw.unmatched-request'
  | 'mock.input'
  | 'mock.listen'
  | 'mock.command'
  | 'ledger.invalid'
  | 'ledger.missing'
  | 'ledger.write'
  | 'usage-lock.invalid'
  | 'usage-lock.missing'
  | 'usage';

export interface AbeErrorOptions {
  /** The file the problem is in, relative to the working directory where possible. */
  file?: string;
  line?: number;
  column?: number;
  /** What to do about it; appended to the message. */
  hint?: string;
  cause?: unknown;
}

/**
 * The one error class abe-ts throws for bad input or a bad environment.
 * The message always says what failed, why, and how to fix it.
 *
 * @example
 * try { await loadContract('users/get.json') }
 * catch (error) { if (error instanceof AbeError && error.code === 'contract.parse') … }
 */
export class AbeError extends Error {
  override readonly name = 'AbeError';
  readonly code: AbeErrorCode;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly hint: string | undefined;

  constructor(code: AbeErrorCode, message: string, options: AbeErrorOptions = {}) {
    super(
      composeMessage(message, options),
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = code;
    this.file = options.file;
    this.line = options.line;
    this.column = options.column;
    this.hint = options.hint;
  }
}

function composeMessage(message: string, { file, line, column, hint }: AbeErrorOptions): string {
  let where = '';
  if (file !== undefined) {
    where = file;
    if (line !== undefined) where += `:${line}${column === undefined ? '' : `:${column}`}`;
    where += ': ';
  }
  return `${where}${message}${hint === undefined ? '' : `\n${hint}`}`;
}
