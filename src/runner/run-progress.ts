import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import type { OutputStream } from '../core/output-stream.js';
import { formatBytes } from './format-bytes.js';
import { formatDuration } from './format-duration.js';
import { readLogEndSync } from './read-log-tail.js';
import type { RunEvent } from './run-event.js';
import { failureReasons, type StepResult } from './run-result.js';

/**
 * `tty`: a live status line per running step, redrawn in place, over a line counting finished
 * steps. `plain`: a line as each step starts and ends, the end line led by the count of finished
 * steps. `github`: plain, with each passing step's log in a collapsed `::group::`. In every mode
 * a failing step's log is printed, whole up to {@link SHOWN_LOG_LINES} lines and
 * {@link SHOWN_LOG_BYTES}; of a longer one, its end, after a line that says how much is left out
 * and where the whole log is.
 */
export type ProgressMode = 'tty' | 'plain' | 'github';

export interface RunProgress {
  onEvent(event: RunEvent): void;
  /** Erases the live lines and stops redrawing. */
  stop(): void;
}

export interface RunProgressOptions {
  readonly mode: ProgressMode;
  readonly color: boolean;
  /** Repository root; log paths are shown relative to it. */
  readonly root: string;
  /**
   * Steps planned for the run, every component × step pair (a skipped step counts: it ends
   * too). Finished steps are shown out of it, `[12/40]`; a run of one step shows no count.
   */
  readonly total: number;
}

/** Lines of a log shown at most, from its end: a failure's cause is mostly in its last lines. */
export const SHOWN_LOG_LINES = 200;
/**
 * Bytes of a log read and shown at most: reading a whole log made a 1 GB one fail to show
 * at all, and a 300 MB one take abe to 1.8 GB of memory.
 */
export const SHOWN_LOG_BYTES = 64 * 1024;

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const REDRAW_MS = 100;

/**
 * Shows a run as it happens.
 *
 * @example
 * const progress = createRunProgress(process.stderr, { mode: 'plain', color: false, root, total: 40 });
 * await runComponents({ ...request, onEvent: (event) => progress.onEvent(event) });
 * progress.stop();
 */
export function createRunProgress(stream: OutputStream, options: RunProgressOptions): RunProgress {
  const { mode, root, total } = options;
  const paint = (code: string, text: string): string =>
    options.color ? `\u001b[${code}m${text}\u001b[0m` : text;
  const running = new Map<string, { label: string; since: number; logFile: string }>();
  // With one step planned, its own line already says how far the run is.
  const counted = total > 1;
  let finished = 0;
  let failed = 0;
  let liveLines = 0;

  const clearLive = (): void => {
    if (liveLines > 0) stream.write(`\u001b[${liveLines}A\u001b[J`);
    liveLines = 0;
  };
  const drawLive = (): void => {
    if (mode !== 'tty') return;
    clearLive();
    const width = Math.max(40, ((stream as { columns?: number }).columns ?? 80) - 1);
    const frame = SPINNER[Math.floor(Date.now() / 80) % SPINNER.length] ?? '-';
    const lines = [...running.values()].map(({ label, since, logFile }) => {
      const head = `${frame} ${label} ${formatDuration(Date.now() - since)}`;
      const last = lastLine(logFile);
      const room = width - head.length - 2;
      const tail = room > 8 && last !== '' ? `  ${truncate(last, room)}` : '';
      return `${paint('36', head)}${paint('2', tail)}`;
    });
    if (counted) {
      const failures = failed > 0 ? paint('31', `, ${failed} failed`) : '';
      lines.push(`${counter(finished, total)} finished${failures}`);
    }
    if (lines.length > 0) stream.write(`${lines.join('\n')}\n`);
    liveLines = lines.length;
  };
  /** Writes lines above the live area. */
  const print = (text: string): void => {
    clearLive();
    stream.write(text);
    drawLive();
  };

  const timer = mode === 'tty' ? setInterval(drawLive, REDRAW_MS) : undefined;
  timer?.unref();

  return {
    onEvent(event) {
      if (event.type === 'step-start') {
        const label = `${event.component} ${event.step}`;
        running.set(label, { label, since: Date.parse(event.startedAt), logFile: event.logFile });
        if (mode === 'tty') drawLive();
        else stream.write(`${paint('36', '▶')} ${label}\n`);
        return;
      }
      const { result } = event;
      const label = `${result.component} ${result.step}`;
      running.delete(label);
      finished += 1;
      if (result.status === 'failed') failed += 1;
      // The tty count lives in the status line; plain logs carry it on each end line.
      const count = counted && mode !== 'tty' ? `${counter(finished, total)} ` : '';
      const line = `${count}${endLine(result, paint)}\n`;
      if (result.status === 'failed') {
        print(`${line}${failedLog(result, root, paint)}`);
      } else if (mode === 'github' && result.status === 'passed' && result.logFile !== null) {
        print(`::group::${line}${shownLog(result.logFile, root)}::endgroup::\n`);
      } else {
        print(line);
      }
    },
    stop() {
      if (timer !== undefined) clearInterval(timer);
      if (mode === 'tty') clearLive();
    },
  };
}

