import { differingExcerpts, previewValue } from './preview-value.js';
import type { Mismatch } from './types.js';

export interface FormatMismatchesOptions {
  /** ANSI colours: expected in green, actual in red. Off unless asked for. */
  readonly color?: boolean;
  /** At most this many mismatches are listed; the rest are counted. Default 50. */
  readonly limit?: number;
  /** Characters shown of each value; longer ones are cut, long strings around their first difference. Default 60. */
  readonly width?: number;
}

const MAX_POINTER_COLUMN = 36;

/**
 * Turns mismatches into text for a human: one line per mismatch, its JSON pointer first,
 * then what was expected and what came, each value shortened to `width` characters (a long
 * string shows the stretch where it first differs). Only the differing parts of a body are
 * shown, each at the pointer that finds it.
 *
 * @example
 * formatMismatches(matchResponse(example, response));
 * // /status        expected 200, got 404
 * // /body/user/id  expected a number 1, got a string "1"
 */
export function formatMismatches(
  mismatches: readonly Mismatch[],
  opts: FormatMismatchesOptions = {},
): string {
  if (mismatches.length === 0) return 'no mismatches';
  const paint = painter(opts.color === true);
  const width = Math.max(opts.width ?? 60, 10);
  const limit = Math.max(opts.limit ?? 50, 1);
  const shown = mismatches.slice(0, limit);
  const column = Math.min(
    MAX_POINTER_COLUMN,
    Math.max(...shown.map((mismatch) => displayPointer(mismatch.path).length)),
  );
  const lines = shown.map((mismatch) => {
    const pointer = displayPointer(mismatch.path);
    return `${paint.path(pointer.padEnd(column))}  ${describe(mismatch, width, paint)}`;
  });
  const rest = mismatches.length - shown.length;
  if (rest > 0) lines.push(paint.dim(`… and ${rest} more mismatch${rest === 1 ? '' : 'es'}`));
  return lines.join('\n');
}

interface Paint {
  readonly path: (text: string) => string;
  readonly expected: (text: string) => string;
  readonly actual: (text: string) => string;
  readonly dim: (text: string) => string;
}

function painter(color: boolean): Paint {
  const wrap =
    (open: number, close: number) =>
    (text: string): string =>
      color ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  return { path: wrap(36, 39), expected: wrap(32, 39), actual: wrap(31, 39), dim: wrap(2, 22) };
}

/** The body root is `/body`; an empty pointer would be invisible, so it reads as `/`. */
function displayPointer(path: string): string {
  return path === '' ? '/' : path;
}

function describe(mismatch: Mismatch, width: number, paint: Paint): string {
  const { kind, expected, actual } = mismatch;
  switch (kind) {
    case 'missing':
      return `missing, expected ${paint.expected(previewValue(expected, width))}`;
    case 'unexpected':
      return `unexpected ${paint.actual(previewValue(actual, width))}`;
    case 'length':
      return `expected ${paint.expected(items(expected))}, got ${paint.actual(String(actual))}`;
    case 'type':
      return `expected ${paint.expected(typed(expected, width))}, got ${paint.actual(typed(actual, width))}`;
    case 'depth':
      return paint.dim(mismatch.message);
    case 'rule':
      // The message names the rule and quotes the value: `expected a date-time (rule), got "soon"`.
      return mismatch.message;
    default: {
      if (actual === undefined)
        return `missing, expected ${paint.expected(previewValue(expected, width))}`;
      if (
        typeof expected === 'string' &&
        typeof actual === 'string' &&
        expected.length + actual.length + 4 > width
      ) {
        const [wanted, got, at] = differingExcerpts(expected, actual, width);
        return `expected ${paint.expected(wanted)}, got ${paint.actual(got)} ${paint.dim(`(first difference at offset ${at})`)}`;
      }
      return `expected ${paint.expected(previewValue(expected, width))}, got ${paint.actual(previewValue(actual, width))}`;
    }
  }
}

function typed(value: unknown, width: number): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  const type = Array.isArray(value) ? 'array' : typeof value;
  return `${type} ${previewValue(value, width)}`;
}

function items(count: unknown): string {
  return `${String(count)} item${count === 1 ? '' : 's'}`;
}
