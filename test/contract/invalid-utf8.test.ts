import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { firstInvalidUtf8, invalidUtf8Diagnostic } from '../../src/contract/invalid-utf8.js';

const decodes = (bytes: Uint8Array): boolean => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

describe('firstInvalidUtf8', () => {
  test('agrees with a fatal TextDecoder on 20,000 random byte strings, and finds the first bad byte', () => {
    const byte = fc.oneof(
      fc.integer({ min: 0, max: 0x7f }),
      fc.integer({ min: 0x80, max: 0xbf }),
      fc.constantFrom(0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff),
    );
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 12 }), (list) => {
        const bytes = Uint8Array.from(list);
        const offset = firstInvalidUtf8(bytes);
        if (offset === -1) return decodes(bytes);
        // Everything before the bad sequence is UTF-8; the sequence there is not.
        return decodes(bytes.subarray(0, offset)) && !decodes(bytes.subarray(0, list.length));
      }),
      { numRuns: 20_000 },
    );
  });

  test('UTF-8 text, four-byte characters included, has no bad byte', () => {
    expect(firstInvalidUtf8(new TextEncoder().encode('{"dish": "café 😀 €"}'))).toBe(-1);
  });

  test('the diagnostic counts the column in characters, as other diagnostics do', () => {
    const bytes = Uint8Array.from([...new TextEncoder().encode('{\n  "é": "'), 0xe9, 0x22, 0x7d]);
    expect(invalidUtf8Diagnostic(bytes, 'a.json')).toMatchObject({
      file: 'a.json',
      line: 2,
      column: 9,
      code: 'json.invalid-utf8',
      message: expect.stringContaining('byte 0xE9'),
    });
  });
});
