import { expect, test } from 'vitest';
import { parseContract } from '../../src/index.js';

test('a blank url is a schema error that says so', () => {
  expect(() =>
    parseContract(
      '{"url": " ", "method": "GET", "examples": {"OK": {"response": {"status": 200}}}}',
    ),
  ).toThrow('/url must not be empty');
});
