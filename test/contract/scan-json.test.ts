import fc from 'fast-check';
import {
  findNodeAtLocation,
  type Node,
  type ParseError,
  parseTree,
  printParseErrorCode,
} from 'jsonc-parser';
import { describe, expect, test } from 'vitest';
import {
  createLocator,
  duplicateKeyProblems,
  keysInTextOrder,
  offsetOfPointer,
  positionAt,
  syntaxProblems,
} from '../../src/contract/json-text.js';
import { scanJson } from '../../src/contract/scan-json.js';

/** Every event of a scan, as text, in order. */
function events(text: string): string[] {
  const seen: string[] = [];
  scanJson(text, {
    key: (key, offset) => seen.push(`key ${key} @${offset}`),
    value: (offset) => seen.push(`value @${offset}`),
    close: () => seen.push('close'),
  });
  return seen;
}

describe('scanJson', () => {
  test('a valid text has no error, and its events come in text order', () => {
    expect(scanJson('{"a": [1, {"b": null}], "c": "x"}')).toBeUndefined();
    expect(events('{"a": [1, {"b": null}], "c": "x"}')).toEqual([
      'value @0',
      'key a @1',
      'value @6',
      'value @7',
      'value @10',
      'key b @11',
      'value @16',
      'close',
      'close',
      'key c @24',
      'value @29',
      'close',
    ]);
  });

  test('scalars, empty containers and every kind of whitespace are valid', () => {
    for (const text of [
      '0',
      '-0.5e+10',
      '1E-2',
      '"x"',
      'true',
      'false',
      'null',
      '{}',
      '[]',
      ' \t\r\n[ \t\r\n{ \t\r\n} \t\r\n, \t\r\n[] ] \r\n',
    ]) {
      expect(scanJson(text), text).toBeUndefined();
    }
  });

  test('keys come unescaped: escaped quotes, backslashes and \\u escapes', () => {
    expect(events(String.raw`{"a\"b": 1, "\u0041\\": 2, "\ud83d\ude00": 3}`)).toEqual([
      'value @0',
      'key a"b @1',
      'value @9',
      'key A\\ @12',
      'value @24',
      'key 😀 @27',
      'value @43',
      'close',
    ]);
  });

  test.each([
    ['', 'ValueExpected', 0],
    ['{"a": 1,}', 'PropertyNameExpected', 8],
    ['[1,]', 'ValueExpected', 3],
    ['[,1]', 'ValueExpected', 1],
    ['{,}', 'ValueExpected', 1],
    ['{"a" 1}', 'ColonExpected', 5],
    ['{"a": 1 "b": 2}', 'CommaExpected', 8],
    ['[1 2]', 'CommaExpected', 3],
    ['{"a": 1', 'CloseBraceExpected', 7],
    ['[[]', 'CloseBracketExpected', 3],
    ['{} {}', 'EndOfFileExpected', 3],
    ['{1: 2}', 'PropertyNameExpected', 1],
    ['{"a": }', 'ValueExpected', 6],
    ['[nul]', 'InvalidSymbol', 1],
    ['[nullx]', 'InvalidSymbol', 1],
    ["['a']", 'InvalidSymbol', 1],
    ['[-]', 'InvalidSymbol', 1],
    ['[+1]', 'InvalidSymbol', 1],
    ['[1.]', 'UnexpectedEndOfNumber', 1],
    ['[1e+]', 'UnexpectedEndOfNumber', 1],
    ['[01]', 'CommaExpected', 2],
    ['{"a": 1} // note', 'InvalidCommentToken', 9],
    ['[/* note */ 1]', 'InvalidCommentToken', 1],
    ['[1 / 2]', 'InvalidSymbol', 3],
    ['["abc', 'UnexpectedEndOfString', 1],
    ['["a\nb"]', 'UnexpectedEndOfString', 1],
    ['["a\tb"]', 'InvalidCharacter', 1],
    [String.raw`["\x"]`, 'InvalidEscapeCharacter', 1],
    [String.raw`["\u12"]`, 'InvalidUnicode', 1],
    // Like jsonc-parser, a string's last problem names it.
    [String.raw`["\x\u1"]`, 'InvalidUnicode', 1],
  ])('%j fails first with %s at offset %i', (text, code, offset) => {
    expect(scanJson(text)).toEqual({ code, offset });
  });

  test('events stop at the first error', () => {
    expect(events('[1, {"a" 2}, 3]')).toEqual(['value @0', 'value @1', 'value @4', 'key a @5']);
  });

  test('a 100,000-deep nesting neither overflows the stack nor loses its place', () => {
    const depth = 100_000;
    const arrays = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    expect(scanJson(arrays)).toBeUndefined();
    expect(scanJson('['.repeat(depth))).toEqual({ code: 'CloseBracketExpected', offset: depth });
    expect(offsetOfPointer(arrays, '/0'.repeat(depth - 1))).toBe(depth - 1);
    expect(offsetOfPointer(arrays, '/0'.repeat(depth))).toBe(depth - 1);
    const objects = `${'{"a":'.repeat(depth)}{}${'}'.repeat(depth)}`;
    expect(duplicateKeyProblems(objects)).toEqual([]);
  });
});

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
    expect(offsetOfPointer('', '')).toBe(-1);
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

// jsonc-parser is the oracle below: its tree for positions, its first error for broken texts.

type Tree = null | boolean | number | string | Tree[] | { members: [string, Tree][] };

