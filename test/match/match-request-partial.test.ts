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
