import { describe, expect, test } from 'vitest';
import {
  formatAffectedHuman,
  formatAffectedJson,
  formatAffectedMatrix,
  formatAffectedNames,
} from '../../src/affected/format-affected.js';
import type { AffectedResult } from '../../src/affected/types.js';

// File names come from git and labels from contracts: anything a commit can hold.
const result: AffectedResult = {
  base: 'a'.repeat(40),
  head: 'b'.repeat(40),
  baseRef: 'origin/main',
  baseOrigin: '--base',
  changedFiles: [],
  components: [
    {
      name: 'api',
      path: 'services/api',
      reasons: [
        { kind: 'changed', detail: 'file services/api/x\u001b[2K\r::add-mask::y changed' },
        {
          kind: 'contract',
          detail: 'contract c.json changed: example "OK\u2028::error::z ##[error]legacy" added',
        },
      ],
    },
  ],
  unownedFiles: ['::warning::top.md', 'docs/\n::error::note.md'],
};

describe('formatAffected', () => {
  test('the human output shows control characters escaped and starts no line with a command', () => {
    expect(formatAffectedHuman(result, { color: false })).toBe(
      [
        'Compared origin/main (merge-base aaaaaaaaaa) with bbbbbbbbbb: 0 changed files.',
        '  base from --base',
        '1 affected component, in build order:',
        '  api (services/api)',
        '    changed: file services/api/x\\u001b[2K\\r::add-mask::y changed',
        '    contract: contract c.json changed: example "OK\\u2028::error::z ##\\[error]legacy" added',
        'Changed files no component owns (they select nothing):',
        '  \\::warning::top.md',
        '  docs/\\n::error::note.md',
        '',
      ].join('\n'),
    );
  });

  test('JSON and the matrix parse back to the same text, with no legacy command on a line', () => {
    const json = formatAffectedJson(result);

    expect(json).not.toContain('##[');
    expect(JSON.parse(json).components[0].reasons[1].detail).toBe(
      result.components[0]?.reasons[1]?.detail,
    );
    const matrix = formatAffectedMatrix({
      ...result,
      components: [{ name: 'api', path: 'a/##[error]b', reasons: [] }],
    });
    expect(matrix).toBe('{"include":[{"component":"api","path":"a/##\\u005berror]b"}]}\n');
    expect(JSON.parse(matrix).include[0].path).toBe('a/##[error]b');
  });

  test('discover prints valid names unchanged, one per line', () => {
    expect(formatAffectedNames(result)).toBe('api\n');
  });
});
