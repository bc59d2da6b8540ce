import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { type DependencyEdge, orderComponents } from '../../src/config/order-components.js';
import { AbeError } from '../../src/core/abe-error.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

function edge(from: string, to: string, line: number): DependencyEdge {
  return { from, to, line, key: 'downstream', section: from };
}

async function loadError(ini: string, directories: readonly string[]): Promise<AbeError> {
  const dir = await mkdtemp(join(tmpdir(), 'abe-cycle-'));
  dirs.push(dir);
  await writeFile(join(dir, 'builder.ini'), ini);
  for (const directory of directories) await mkdir(join(dir, directory), { recursive: true });
  const error = await loadConfig('builder.ini', { cwd: dir }).catch((e: unknown) => e);
  if (!(error instanceof AbeError)) throw new Error(`expected an AbeError, got ${String(error)}`);
  return error;
}

describe('orderComponents with a cycle reached through a third component', () => {
  test('the cycle is the two edges of the loop, not the edge from the component leading into it', () => {
    const aToB = edge('a', 'b', 3);
    const bToA = edge('b', 'a', 7);
    const zToA = edge('z', 'a', 11);
    expect(orderComponents(['a', 'b', 'z'], [aToB, bToA, zToA])).toEqual({
      ok: false,
      cycle: [aToB, bToA],
    });
  });

  test('the edge into the loop is left out even when its component comes first in the file', () => {
    const zToA = edge('z', 'a', 3);
    const aToB = edge('a', 'b', 7);
    const bToA = edge('b', 'a', 11);
    expect(orderComponents(['z', 'a', 'b'], [zToA, aToB, bToA])).toEqual({
      ok: false,
      cycle: [aToB, bToA],
    });
  });

  test('a cycle of three is reported edge after edge, in the direction the edges go', () => {
    const aToB = edge('a', 'b', 3);
    const bToC = edge('b', 'c', 7);
    const cToA = edge('c', 'a', 11);
    expect(orderComponents(['a', 'b', 'c'], [cToA, aToB, bToC])).toEqual({
      ok: false,
      cycle: [aToB, bToC, cToA],
    });
  });

  test('a component downstream of a cycle, first in the file, is not part of the cycle', () => {
    const aToB = edge('a', 'b', 3);
    const bToA = edge('b', 'a', 7);
    const bToC = edge('b', 'c', 11);
    expect(orderComponents(['c', 'a', 'b'], [aToB, bToA, bToC])).toEqual({
      ok: false,
      cycle: [bToA, aToB],
    });
  });

  test('of two cycles through the same component, the one whose edge comes first is reported', () => {
    const aToB = edge('a', 'b', 3);
    const aToC = edge('a', 'c', 4);
    const bToA = edge('b', 'a', 7);
    const cToA = edge('c', 'a', 11);
    expect(orderComponents(['a', 'b', 'c'], [aToB, aToC, bToA, cToA])).toEqual({
      ok: false,
      cycle: [aToB, bToA],
    });
  });

  test('builder.ini with [a]→b, [b]→a, [z]→a is a config.cycle naming only a and b', async () => {
    const error = await loadError(
      '[z]\npath=z\ndownstream=a\n\n[a]\npath=a\ndownstream=b\n\n[b]\npath=b\ndownstream=a\n',
      ['a', 'b', 'z'],
    );
    expect(error.code).toBe('config.cycle');
    expect(error.message).toContain('dependency cycle: a → b → a.');
    expect(error.message).toContain('line 7: [a] downstream=b');
    expect(error.message).toContain('line 11: [b] downstream=a');
    expect(error.message).not.toContain('[z]');
  });

  test('the same cycle with z last in the file is also config.cycle without z', async () => {
    const error = await loadError(
      '[a]\npath=a\ndownstream=b\n\n[b]\npath=b\ndownstream=a\n\n[z]\npath=z\ndownstream=a\n',
      ['a', 'b', 'z'],
    );
    expect(error.code).toBe('config.cycle');
    expect(error.message).toContain('dependency cycle: a → b → a.');
    expect(error.message).not.toContain('[z]');
  });
});
