import { expect, test } from 'vitest';
import { closest, didYouMean } from '../../src/core/did-you-mean.js';

test('a one-letter typo finds the intended name', () => {
  expect(closest('intgration-tests', ['api', 'integration-tests', 'ui'])).toBe('integration-tests');
  expect(didYouMean('not foud', ['OK', 'not found'])).toBe(' Did you mean "not found"?');
});

test('an unrelated word suggests nothing', () => {
  expect(closest('mailer', ['api', 'integration-tests', 'ui'])).toBeUndefined();
  expect(didYouMean('zzz', ['OK'])).toBe('');
});
