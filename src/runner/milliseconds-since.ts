/**
 * Whole milliseconds from a `process.hrtime.bigint()` reading until now. A monotonic clock, so a
 * duration is never negative when the wall clock moves.
 *
 * @example
 * const t0 = process.hrtime.bigint();
 * await work();
 * const durationMs = millisecondsSince(t0);
 */
export function millisecondsSince(start: bigint): number {
  return Math.round(Number(process.hrtime.bigint() - start) / 1e6);
}
