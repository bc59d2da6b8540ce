/**
 * `0.4s`, `12.3s`, `2m 05s`.
 *
 * @example
 * formatDuration(125_000) // '2m 05s'
 */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const total = Math.round(ms / 1000);
  return `${Math.floor(total / 60)}m ${String(total % 60).padStart(2, '0')}s`;
}
