import { describe, expect, test } from 'vitest';
import { readIni } from '../../src/config/read-ini.js';
import { AbeError } from '../../src/core/abe-error.js';

/** Everything the reader hands on, as `[section]@line` and `key=value@line`. */
function read(text: string): string[] {
  const seen: string[] = [];
  readIni(text, 'builder.ini', {
    section: (name, line) => seen.push(`[${name}]@${line}`),
    entry: (key, value, line) => seen.push(`${key}=${JSON.stringify(value)}@${line}`),
  });
  return seen;
}

function refusal(text: string): AbeError {
  try {
    read(text);
  } catch (error) {
    if (error instanceof AbeError) return error;
    throw error;
  }
  throw new Error('expected the text to be refused');
}

describe('readIni reads builder.ini as configparser does', () => {
  test('`key: value` is a setting, as `key=value` is, and keys are lower-cased', () => {
    expect(read('[api]\npath: api\nRelease-Process = docker\n')).toEqual([
      '[api]@1',
      'path="api"@2',
      'release-process="docker"@3',
    ]);
  });

  test('lines indented deeper than a key continue its value; keys indented alike do not', () => {
    expect(read('[ui]\ndownstream = web,\n   docs\n\n  e2e\npath=ui\n')).toEqual([
      '[ui]@1',
      'downstream="web,\\ndocs\\ne2e"@2',
      'path="ui"@6',
    ]);
    expect(read('[ui]\n  path=ui\n  downstream=web\n')).toEqual([
      '[ui]@1',
      'path="ui"@2',
      'downstream="web"@3',
    ]);
  });

  test('comments start a line or follow whitespace, so a # or ; inside a value is kept', () => {
    expect(
      read('; top\n[api] # the api\npath=api ; the service\nurl=http://x/#frag;a=1\n  # note\n'),
    ).toEqual(['[api]@2', 'path="api"@3', 'url="http://x/#frag;a=1"@4']);
  });

  test('quoted values are unquoted, CRLF and a byte order mark are fine', () => {
    expect(read('\uFEFF[api]\r\npath="my api"\r\nbase=\'main\'\r\n')).toEqual([
      '[api]@1',
      'path="my api"@2',
      'base="main"@3',
    ]);
  });

  test('a repeated section or key is refused with both lines, never merged', () => {
    const section = refusal('[api]\npath=a\n[api]\npath=b\n');
    expect(section.message).toMatch(
      /^builder\.ini:3: section \[api\] appears twice \(lines 1 and 3\)\./,
    );
    expect(section.line).toBe(3);
    expect(refusal('[api]\npath=a\nPATH=b\n').message).toMatch(
      /^builder\.ini:3: key "path" is set twice in \[api\] \(lines 2 and 3\)\./,
    );
  });

  test('a line that is no setting, or a setting before any section, is refused at its line', () => {
    const noSetting = refusal('[api]\npath=a\njust words\n');
    expect(noSetting.message).toMatch(/^builder\.ini:3: "just words" is not a "key=value" line\./);
    expect(noSetting.line).toBe(3);
    expect(refusal('path=a\n[api]\n').message).toMatch(/^builder\.ini:1: "path" is set before/);
    expect(refusal('[api]\n=a\n').message).toMatch(/^builder\.ini:2: "=a" is not a "key=value"/);
    expect(refusal('[]\n').message).toMatch(/^builder\.ini:1: "\[\]" is not a valid section/);
  });
});
