import { describe, expect, test } from 'vitest';
import { checkMakefile } from '../../src/init/check-makefile.js';

describe('checkMakefile', () => {
  test('a Makefile with both targets declared .PHONY lacks nothing', () => {
    expect(
      checkMakefile('.PHONY: build test\nbuild:\n\tgo build\ntest: build\n\tgo test\n', [
        'build',
        'test',
      ]),
    ).toEqual({
      missing: [],
      notPhony: [],
    });
  });

  test('a missing target and a target not declared .PHONY are found', () => {
    expect(checkMakefile('build:\n\tnpm run build\n', ['build', 'test'])).toEqual({
      missing: ['test'],
      notPhony: ['build'],
    });
  });

  test('targets on one rule line, .PHONY over continued lines, and assignments are read as make does', () => {
    const text = 'X := build\ntest := y\n.PHONY: build \\\n  test\nbuild test:\n\ttrue\n';
    expect(checkMakefile(text, ['build', 'test'])).toEqual({ missing: [], notPhony: [] });
    expect(checkMakefile('test := 1\nbuild:\n', ['test'])).toEqual({
      missing: ['test'],
      notPhony: [],
    });
  });

  test('only the steps abe runs are checked', () => {
    expect(checkMakefile('.PHONY: test\ntest:\n\ttrue\n', ['test'])).toEqual({
      missing: [],
      notPhony: [],
    });
  });

  test('a Makefile that includes another is not judged: the rules may live there', () => {
    expect(
      checkMakefile('VERSION = 1.0.0\ninclude ../component.mk\n', ['build', 'test']),
    ).toBeUndefined();
    expect(checkMakefile('-include local.mk\n', ['build', 'test'])).toBeUndefined();
  });
});
