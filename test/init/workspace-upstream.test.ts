import { describe, expect, test } from 'vitest';
import { findWorkspaceUpstream } from '../../src/init/workspace-upstream.js';

const pkg = (
  name: string,
  packageName: string | undefined,
  packageLinks: readonly string[] = [],
) => ({
  name,
  packageName,
  packageLinks,
});

describe('findWorkspaceUpstream', () => {
  test("a component depending on another component's package is built after it", () => {
    const result = findWorkspaceUpstream([
      pkg('ui', '@shop/ui', ['react']),
      pkg('web', '@shop/web', ['@shop/ui', '@shop/api-client', 'react']),
      pkg('api-client', '@shop/api-client'),
      pkg('tools', undefined),
    ]);
    expect(result.cycle).toBeUndefined();
    expect(Object.fromEntries(result.upstream)).toEqual({
      ui: [],
      web: ['ui', 'api-client'],
      'api-client': [],
      tools: [],
    });
  });

  test('a dependency cycle leaves out every edge and names the cycle', () => {
    const result = findWorkspaceUpstream([
      pkg('a', 'a', ['b']),
      pkg('b', 'b', ['a']),
      pkg('c', 'c', ['a']),
    ]);
    expect(result.upstream.size).toBe(0);
    expect(result.cycle).toEqual(['a', 'b', 'a']);
  });
});
