import { describe, expect, test } from 'vitest';
import { contractFromObject } from '../../src/contract/parse-contract.js';
import type { Contract, Example } from '../../src/contract/types.js';
import { chooseExample } from '../../src/msw/choose-example.js';
import { EndpointIndex } from '../../src/msw/endpoint-index.js';

const items = contractFromObject(
  {
    url: '/items',
    method: 'GET',
    examples: {
      first: { response: { status: 200, body: 'first' } },
      second: { response: { status: 200, body: 'second' } },
      'by tag': { request: { url: '/items?tag=a' }, response: { status: 200, body: 'tagged' } },
      'by tag and page': {
        request: { url: '/items', queryParams: { tag: 'a', page: '2' } },
        response: { status: 200, body: 'page 2' },
      },
    },
  },
  { source: 'items.json' },
);

function choose(url: string, pins = new Map<Contract, Example>()) {
  const index = new EndpointIndex();
  index.addContract(items, pins);
  return chooseExample(index.find('GET', '/items'), { method: 'GET', url });
}

function label(url: string, pins?: Map<Contract, Example>): string | undefined {
  const choice = choose(url, pins);
  return choice.allowed ? choice.example.label : undefined;
}

describe('chooseExample', () => {
  test('among equally specific examples, the first in the file wins', () => {
    expect(label('/items')).toBe('first');
  });

  test('the example with more conditions met wins over one with fewer', () => {
    expect(label('/items?tag=a')).toBe('by tag');
    expect(label('/items?page=2&tag=a')).toBe('by tag and page');
  });

  test('a pinned example answers any request some example allows', () => {
    const pinned = items.examples.find((example) => example.label === 'second');
    expect(label('/items?tag=a', new Map([[items, pinned as Example]]))).toBe('second');
  });
});

describe('chooseExample when nothing matches', () => {
  test('returns the nearest example, fewest mismatches first, with those mismatches', () => {
    const strict = contractFromObject(
      {
        url: '/search',
        method: 'GET',
        examples: {
          two: { request: { url: '/search?q=x&page=1' }, response: { status: 200 } },
          one: { request: { url: '/search?q=x' }, response: { status: 200 } },
        },
      },
      { source: 'search.json' },
    );
    const index = new EndpointIndex();
    index.addContract(strict, new Map());
    const choice = chooseExample(index.find('GET', '/search'), {
      method: 'GET',
      url: '/search?q=y',
    });
    expect(choice.allowed).toBe(false);
    if (choice.allowed) return;
    expect(choice.nearest.label).toBe('one');
    expect(choice.mismatches.map((mismatch) => mismatch.path)).toEqual(['/query/q']);
  });
});
