import { describe, expect, test } from 'vitest';
import {
  createLocator,
  duplicateKeyProblems,
  keysInTextOrder,
  positionAt,
  syntaxProblems,
} from '../../src/contract/json-positions.js';

// Positions, duplicate keys, key order and syntax errors, as jsonc-parser's tree gives them.

describe('createLocator', () => {
  const text = [
    '{',
    '  "url": "/users",',
    '  "examples": {',
    '    "0": [ "zero", { "1": true } ],',
    '    "a/b": { "~": [] }',
    '  }',
    '}',
  ].join('\n');

  test('a member is found at its key, an array element at its value', () => {
    const locate = createLocator(text);
    expect(locate('')).toEqual({ line: 1, column: 1 });
    expect(locate('/url')).toEqual({ line: 2, column: 3 });
    expect(locate('/examples/0')).toEqual({ line: 4, column: 5 });
    expect(locate('/examples/0/1')).toEqual({ line: 4, column: 20 });
    expect(locate('/examples/a~1b/~0')).toEqual({ line: 5, column: 14 });
  });

  test('a numeric segment is a key in an object and an index in an array', () => {
    const locate = createLocator(text);
    expect(locate('/examples/0/1/1')).toEqual({ line: 4, column: 22 });
    expect(locate('/examples/0/0')).toEqual({ line: 4, column: 12 });
    // "01" is no array index, so it names nothing in the array.
    expect(locate('/examples/0/01')).toEqual({ line: 4, column: 5 });
  });

  test('a missing pointer is located at its nearest existing ancestor', () => {
    const locate = createLocator(text);
    expect(locate('/examples/0/2')).toEqual({ line: 4, column: 5 });
    expect(locate('/examples/a~1b/~0/0/deeper')).toEqual({ line: 5, column: 14 });
    expect(locate('/nothing')).toEqual({ line: 1, column: 1 });
    expect(locate('/url/inside-a-string')).toEqual({ line: 2, column: 3 });
  });

  test('columns restart after CRLF line ends', () => {
    const locate = createLocator(text.replaceAll('\n', '\r\n'));
    expect(locate('/examples/0/1')).toEqual({ line: 4, column: 20 });
    expect(locate('/examples/a~1b')).toEqual({ line: 5, column: 5 });
  });

  test('a repeated key is located at its last occurrence, the one JSON.parse keeps', () => {
    const locate = createLocator('{"a": {"b": 1},\n "a": {"c": 2}}');
    expect(locate('/a')).toEqual({ line: 2, column: 2 });
    expect(locate('/a/c')).toEqual({ line: 2, column: 8 });
    // The first "a" had a "b", the one that counts has not.
    expect(locate('/a/b')).toEqual({ line: 2, column: 2 });
  });

  test('__proto__ and constructor are ordinary keys', () => {
    const locate = createLocator('{"constructor": 1, "__proto__": {"x": 2}}');
    expect(locate('/__proto__/x')).toEqual({ line: 1, column: 34 });
    expect(locate('/constructor')).toEqual({ line: 1, column: 2 });
    expect(locate('/toString')).toEqual({ line: 1, column: 1 });
  });

  test('a broken text is located as far as it is readable, question after question', () => {
    const locate = createLocator('{"a": {"b": 1}, "c": [1, }');
    for (let question = 0; question < 3; question += 1) {
      expect(locate('/a/b')).toEqual({ line: 1, column: 8 });
      expect(locate('/c/1')).toEqual({ line: 1, column: 17 });
    }
  });

  test('a text without any value has no position', () => {
    expect(createLocator('  ')('/a')).toBeUndefined();
    expect(createLocator('')('')).toBeUndefined();
  });
});

