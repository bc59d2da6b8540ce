import { logSafeLineStart, logSafeText } from '../core/log-safe-text.js';
import { formatFailure } from '../provider/format-failure.js';
import type { ExampleResult } from '../provider/types.js';
import { formatDuration } from '../runner/format-duration.js';
import { countVerified, failedExamples, type VerifyRun } from './verify-run.js';

export interface FormatVerifyOptions {
  /** ANSI colours. Default false. */
  readonly color?: boolean;
}

const MARKS = {
  passed: ['✔', '32'],
  failed: ['✖', '31'],
  skipped: ['-', '2'],
} as const;

/**
 * The line `abe verify` prints when an example ends: `✔ users/get.json  OK  GET /users/1`,
 * `✖ …`, or `- … (skipped)`.
 *
 * @example
 * context.stdout.write(formatVerifyLine(result, { color: context.color }));
 */
export function formatVerifyLine(result: ExampleResult, options: FormatVerifyOptions = {}): string {
  const [mark, code] = MARKS[result.outcome];
  const paint = painter(options.color === true);
  // File names and labels are the contract author's text: escaped, they stay on their line.
  const text = `${mark} ${logSafeText(result.file)}  ${logSafeText(result.label)}  ${logSafeText(`${result.method} ${result.url}`)}`;
  return `${paint(code, result.outcome === 'skipped' ? `${text} (skipped)` : text)}\n`;
}

/**
 * What `abe verify` prints after the last example: every failure in full (file, label,
 * request and each mismatch, as the provider tests print them), then the count line
 * `12 examples: 11 passed, 1 failed, 3 skipped (0.4s)`.
 *
 * @example
 * context.stdout.write(formatVerifyEnd(run, { color: context.color }));
 */
export function formatVerifyEnd(run: VerifyRun, options: FormatVerifyOptions = {}): string {
  const paint = painter(options.color === true);
  const out: string[] = [];
  for (const { failure } of failedExamples(run)) out.push('', safeBlock(formatFailure(failure)));
  const counts = countVerified(run.examples);
  const parts = [
    `${counts.passed} passed`,
    counts.failed > 0 ? paint('31', `${counts.failed} failed`) : `${counts.failed} failed`,
    `${counts.skipped} skipped`,
  ];
  out.push(
    '',
    `${counts.total} example${counts.total === 1 ? '' : 's'}: ${parts.join(', ')} (${formatDuration(run.durationMs)})`,
  );
  return `${out.join('\n')}\n`;
}

/**
 * The whole summary, as a `--reporter summary=FILE` file holds it: every line, then the end.
 *
 * @example
 * await writeFile('reports/verify.txt', formatVerifySummary(run));
 */
export function formatVerifySummary(run: VerifyRun, options: FormatVerifyOptions = {}): string {
  return (
    run.examples.map((example) => formatVerifyLine(example, options)).join('') +
    formatVerifyEnd(run, options)
  );
}

function painter(color: boolean): (code: string, text: string) => string {
  return (code, text) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
}

/** A failure quotes the provider's answers: each line escaped, so none can pose as a command. */
function safeBlock(text: string): string {
  return text
    .split('\n')
    .map((line) => logSafeLineStart(line))
    .join('\n');
}
