import { describe, expect, test } from 'vitest';
import { compareContractVersions } from '../../src/affected/compare-contract-versions.js';
import { exampleMeaning } from '../../src/contract/example-meaning.js';
import { contractFromObject } from '../../src/contract/parse-contract.js';

const BASE = {
  url: '/users',
  method: 'POST',
  examples: {
    created: {
      request: { url: '/users', body: { name: 'ann' } },
      response: { status: 201, body: { id: 1, createdAt: '2026-12-07T04:00:00Z' } },
      rules: { 'response.body.id': 'type' } as Record<string, string>,
    },
  },
};

function edited(change: (doc: typeof BASE & { rules?: Record<string, string> }) => void): string {
  const copy = structuredClone(BASE);
  change(copy);
  return JSON.stringify(copy, null, 2);
}

describe('rules in the meaning of a contract', () => {
  test("a changed rule of an example changes the meaning, named at the rule's path", () => {
    const after = edited((doc) => {
      doc.examples.created.rules['response.body.id'] = 'range 1..100';
      doc.examples.created.rules['response.body.createdAt'] = 'date-time';
    });
    expect(compareContractVersions(JSON.stringify(BASE), after, 'users.json')).toEqual({
      kind: 'changed',
      changes: [
        'example "created" rules.response.body.createdAt',
        'example "created" rules.response.body.id',
      ],
      examples: { wide: false, changed: ['created'], removed: [], added: [] },
    });
  });

  test('a contract-wide rule is a change to every example', () => {
    const after = edited((doc) => {
      doc.rules = { 'response.body.createdAt': 'date-time' };
    });
    const change = compareContractVersions(JSON.stringify(BASE), after, 'users.json');
    expect(change).toMatchObject({ kind: 'changed', examples: { wide: true } });
  });

  test('key order inside rules does not change the meaning', () => {
    const two = edited((doc) => {
      doc.examples.created.rules = { 'response.body.id': 'type', 'request.body.name': 'type' };
    });
    const swapped = edited((doc) => {
      doc.examples.created.rules = { 'request.body.name': 'type', 'response.body.id': 'type' };
    });
    expect(compareContractVersions(two, swapped, 'users.json')).toEqual({ kind: 'same' });
  });

  test('rules are a term of their own in the example meaning, not an extension key', () => {
    const contract = contractFromObject(BASE, { source: 'users.json' });
    const meaning = exampleMeaning(contract, contract.examples[0] as never);
    expect(meaning.example).toMatchObject({ rules: { 'response.body.id': 'type' } });
    expect(Object.keys(meaning.example as object)).not.toContain('extension rules');
  });
});
