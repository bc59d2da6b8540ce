/** A stream text is written to: `process.stdout`, or a buffer in tests. */
export interface OutputStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
}
