import { closeSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** A step's log file, open for the step's commands and for abe's own lines. */
export interface StepLog {
  /** Absolute path of the file. */
  readonly file: string;
  /** The descriptor the step's commands write to. */
  readonly fd: number;
  /**
   * The first failure writing to the log (`ENOSPC` on a full disk, `EIO`…), or `null`. Once set,
   * abe writes nothing more to it: the step fails (see `runStep`).
   */
  readonly error: Error | null;
  /** Appends text. Never throws: a failure is kept in `error`. */
  write(text: string): void;
  /** Keeps a failure to write to the log found elsewhere (a command's captured output). */
  fail(error: Error): void;
  /** Closes the file; a failure to close (which may be a write that failed late) is kept too. */
  close(): void;
}

/**
 * Opens a new, empty log file in place of the last run's. Synchronous: an open on the thread
 * pool put a round trip between one make ending and the next starting, and the log is a local
 * file. Throws when the file cannot be opened (`EACCES`, `EISDIR`, `ENOSPC`…).
 *
 * The old file is removed rather than truncated: on ext4, truncating a file that has data and
 * closing it after new writes starts a write-back of it (the "replace via truncate" safeguard),
 * which made each open and close take 0.5–3 ms during a run instead of 0.1 ms. Removing also
 * means a symbolic link left at the log's path is replaced, never written through.
 *
 * @example
 * const log = openStepLog('/repo/.abe/logs/api.test.log');
 * log.write('$ make -C api test\n');
 * log.close();
 * if (log.error !== null) // the step fails: its log is not whole
 */
export function openStepLog(file: string): StepLog {
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const fd = openSync(file, 'w');
  let failure: Error | null = null;
  let open = true;
  const fail = (error: Error): void => {
    failure ??= error;
  };
  return {
    file,
    fd,
    get error() {
      return failure;
    },
    write(text) {
      if (failure !== null || !open) return;
      try {
        const bytes = Buffer.from(text, 'utf8');
        // A write that meets a full disk may write part of the buffer before it fails.
        for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done);
      } catch (error) {
        fail(error as Error);
      }
    },
    fail,
    close() {
      if (!open) return;
      open = false;
      try {
        closeSync(fd);
      } catch (error) {
        fail(error as Error);
      }
    },
  };
}

/**
 * The note of a step whose log could not be written: which file, the system's reason, what
 * became of the step, and the fix. `shownFile` is the log as messages show it.
 *
 * @example
 * unwritableLogNote('.abe/logs/api.test.log', enospc, false);
 * // 'cannot write the log .abe/logs/api.test.log (ENOSPC: no space left on device), so the step did not run: free space on the disk that holds .abe/logs'
 */
export function unwritableLogNote(shownFile: string, error: Error, ran: boolean): string {
  const code = (error as NodeJS.ErrnoException).code;
  // Node's messages end with the call, and its path (`, open '/repo/.abe/logs/…'`), which the
  // note already shows.
  const reason = error.message.replace(/, [a-z]+(?: '.*')?$/s, '');
  const directory = dirname(shownFile);
  const fix =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? `free space on the disk that holds ${directory}`
      : `make sure abe can create and write files in ${directory}`;
  return `cannot write the log ${shownFile} (${reason}), so ${ran ? 'the log is not whole' : 'the step did not run'}: ${fix}`;
}
