import { describe, expect, test } from 'vitest';
import type { Example, ExampleRequest } from '../../src/contract/types.js';
import { matchRequest } from '../../src/match/match-request.js';

/** A request as written in a file, which may leave out what it does not care about. */
function raw(request: Partial<ExampleRequest>): ExampleRequest {
  return request as ExampleRequest;
}

describe('matchRequest with an example that lacks method or url', () => {
  test('a request without a method matches any method, and still compares its url', () => {
    expect(matchRequest(raw({ url: '/a' }), { method: 'DELETE', url: '/a' })).toEqual([]);
    expect(matchRequest(raw({ url: '/a' }), { method: 'DELETE', url: '/b' })).toEqual([
      {
        path: '/url',
        kind: 'url',
        expected: '/a',
        actual: '/b',
        message: 'path is "/b", expected "/a"',
      },
    ]);
  });

  test('a request without a url matches any path and query, and still compares its method', () => {
    expect(matchRequest(raw({ method: 'post' }), { method: 'POST', url: '/any/path?x=1' })).toEqual(
      [],
    );
    expect(matchRequest(raw({ method: 'post' }), { method: 'GET', url: '/any/path' })).toEqual([
      {
        path: '/method',
        kind: 'method',
        expected: 'post',
        actual: 'GET',
        message: 'method is GET, expected POST',
      },
    ]);
  });

  test('an example with no request at all matches every request', () => {
    const example = { label: 'any', response: { status: 200 } } as unknown as Example;
    expect(matchRequest(example, { method: 'PATCH', url: '/x?y=1', body: { z: 1 } })).toEqual([]);
  });

  test('without a method, whether {} stands for no body is judged by the actual method', () => {
    expect(matchRequest(raw({ body: {} }), { method: 'GET', url: '/x' })).toEqual([]);
    expect(
      matchRequest(raw({ body: {} }), { method: 'POST', url: '/x' }).map(
        (mismatch) => `${mismatch.kind} ${mismatch.path}`,
      ),
    ).toEqual(['missing /body']);
  });
});

describe('matchRequest and the URL a consumer sends', () => {
  const users = raw({ method: 'GET', url: '/users/1' });

  test('a fragment on a relative URL is dropped before the path is compared', () => {
    expect(matchRequest(users, { method: 'GET', url: '/users/1#profile' })).toEqual([]);
  });

  test('a fragment after a query is dropped from the query, even when the query holds a URL', () => {
    const redirect = raw({ method: 'GET', url: '/r', queryParams: { to: 'http://a.test/b' } });
    expect(matchRequest(redirect, { method: 'GET', url: '/r?to=http://a.test/b#top' })).toEqual([]);
  });

  test('an absolute URL whose scheme has digits compares by its path', () => {
    expect(matchRequest(users, { method: 'GET', url: 'h2c://api.test/users/1' })).toEqual([]);
  });

  test('an absolute-looking URL that does not parse is compared as written, without its fragment', () => {
    expect(matchRequest(users, { method: 'GET', url: 'http://a b/users/1#top' })).toEqual([
      {
        path: '/url',
        kind: 'url',
        expected: '/users/1',
        actual: 'http://a b/users/1',
        message: 'path is "http://a b/users/1", expected "/users/1"',
      },
    ]);
  });

  test('a path with a malformed escape matches the same path with the % escaped', () => {
    expect(
      matchRequest(raw({ url: '/files/a%zz' }), { method: 'GET', url: '/files/a%25zz' }),
    ).toEqual([]);
  });

  test('a query parameter set to undefined in JavaScript asks nothing of the request', () => {
    const queryParams = { verbose: undefined } as unknown as Record<string, string>;
    const written = raw({ method: 'GET', url: '/users/1', queryParams });
    expect(matchRequest(written, { method: 'GET', url: '/users/1' })).toEqual([]);
  });
});
