// JSON files are UTF-8 (RFC 8259). Decoding other bytes as UTF-8 silently replaces each bad one
// with U+FFFD, so a file saved as Latin-1 would load with "caf\uFFFD" where it says "café", and
// an example would compare against text nobody wrote. Readers check the bytes first (node's
// `isUtf8`, or a fatal TextDecoder in the browser-safe reader) and, only for a file that
// fails, ask this module where. No node import: msw's reader uses it too.

import type { Diagnostic } from './types.js';

/**
 * The offset of the first byte sequence that is not UTF-8 (where it starts), or -1 when all
 * of `bytes` is UTF-8. Follows the WHATWG decoder: no overlong forms, no surrogates, nothing
 * past U+10FFFF.
 *
 * @example
 * firstInvalidUtf8(new Uint8Array([0x63, 0x61, 0x66, 0xe9])) // 3
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let index = 0; index < bytes.length; ) {
    const lead = bytes[index] as number;
    if (lead < 0x80) {
      index += 1;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else {
      return index;
    }
    // The second byte has the lead's own bounds; the others any continuation byte.
    for (let offset = 1; offset < length; offset += 1) {
      const next = bytes[index + offset];
      if (next === undefined || next < low || next > high) return index;
      low = 0x80;
      high = 0xbf;
    }
    index += length;
  }
  return -1;
}

/**
 * The `json.invalid-utf8` diagnostic of a file whose bytes are not UTF-8, at the line and
 * column of the first bad byte (the column counts characters, as every other diagnostic
 * does); `undefined` when the bytes are UTF-8.
 *
 * @example
 * invalidUtf8Diagnostic(new TextEncoder().encode('{}'), 'a.json') // undefined
 */
export function invalidUtf8Diagnostic(bytes: Uint8Array, file: string): Diagnostic | undefined {
  const offset = firstInvalidUtf8(bytes);
  if (offset === -1) return undefined;
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset; index += 1) {
    if (bytes[index] === 0x0a) {
      line += 1;
      lineStart = index + 1;
    }
  }
  const column = new TextDecoder().decode(bytes.subarray(lineStart, offset)).length + 1;
  const byte = (bytes[offset] as number).toString(16).toUpperCase().padStart(2, '0');
  return {
    file,
    line,
    column,
    pointer: '',
    code: 'json.invalid-utf8',
    severity: 'error',
    message: `the file is not UTF-8 text: the byte 0x${byte} here does not begin a valid UTF-8 character (was the file saved as Latin-1 or Windows-1252?). JSON files are UTF-8: save it as UTF-8.`,
  };
}
