import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';

export interface ReadLogTailOptions {
  /** Default 50. */
  readonly lines?: number;
  /** Read at most this many bytes from the end. Default 16 KiB. */
  readonly bytes?: number;
}

/**
 * The last lines of a log file without reading all of it; empty when the file is missing.
 *
 * @example
 * const tail = await readLogTail('.abe/logs/api.test.log', { lines: 20 });
 */
export async function readLogTail(file: string, options: ReadLogTailOptions = {}): Promise<string> {
  const maxBytes = options.bytes ?? 16 * 1024;
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
    return lastLines(buffer, length < size, options);
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
  const maxBytes = options.bytes ?? 16 * 1024;
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return '';
  }
  try {
    const { size } = fstatSync(fd);
    const length = Math.min(size, maxBytes);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    return lastLines(buffer, length < size, options);
  } finally {
    closeSync(fd);
  }
}

/** The last lines of the end of a file; `partial` when the buffer starts mid-file. */
function lastLines(buffer: Buffer, partial: boolean, options: ReadLogTailOptions): string {
  let text = buffer.toString('utf8');
  // Reading from the middle of the file: drop the partial first line.
  if (partial) text = text.slice(text.indexOf('\n') + 1);
  const lines = text.replace(/\n$/, '').split('\n');
  return lines.slice(-(options.lines ?? 50)).join('\n');
}
