import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';

export interface ReadLogTailOptions {
  /** Default 50. */
  readonly lines?: number;
  /** Read at most this many bytes from the end. Default 16 KiB. */
  readonly bytes?: number;
}

/** The end of a log file, and how much of the file comes before it. */
export interface LogEnd {
  /** The last lines, without the final newline; empty when the file is empty or missing. */
  readonly text: string;
  /** Size of the whole file in bytes; 0 when it is missing. */
  readonly size: number;
  /** Bytes of the file before `text`, not read: 0 when `text` is all of it. */
  readonly omittedBytes: number;
}

const DEFAULT_LINES = 50;
const DEFAULT_BYTES = 16 * 1024;
const NEWLINE = 0x0a;

/**
 * The last lines of a log file without reading all of it; empty when the file is missing.
 *
 * @example
 * const tail = await readLogTail('.abe/logs/api.test.log', { lines: 20 });
 */
export async function readLogTail(file: string, options: ReadLogTailOptions = {}): Promise<string> {
  const maxBytes = options.bytes ?? DEFAULT_BYTES;
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch {
    return '';
  }
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, maxBytes);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    return lastLines(buffer, size, options).text;
  } finally {
    await handle.close();
  }
}

/**
 * `readLogTail` without a trip through the thread pool, for a check that runs after every
 * step, between one make ending and the next starting: a few microseconds instead of a few
 * hundred on a local file.
 *
 * @example
 * const lastTwo = readLogTailSync('.abe/logs/api.test.log', { lines: 2, bytes: 8192 });
 */
export function readLogTailSync(file: string, options: ReadLogTailOptions = {}): string {
  return readLogEndSync(file, options).text;
}

/**
 * The last lines of a log file, read from its end only, with how many bytes come before them:
 * what a failed step shows of a log that may be a gigabyte, and how much it leaves out.
 *
 * @example
 * const { text, omittedBytes } = readLogEndSync('.abe/logs/api.test.log', { lines: 200, bytes: 64 * 1024 });
 */
export function readLogEndSync(file: string, options: ReadLogTailOptions = {}): LogEnd {
  const maxBytes = options.bytes ?? DEFAULT_BYTES;
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return { text: '', size: 0, omittedBytes: 0 };
  }
  try {
    const { size } = fstatSync(fd);
    const length = Math.min(size, maxBytes);
    const buffer = Buffer.alloc(length);
    const read = readSync(fd, buffer, 0, length, size - length);
    return lastLines(buffer.subarray(0, read), size, options);
  } finally {
    closeSync(fd);
  }
}

/**
 * The last lines of `buffer`, the end of a file of `size` bytes. Works on bytes, so a line is
 * never cut inside a character, except a line longer than the whole buffer: its end is shown.
 */
function lastLines(buffer: Buffer, size: number, options: ReadLogTailOptions): LogEnd {
  const before = size - buffer.length;
  const end =
    buffer.length > 0 && buffer[buffer.length - 1] === NEWLINE ? buffer.length - 1 : buffer.length;
  // Reading from the middle of the file: drop the partial first line, unless it is all there is.
  const firstNewline = before > 0 ? buffer.indexOf(NEWLINE) : -1;
  const first = firstNewline !== -1 && firstNewline < end ? firstNewline + 1 : 0;
  const wanted = options.lines ?? DEFAULT_LINES;
  let start = end;
  let lines = 0;
  while (start > first) {
    if (buffer[start - 1] === NEWLINE) {
      lines += 1;
      if (lines === wanted) break;
    }
    start -= 1;
  }
  return { text: buffer.toString('utf8', start, end), size, omittedBytes: before + start };
}