/** `[ 9/40]`: finished out of planned, padded so a column of them lines up. */
function counter(finished: number, total: number): string {
  return `[${String(finished).padStart(String(total).length)}/${total}]`;
}

function endLine(result: StepResult, paint: (code: string, text: string) => string): string {
  const label = `${result.component} ${result.step}`;
  const time = formatDuration(result.durationMs);
  if (result.status === 'passed') {
    return `${paint('32', '✔')} ${label} passed in ${time}${result.note === null ? '' : paint('2', ` (${result.note})`)}`;
  }
  if (result.status === 'skipped') {
    return `${paint('33', '○')} ${label} skipped${result.note === null ? '' : `: ${result.note}`}`;
  }
  const why = failureReasons(result);
  return `${paint('31', '✖')} ${label} failed in ${time}${why.length > 0 ? ` (${why.join(', ')})` : ''}`;
}

function failedLog(
  result: StepResult,
  root: string,
  paint: (code: string, text: string) => string,
): string {
  if (result.logFile === null) return '';
  const label = `${result.component} ${result.step}`;
  return [
    paint('31', `──── log of ${label} (${relative(root, result.logFile)}) ────`),
    shownLog(result.logFile, root).replace(/\n$/, ''),
    paint('31', `──── end of the log of ${label} ────`),
    '',
  ].join('\n');
}

/**
 * A log as the output shows it, ending with a newline unless empty: whole when short, else its
 * last lines after a line that says how much is left out and where the whole log is.
 */
function shownLog(file: string, root: string): string {
  const end = readLogEndSync(file, { lines: SHOWN_LOG_LINES, bytes: SHOWN_LOG_BYTES });
  const text = end.text === '' ? '' : `${end.text}\n`;
  if (end.omittedBytes === 0) return text;
  const lines = end.text === '' ? 0 : end.text.split('\n').length;
  const follow = lines === 1 ? 'the last line follows' : `the last ${lines} lines follow`;
  return `[… ${formatBytes(end.omittedBytes)} of ${formatBytes(end.size)} left out: ${follow}. The whole log is ${relative(root, file)}]\n${text}`;
}

/** The last non-empty line of a log, read from its end only. */
function lastLine(file: string): string {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const size = statSync(file).size;
    const length = Math.min(size, 2048);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    const lines = buffer
      .toString('utf8')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: colour codes would garble the status line
      .replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '')
      .split(/\r?\n|\r/)
      .map((line) => line.trim())
      .filter((line) => line !== '');
    return lines.at(-1) ?? '';
  } catch {
    return '';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function truncate(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width ? text : `${chars.slice(0, width - 1).join('')}…`;
}
