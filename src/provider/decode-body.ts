import { isJsonMediaType } from '../contract/media-type.js';

/**
 * The body as the matching engine compares it: a JSON value when the content type is JSON
 * (text that does not parse stays text, so the mismatch shows it), else the text. An empty
 * body is `undefined`, unless a non-JSON content type says it is an empty text.
 */
export function decodeBody(text: string, contentType: string | undefined): unknown {
  if (text === '')
    return contentType === undefined || isJsonMediaType(contentType) ? undefined : '';
  if (!isJsonMediaType(contentType)) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The first value of a header as a string. */
export function firstHeader(
  value: string | readonly string[] | number | undefined,
): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' ? value : value[0];
}
