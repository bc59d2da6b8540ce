import { describe, expect, test } from 'vitest';
import { contractFromObject } from '../../src/contract/parse-contract.js';
import type { Contract } from '../../src/contract/types.js';
import { EndpointIndex } from '../../src/msw/endpoint-index.js';

function contract(url: string, exampleUrl: string, method = 'GET'): Contract {
  return contractFromObject(
    { url, method, examples: { OK: { request: { url: exampleUrl }, response: { status: 200 } } } },
    { source: `${method} ${url}` },
  );
}

/** The contract, with a pattern that counts how often it is tried. */
function counted(original: Contract, tries: { count: number }): Contract {
  const { pattern } = original;
  const test = (path: string): boolean => {
    tries.count += 1;
    return pattern.test(path);
  };
  const { source, literal, staticPrefix, regex } = pattern;
  return { ...original, pattern: { source, literal, staticPrefix, regex, test } };
}

describe('EndpointIndex', () => {
  test('a lookup tries only the patterns under the static prefixes of the request path', () => {
    const index = new EndpointIndex();
    const tries = { count: 0 };
    for (let i = 0; i < 1000; i += 1) {
      index.addContract(
        counted(contract(`/svc${i}/items/[0-9]+`, `/svc${i}/items/1`), tries),
        new Map(),
      );
    }
    const found = index.find('GET', '/svc500/items/7');
    expect(found.map((endpoint) => endpoint.contract.pattern.source)).toEqual([
      '/svc500/items/[0-9]+',
    ]);
    expect(tries.count).toBe(1);
    expect(index.find('POST', '/svc500/items/7')).toEqual([]);
  });

  test('literal and pattern endpoints that both match come back in the order they were added', () => {
    const index = new EndpointIndex();
    index.addContract(contract('/users/[^/]+', '/users/1'), new Map());
    index.addContract(contract('/users/me', '/users/me'), new Map());
    index.addContract(contract('/[a-z]+/me', '/users/me'), new Map());
    expect(
      index.find('GET', '/users/me').map((endpoint) => endpoint.contract.pattern.source),
    ).toEqual(['/users/[^/]+', '/users/me', '/[a-z]+/me']);
  });

  test('examples that override the method make an endpoint of their own', () => {
    const index = new EndpointIndex();
    const mixed = contractFromObject(
      {
        url: '/items',
        method: 'GET',
        examples: {
          list: { response: { status: 200 } },
          add: { request: { method: 'POST' }, response: { status: 201 } },
        },
      },
      { source: 'items.json' },
    );
    index.addContract(mixed, new Map());
    expect(index.size).toBe(2);
    expect(index.find('POST', '/items')[0]?.examples.map((example) => example.label)).toEqual([
      'add',
    ]);
    expect(index.find('POST', '/items')[0]?.name).toBe('POST /items (items.json)');
  });
});
