import { type Node, type ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import { pointerSegments, toPointer } from '../core/json-pointer.js';
import type { Position } from './types.js';

// What `JSON.parse` throws away: where things are, which keys repeat, the order of keys, and
// where a broken text first goes wrong. jsonc-parser reads the text into a tree with offsets;
// it is only asked for files with a problem (and for the rare examples keyed by integers),
// so `JSON.parse` stays the whole of the happy path.

/** A problem found in the text itself, at a character offset. */
export interface TextProblem {
  readonly offset: number;
  readonly pointer: string;
  readonly message: string;
}

/** Strict JSON: no comments, no trailing commas, no empty text. */
const STRICT = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };

/** 1-based line and column of a character offset. */
export function positionAt(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (
    let index = text.indexOf('\n');
    index !== -1 && index < offset;
    index = text.indexOf('\n', index + 1)
  ) {
    line += 1;
    lineStart = index + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * The first syntax error of a text `JSON.parse` rejected (what follows it is mostly a
 * consequence of it), said in words, at the offset where the text goes wrong.
 *
 * @example
 * syntaxProblems('{"a": [1,]}'); // [{ offset: 8, pointer: '', message: 'invalid JSON: trailing comma before "]": remove the comma' }]
 */
export function syntaxProblems(text: string): TextProblem[] {
  const errors: ParseError[] = [];
  try {
    parseTree(text, errors, STRICT);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return [{ offset: 0, pointer: '', message: TOO_DEEP }];
  }
  const first = errors[0];
  if (first === undefined)
    return [{ offset: 0, pointer: '', message: 'the file is not valid JSON' }];
  return [describeSyntaxError(printParseErrorCode(first.error), text, first.offset)];
}

const TOO_DEEP =
  'invalid JSON, nested too deeply for abe to find where: check that every { and [ is closed';

function describeSyntaxError(code: string, text: string, offset: number): TextProblem {
  const before = text.slice(0, offset).trimEnd();
  if (before.endsWith(',') && (code === 'PropertyNameExpected' || code === 'ValueExpected')) {
    // Point at the comma itself: that is what has to go.
    const message = `invalid JSON: trailing comma before ${JSON.stringify(text[offset] ?? 'the end')}: remove the comma`;
    return { offset: before.length - 1, pointer: '', message };
  }
  const found =
    offset >= text.length ? 'the end of the file' : JSON.stringify(text.slice(offset, offset + 12));
  return {
    offset,
    pointer: '',
    message: `invalid JSON: ${SYNTAX_ERRORS[code] ?? code} at ${found}`,
  };
}

const SYNTAX_ERRORS: Readonly<Record<string, string>> = {
  InvalidSymbol: 'unexpected text',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: "expected ':'",
  CommaExpected: "expected ','",
  CloseBraceExpected: "expected '}'",
  CloseBracketExpected: "expected ']'",
  EndOfFileExpected: 'expected the end of the file',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character in string (control characters must be escaped)',
};

/**
 * Every repeated key of a valid JSON text, at its second (and later) occurrence.
 *
 * @example
 * duplicateKeyProblems('{"a": 1, "a": 2}')[0]?.pointer; // '/a'
 */
export function duplicateKeyProblems(text: string): TextProblem[] {
  const root = treeOf(text);
  if (root === undefined) return [{ offset: 0, pointer: '', message: DUPLICATE_SOMEWHERE }];
  const problems: TextProblem[] = [];
  // Iterative, so a deep document cannot overflow the stack here.
  const pending: { node: Node; pointer: string }[] = [{ node: root, pointer: '' }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { node, pointer } = next;
    if (node.type === 'array') {
      node.children?.forEach((child, index) => {
        pending.push({ node: child, pointer: `${pointer}/${index}` });
      });
      continue;
    }
    if (node.type !== 'object') continue;
    const seen = new Set<string>();
    for (const member of node.children ?? []) {
      const [key, value] = member.children ?? [];
      if (key === undefined) continue;
      const name = key.value as string;
      const at = toPointer(pointer, [name]);
      if (seen.has(name)) {
        problems.push({
          offset: key.offset,
          pointer: at,
          message: `duplicate key ${JSON.stringify(name)} in ${pointer === '' ? 'the document' : pointer}: JSON.parse keeps only the last one, so the earlier value is silently lost. Rename or remove one of them.`,
        });
      }
      seen.add(name);
      if (value !== undefined) pending.push({ node: value, pointer: at });
    }
  }
  return problems.sort((a, b) => a.offset - b.offset);
}

const DUPLICATE_SOMEWHERE =
  'a key appears twice in one object, and the file is nested too deeply for abe to say where: JSON.parse keeps only the last one';

/** Keys of the object at `pointer`, in the order the text writes them. */
export function keysInTextOrder(text: string, pointer: string): string[] | undefined {
  const root = treeOf(text);
  const found = root === undefined ? undefined : nodeAt(root, pointer);
  if (found?.exact !== true || found.node.type !== 'object') return undefined;
  const { node } = found;
  return (node.children ?? []).map((member) => member.children?.[0]?.value as string);
}

/**
 * Finds the line and column of JSON pointers in one text, parsing it once. A pointer to an
 * object member gives its key's position; one to something missing gives its nearest
 * ancestor's; a text jsonc-parser cannot read gives none.
 *
 * @example
 * createLocator('{\n  "url": "/a"\n}')('/url'); // { line: 2, column: 3 }
 */
export function createLocator(text: string): (pointer: string) => Position | undefined {
  let root: Node | undefined | null = null;
  return (pointer) => {
    if (root === null) root = treeOf(text);
    if (root === undefined) return undefined;
    return positionAt(text, nodeAt(root, pointer).offset);
  };
}

function treeOf(text: string): Node | undefined {
  try {
    return parseTree(text, [], STRICT);
  } catch (error) {
    // jsonc-parser recurses once per level: a document nested thousands deep has no positions.
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/**
 * The node at `pointer`, or its nearest existing ancestor, with the offset to show: the key's
 * for an object member. When a key repeats, its last occurrence counts, as in `JSON.parse`.
 */
function nodeAt(root: Node, pointer: string): { node: Node; offset: number; exact: boolean } {
  let node = root;
  let offset = root.offset;
  const segments = pointerSegments(pointer);
  let depth = 0;
  for (const segment of segments) {
    let child: Node | undefined;
    let childOffset = 0;
    if (node.type === 'object') {
      const member = node.children?.findLast((m) => m.children?.[0]?.value === segment);
      child = member?.children?.[1];
      childOffset = member?.offset ?? 0;
    } else if (node.type === 'array' && /^(0|[1-9]\d*)$/.test(segment)) {
      child = node.children?.[Number(segment)];
      childOffset = child?.offset ?? 0;
    }
    if (child === undefined) break;
    node = child;
    offset = childOffset;
    depth += 1;
  }
  return { node, offset, exact: depth === segments.length };
}
