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

test('two neighbouring letters swapped count as one edit: GTE suggests GET', () => {
  expect(closest('GTE', ['GET', 'HEAD', 'PUT'])).toBe('GET');
  expect(didYouMean('POTS', ['GET', 'POST'])).toBe(' Did you mean "POST"?');
});

test('a number, or any other value, is read as text rather than thrown on', () => {
  // Regression: a numeric label made the provider throw "word.toLowerCase is not a function".
  expect(closest(200, ['200', 'not found'])).toBe('200');
  expect(didYouMean(4040, ['404', 'OK'])).toBe(' Did you mean "404"?');
  expect(didYouMean(undefined, ['OK'])).toBe('');
  expect(closest('20', [200, 404])).toBe(200);
  expect(didYouMean({}, ['OK'])).toBe('');
});