describe('keysInTextOrder', () => {
  test('integer-like keys keep the order of the text, repeats included', () => {
    const text = '{"examples": {"b": 1, "2": 2, "a": 3, "1": 4, "b": 5}}';
    expect(keysInTextOrder(text, '/examples')).toEqual(['b', '2', 'a', '1', 'b']);
    expect(keysInTextOrder(text, '')).toEqual(['examples']);
  });

  test('only an object that exists has keys', () => {
    const text = '{"a": [{"x": 1}], "e": {}}';
    expect(keysInTextOrder(text, '/e')).toEqual([]);
    expect(keysInTextOrder(text, '/a/0')).toEqual(['x']);
    expect(keysInTextOrder(text, '/a')).toBeUndefined();
    expect(keysInTextOrder(text, '/missing')).toBeUndefined();
    expect(keysInTextOrder(text, '/a/0/x')).toBeUndefined();
  });
});

describe('duplicateKeyProblems', () => {
  test('every later occurrence is reported, with the pointer of the object it is in', () => {
    const text = '{"list": [{}, {"k": 1, "k": 2, "k": 3}], "list": 0}';
    expect(duplicateKeyProblems(text)).toEqual([
      expect.objectContaining({ offset: 23, pointer: '/list/1/k' }),
      expect.objectContaining({ offset: 31, pointer: '/list/1/k' }),
      expect.objectContaining({
        offset: 41,
        pointer: '/list',
        message: expect.stringContaining('duplicate key "list" in the document'),
      }),
    ]);
    expect(duplicateKeyProblems(text)[0]?.message).toBe(
      'duplicate key "k" in /list/1: JSON.parse keeps only the last one, so the earlier value is silently lost. Rename or remove one of them.',
    );
  });

  test('keys are compared unescaped, and __proto__ is an ordinary key', () => {
    expect(duplicateKeyProblems(String.raw`{"a": 1, "\u0061": 2}`)).toEqual([
      expect.objectContaining({ offset: 9, pointer: '/a' }),
    ]);
    expect(duplicateKeyProblems('{"__proto__": 1, "__proto__": 2}')).toEqual([
      expect.objectContaining({ offset: 17, pointer: '/__proto__' }),
    ]);
  });

  test('the same key in different objects is no duplicate', () => {
    expect(duplicateKeyProblems('{"a": {"a": {"a": 1}}, "b": [{"a": 1}, {"a": 2}]}')).toEqual([]);
  });
});

describe('syntaxProblems', () => {
  test.each([
    ['{"a": 1,\n}', 7, 'invalid JSON: trailing comma before "}": remove the comma'],
    ['[1, 2, ', 5, 'invalid JSON: trailing comma before "the end": remove the comma'],
    ['{"a" 1}', 5, `invalid JSON: expected ':' at "1}"`],
    ['{"a": "b', 6, 'invalid JSON: unterminated string at "\\"b"'],
    ['{} // x', 3, 'invalid JSON: comments are not allowed in JSON at "// x"'],
    [
      '["\u0001"]',
      1,
      'invalid JSON: invalid character in string (control characters must be escaped) at "\\"\\u0001\\"]"',
    ],
    ['{"a": 1', 7, "invalid JSON: expected '}' at the end of the file"],
  ])('%j is reported at offset %i as %s', (text, offset, message) => {
    expect(syntaxProblems(text)).toEqual([{ offset, pointer: '', message }]);
  });
});

describe('texts nested deeper than jsonc-parser can follow', () => {
  const deep = `{"url": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;

  test('have no positions, and no exception escapes', () => {
    expect(createLocator(deep)('/url/0')).toBeUndefined();
    expect(keysInTextOrder(deep, '')).toBeUndefined();
  });

  test('still report a syntax error or a repeated key, without saying where', () => {
    expect(syntaxProblems(`${deep.slice(0, -1)},}`)[0]?.message).toContain('nested too deeply');
    expect(duplicateKeyProblems(`{"a": 1, "a": ${deep}}`)[0]?.message).toContain(
      'a key appears twice',
    );
  });
});

describe('positionAt', () => {
  test('counts lines from 1 and columns from 1, after LF or CRLF', () => {
    expect(positionAt('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
    expect(positionAt('ab\r\ncd', 5)).toEqual({ line: 2, column: 2 });
    expect(positionAt('ab', 0)).toEqual({ line: 1, column: 1 });
  });
});
