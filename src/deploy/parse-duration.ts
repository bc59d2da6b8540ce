// Go's time.ParseDuration syntax (without a sign), which `kubectl rollout status --timeout` takes;
// the deploy config writes every time limit this way.
const DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;
const PART = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g;
const UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/**
 * Milliseconds in a Go duration such as `90s`, `1h30m` or `500ms`, or undefined when the text
 * is not one (a bare number has no unit, so it is not).
 *
 * @example
 * parseDuration('1m30s') // 90000
 * parseDuration('300') // undefined
 */
export function parseDuration(text: string): number | undefined {
  if (!DURATION.test(text)) return undefined;
  let total = 0;
  for (const [, amount = '0', unit = 'ms'] of text.matchAll(PART)) {
    total += Number(amount) * (UNIT_MS[unit] ?? 1);
  }
  return total;
}
