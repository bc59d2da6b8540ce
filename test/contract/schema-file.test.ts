import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
// @ts-expect-error: a plain JavaScript build script, without type declarations.
import { generateValidatorSource, validatorFile } from '../../scripts/generate-schema-validator.js';
import { parseContract } from '../../src/index.js';

test('the committed validator is generated from the current spec/abe.schema.json', () => {
  expect(readFileSync(validatorFile, 'utf8')).toBe(generateValidatorSource());
});

test('a blank url is a schema error that says so', () => {
  expect(() =>
    parseContract(
      '{"url": " ", "method": "GET", "examples": {"OK": {"response": {"status": 200}}}}',
    ),
  ).toThrow('/url must not be empty');
});
