import { describe, expect, test } from 'vitest';
import { formatUsageLock, lockedLabels, parseUsageLock } from '../../src/contract/usage-lock.js';
import { AbeError } from '../../src/core/abe-error.js';

describe('the usage lock', () => {
  test('is written with contracts, labels and consumers sorted and a trailing newline', () => {
    const text = formatUsageLock({
      version: 1,
      contracts: { 'b.json': { OK: ['ui', 'mailer', 'ui'] }, 'a.json': { z: ['x'], a: ['y'] } },
    });
    expect(text).toBe(
      `${JSON.stringify({ version: 1, contracts: { 'a.json': { a: ['y'], z: ['x'] }, 'b.json': { OK: ['mailer', 'ui'] } } }, null, 2)}\n`,
    );
    expect(formatUsageLock(parseUsageLock(text, 'abe-usage.json'))).toBe(text);
  });

  test('names the labels a consumer uses', () => {
    const lock = parseUsageLock(
      '{"version":1,"contracts":{"a.json":{"OK":["mailer","ui"],"not found":["ui"]}}}',
      'abe-usage.json',
    );
    expect(lockedLabels(lock, 'a.json', 'ui')).toEqual(['OK', 'not found']);
    expect(lockedLabels(lock, 'a.json', 'mailer')).toEqual(['OK']);
    expect(lockedLabels(lock, 'other.json', 'ui')).toEqual([]);
    expect(lockedLabels(lock, '__proto__', 'ui')).toEqual([]);
  });

  test.each([
    ['{', 'it is not JSON'],
    ['[]', 'it is not a JSON object'],
    ['{"version":2,"contracts":{}}', 'its version is 2'],
    ['{"version":1,"contracts":{"a.json":{"OK":"ui"}}}', '"a.json" › "OK" is not a list'],
  ])('%s is refused with the file and the fix', (text, why) => {
    let error: unknown;
    try {
      parseUsageLock(text, 'abe-usage.json');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AbeError);
    expect((error as AbeError).code).toBe('usage-lock.invalid');
    expect((error as AbeError).message).toContain(why);
    expect((error as AbeError).message).toContain('abe coverage --write-usage');
  });
});
