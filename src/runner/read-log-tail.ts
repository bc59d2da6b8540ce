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
  const maxLines = options.lines ?? 50;
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
    let text = buffer.toString('utf8');
    // Reading from the middle of the file: drop the partial first line.
    if (length < size) text = text.slice(text.indexOf('\n') + 1);
    const lines = text.replace(/\n$/, '').split('\n');
    return lines.slice(-maxLines).join('\n');
  } finally {
    await handle.close();
  }
}
