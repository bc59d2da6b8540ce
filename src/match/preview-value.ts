/**
 * Short, single-line renderings of values for messages and diffs. A 1 MB body must not be
 * stringified whole to show its first 60 characters, so rendering stops at the budget.
 */

const ELLIPSIS = '…';

/** Renders a value as compact JSON-like text of at most about `max` characters. */
export function previewValue(value: unknown, max = 60): string {
  const writer = { text: '', max, full: false };
  write(writer, value, 0);
  return writer.full ? `${writer.text.slice(0, max)}${ELLIPSIS}` : writer.text;
}

interface Writer {
  text: string;
  readonly max: number;
  full: boolean;
}

function write(writer: Writer, value: unknown, depth: number): void {
  if (writer.full) return;
  if (writer.text.length > writer.max) {
    writer.full = true;
    return;
  }
  if (value === null || typeof value !== 'object') {
    append(writer, scalar(value, writer.max - writer.text.length + 1));
    return;
  }
  const viewed = toJsonView(value);
  if (viewed !== value) {
    write(writer, viewed, depth);
    return;
  }
  if (Array.isArray(value)) {
    append(writer, '[');
    for (let index = 0; index < value.length && !writer.full; index++) {
      if (index > 0) append(writer, ', ');
      write(writer, value[index], depth + 1);
    }
    append(writer, ']');
    return;
  }
  append(writer, '{');
  let first = true;
  for (const key of Object.keys(value)) {
    if (writer.full) break;
    const item = (value as Record<string, unknown>)[key];
    if (item === undefined) continue;
    if (!first) append(writer, ', ');
    first = false;
    append(writer, `${JSON.stringify(key)}: `);
    write(writer, item, depth + 1);
  }
  append(writer, '}');
}

function append(writer: Writer, text: string): void {
  if (writer.full) return;
  writer.text += text;
  if (writer.text.length > writer.max) writer.full = true;
}

function scalar(value: unknown, room: number): string {
  switch (typeof value) {
    case 'string':
      // Quote only what can be shown: a long string is cut before JSON escaping it.
      return JSON.stringify(value.length > room ? value.slice(0, Math.max(room, 0)) : value);
    case 'bigint':
      return `${value}n`;
    case 'function':
      return '[function]';
    case 'symbol':
      return value.toString();
    case 'undefined':
      return 'undefined';
    default:
      return String(value);
  }
}

/**
 * How an actual value is seen by the comparison: as `JSON.stringify` would send it, so a
 * `Date` compares as its ISO string. Plain objects and arrays are returned unchanged.
 */
export function toJsonView(value: object): unknown {
  if (Array.isArray(value)) return value;
  const prototype = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null) return value;
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  return typeof toJSON === 'function' ? (toJSON as () => unknown).call(value) : value;
}

/** A word for a value's JSON type, with its article: "a number", "an object", "null". */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'object':
      return 'an object';
    case 'undefined':
      return 'nothing';
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    default:
      return `a ${typeof value}`;
  }
}

/**
 * Excerpts of two different strings around their first difference, so a change deep in a
 * long text is visible: `["…dolor sit…", "…dolar sit…", 1042]`.
 */
export function differingExcerpts(
  expected: string,
  actual: string,
  width = 60,
): readonly [string, string, number] {
  let at = 0;
  const shortest = Math.min(expected.length, actual.length);
  while (at < shortest && expected.charCodeAt(at) === actual.charCodeAt(at)) at++;
  const before = Math.min(at, Math.floor(width / 3));
  const start = at - before;
  const excerpt = (text: string): string => {
    const end = Math.min(text.length, start + width);
    const head = start > 0 ? ELLIPSIS : '';
    const tail = end < text.length ? ELLIPSIS : '';
    const quoted = JSON.stringify(text.slice(start, end));
    return `${quoted.slice(0, 1)}${head}${quoted.slice(1, -1)}${tail}${quoted.slice(-1)}`;
  };
  return [excerpt(expected), excerpt(actual), at];
}
