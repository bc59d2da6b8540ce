import { describe, expect, test } from 'vitest';
import { contractFromObject } from '../../src/contract/parse-contract.js';
import type { Contract, Example } from '../../src/contract/types.js';
import type { ActualRequest } from '../../src/match/types.js';
import { chooseExample } from '../../src/msw/choose-example.js';
import { EndpointIndex } from '../../src/msw/endpoint-index.js';

function contract(url: string, exampleUrl: string, source: string): Contract {
  return contractFromObject(
    {
      url,
      method: 'GET',
      examples: { OK: { request: { url: exampleUrl }, response: { status: 200 } } },
    },
    { source },
  );
}

function sources(index: EndpointIndex, method: string, path: string): string[] {
  return index.find(method, path).map((endpoint) => endpoint.contract.source);
}

/** The label of the example chosen for `actual` among the contract's endpoints. */
function chosen(
  subject: Contract,
  actual: ActualRequest,
  pins: ReadonlyMap<Contract, Example> = new Map(),
): string | undefined {
  const index = new EndpointIndex();
  index.addContract(subject, pins);
  const path = actual.url.split('?')[0] ?? actual.url;
  const choice = chooseExample(index.find(actual.method, path), actual);
  return choice.allowed ? choice.example.label : undefined;
}

describe('EndpointIndex with contracts sharing a method and a static prefix', () => {
  test('a second pattern contract under the same prefix is found, and only for its own paths', () => {
    const index = new EndpointIndex();
    index.addContract(contract('/users/[0-9]+', '/users/1', 'users.json'), new Map());
    index.addContract(
      contract('/users/[0-9]+/orders', '/users/1/orders', 'orders.json'),
      new Map(),
    );
    expect(index.size).toBe(2);
    expect(sources(index, 'GET', '/users/1')).toEqual(['users.json']);
    expect(sources(index, 'GET', '/users/1/orders')).toEqual(['orders.json']);
    expect(sources(index, 'GET', '/users/x/orders')).toEqual([]);
  });

  test('two contracts with the same literal path are both found, in the order they were added', () => {
    const index = new EndpointIndex();
    index.addContract(contract('/health', '/health', 'first.json'), new Map());
    index.addContract(contract('/health', '/health', 'second.json'), new Map());
    expect(sources(index, 'GET', '/health')).toEqual(['first.json', 'second.json']);
  });
});

describe('a pinned example and the contract’s other methods', () => {
  const items = contractFromObject(
    {
      url: '/items',
      method: 'GET',
      examples: {
        list: { response: { status: 200, body: [] } },
        'list again': { response: { status: 200, body: ['again'] } },
        add: { request: { method: 'POST' }, response: { status: 201 } },
      },
    },
    { source: 'items.json' },
  );
  const pinned = items.examples.find((example) => example.label === 'list again') as Example;
  const pins = new Map([[items, pinned]]);

  test('a pinned GET example answers GET requests', () => {
    expect(chosen(items, { method: 'GET', url: '/items' }, pins)).toBe('list again');
  });

  test('a pinned GET example does not answer a POST: the POST endpoint has no pin', () => {
    const index = new EndpointIndex();
    index.addContract(items, pins);
    expect(index.find('POST', '/items')[0]?.pinned).toBeUndefined();
    expect(index.find('GET', '/items')[0]?.pinned).toBe(pinned);
    expect(chosen(items, { method: 'POST', url: '/items' }, pins)).toBe('add');
  });
});

describe('chooseExample counts headers and body toward the most specific example', () => {
  test('an example with a header condition wins over a plain one earlier in the file', () => {
    const tenants = contractFromObject(
      {
        url: '/tenants',
        method: 'GET',
        examples: {
          plain: { response: { status: 200 } },
          'for tenant a': {
            request: { headers: { 'X-Tenant': 'a' } },
            response: { status: 200 },
          },
        },
      },
      { source: 'tenants.json' },
    );
    expect(chosen(tenants, { method: 'GET', url: '/tenants', headers: { 'x-tenant': 'a' } })).toBe(
      'for tenant a',
    );
    expect(chosen(tenants, { method: 'GET', url: '/tenants', headers: { 'x-tenant': 'b' } })).toBe(
      'plain',
    );
  });

  test('each header counts: two header conditions win over one', () => {
    const tenants = contractFromObject(
      {
        url: '/tenants',
        method: 'GET',
        examples: {
          one: { request: { headers: { 'X-Tenant': 'a' } }, response: { status: 200 } },
          two: {
            request: { headers: { 'X-Tenant': 'a', 'X-Region': 'eu' } },
            response: { status: 200 },
          },
        },
      },
      { source: 'tenants.json' },
    );
    expect(
      chosen(tenants, {
        method: 'GET',
        url: '/tenants',
        headers: { 'x-tenant': 'a', 'x-region': 'eu' },
      }),
    ).toBe('two');
  });

  test('an example with a body condition wins over one without a body earlier in the file', () => {
    const orders = contractFromObject(
      {
        url: '/orders',
        method: 'POST',
        examples: {
          'any order': { response: { status: 201 } },
          'a book order': { request: { body: { item: 'book' } }, response: { status: 201 } },
        },
      },
      { source: 'orders.json' },
    );
    expect(chosen(orders, { method: 'POST', url: '/orders', body: { item: 'book' } })).toBe(
      'a book order',
    );
    expect(chosen(orders, { method: 'POST', url: '/orders', body: { item: 'pen' } })).toBe(
      'any order',
    );
  });

  test('on a GET, a "body": {} that stands for no body is no condition, so file order decides', () => {
    const items = contractFromObject(
      {
        url: '/items',
        method: 'GET',
        examples: {
          first: { response: { status: 200 } },
          'with an empty body': { request: { body: {} }, response: { status: 200 } },
        },
      },
      { source: 'items.json' },
    );
    expect(chosen(items, { method: 'GET', url: '/items' })).toBe('first');
    const index = new EndpointIndex();
    index.addContract(items, new Map());
    expect(index.find('GET', '/items')[0]?.examples.map((example) => example.request.body)).toEqual(
      [undefined, undefined],
    );
  });
});

describe('chooseExample without endpoints', () => {
  test('is a programming error, said as such', () => {
    expect(() => chooseExample([], { method: 'GET', url: '/x' })).toThrow(
      new RangeError('chooseExample needs at least one endpoint with an example'),
    );
  });
});