const KEY = fc.oneof(
  fc.constantFrom('0', '1', '10', '01', '__proto__', 'constructor', 'a/b', 'm~n', ''),
  fc.string({ unit: 'binary', maxLength: 5 }),
);
const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.string({ unit: 'binary', maxLength: 5 }),
    fc.array(tie('tree'), { maxLength: 4 }),
    fc
      .uniqueArray(fc.tuple(KEY, tie('tree')), { selector: ([key]) => key, maxLength: 4 })
      .map((members) => ({ members })),
  ),
}));
const WHITESPACE = fc.array(fc.constantFrom('', '', ' ', '\t', '\n', '\r\n', ' \r\n\t '), {
  minLength: 1,
  maxLength: 12,
});

/** Prints a tree as JSON, cycling through `spaces` between tokens, keys escaped as `\uXXXX` when asked. */
function print(root: Tree, spaces: readonly string[], escapeKeys: boolean): string {
  let next = 0;
  const space = () => spaces[next++ % spaces.length] ?? '';
  const key = (text: string) =>
    escapeKeys
      ? `"${Array.from({ length: text.length }, (_, index) => `\\u${text.charCodeAt(index).toString(16).padStart(4, '0')}`).join('')}"`
      : JSON.stringify(text);
  const write = (node: Tree): string => {
    if (Array.isArray(node)) return `[${space()}${node.map(write).join(`${space()},`)}${space()}]`;
    if (node !== null && typeof node === 'object') {
      const members = node.members.map(
        ([name, value]) => `${space()}${key(name)}${space()}:${space()}${write(value)}`,
      );
      return `{${members.join(`${space()},`)}${space()}}`;
    }
    return JSON.stringify(node);
  };
  return `${space()}${write(root)}${space()}`;
}

/** Every node's path, and for each container a path to a child it does not have. */
function paths(node: Tree, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(node))
    return [
      path,
      [...path, node.length],
      ...node.flatMap((child, index) => paths(child, [...path, index])),
    ];
  if (node !== null && typeof node === 'object')
    return [
      path,
      [...path, '\u0000missing'],
      ...node.members.flatMap(([key, child]) => paths(child, [...path, key])),
    ];
  return [path, [...path, 'inside-a-scalar']];
}

function jsoncOffset(root: Node, path: (string | number)[]): number {
  for (let length = path.length; length >= 0; length -= 1) {
    const node = findNodeAtLocation(root, path.slice(0, length));
    if (node !== undefined)
      return node.parent?.type === 'property' ? node.parent.offset : node.offset;
  }
  return -1;
}

const STRICT_JSON = { disallowComments: true, allowTrailingComma: false } as const;

describe('scanJson against jsonc-parser', () => {
  test('every pointer of a random JSON text, however spaced, is found where jsonc-parser finds it', () => {
    fc.assert(
      fc.property(tree, WHITESPACE, fc.boolean(), (value, spaces, escapeKeys) => {
        const text = print(value, spaces, escapeKeys);
        expect(scanJson(text)).toBeUndefined();
        expect(duplicateKeyProblems(text)).toEqual([]);
        const root = parseTree(text, [], STRICT_JSON) as Node;
        // One locator asked everything: it answers from its index after the first question.
        const locate = createLocator(text);
        for (const path of paths(value)) {
          const pointer = path
            .map((segment) => `/${String(segment).replaceAll('~', '~0').replaceAll('/', '~1')}`)
            .join('');
          const offset = jsoncOffset(root, path);
          expect(offsetOfPointer(text, pointer), pointer).toBe(offset);
          expect(locate(pointer), pointer).toEqual(positionAt(text, offset));
          const node = findNodeAtLocation(root, path);
          const keys =
            node?.type === 'object'
              ? (node.children ?? []).map((member) => String(member.children?.[0]?.value))
              : undefined;
          expect(keysInTextOrder(text, pointer), pointer).toEqual(keys);
        }
      }),
      { numRuns: 300 },
    );
  });

  const mutation = fc.record({
    kind: fc.constantFrom('insert', 'delete', 'replace', 'truncate'),
    at: fc.nat(),
    character: fc.constantFrom(
      ...'{}[]:,"\\/*-+.0129eEtrufalsn \t\n\r\u0000\u001f\u00a0x\''.split(''),
    ),
  });
  const mutated = fc
    .tuple(tree, WHITESPACE, fc.array(mutation, { minLength: 1, maxLength: 3 }))
    .map(([value, spaces, mutations]) => {
      let text = print(value, spaces, false);
      for (const { kind, at, character } of mutations) {
        const index = at % (text.length + 1);
        if (kind === 'insert') text = text.slice(0, index) + character + text.slice(index);
        else if (kind === 'delete') text = text.slice(0, index) + text.slice(index + 1);
        else if (kind === 'replace')
          text = text.slice(0, index) + character + text.slice(index + 1);
        else text = text.slice(0, index);
      }
      return text;
    });
  const tokens = fc
    .array(
      fc.constantFrom(
        '{',
        '}',
        '[',
        ']',
        ':',
        ',',
        '"a"',
        '"\\',
        '1',
        '-',
        '.5',
        'true',
        'nul',
        ' ',
        '\n',
        '//',
        '/*',
      ),
      {
        maxLength: 12,
      },
    )
    .map((parts) => parts.join(''));

  test('a mutated text is broken exactly when JSON.parse rejects it, first at the offset jsonc-parser reports', () => {
    fc.assert(
      fc.property(fc.oneof(mutated, tokens), (text) => {
        const error = scanJson(text);
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        expect(error === undefined, text).toBe(parses);
        const errors: ParseError[] = [];
        parseTree(text, errors, STRICT_JSON);
        const first = errors[0];
        expect(error, text).toEqual(
          first === undefined
            ? undefined
            : { code: printParseErrorCode(first.error), offset: first.offset },
        );
      }),
      { numRuns: 3000 },
    );
  });
});
