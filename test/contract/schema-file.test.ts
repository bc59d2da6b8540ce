import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { abeSchema } from '../../src/contract/abe-schema.js';

test('the published spec/abe.schema.json is the schema the code validates with', () => {
  expect(JSON.parse(readFileSync('spec/abe.schema.json', 'utf8'))).toEqual(abeSchema);
});
