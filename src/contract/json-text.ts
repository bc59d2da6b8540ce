import { findNodeAtLocation, type Node, parseTree, printParseErrorCode, visit } from 'jsonc-parser';
import type { Position } from './types.js';

// Text-level facts about a JSON document that `JSON.parse` throws away: positions, key order,
// duplicate keys and syntax error locations. Everything here runs only on the slow path
// (a file with a problem, or one whose key order JSON.parse would not keep).

const STRICT_JSON = { disallowComments: true, allowTrailingComma: false } as const;

export interface TextProblem {
  readonly offset: number;
  readonly pointer: string;
  readonly message: string;
}

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

/** Splits a JSON pointer into its unescaped segments. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** Builds a JSON pointer from segments. */
export function toPointer(segments: readonly (string | number)[]): string {
  return segments
    .map((segment) => `/${String(segment).replaceAll('~', '~0').replaceAll('/', '~1')}`)
    .join('');
}

/**
 * Offset of the value at `pointer` (of its key, for an object member), or of its nearest
 * existing ancestor when the pointer names something missing.
 */
export function offsetOfPointer(root: Node, pointer: string): number {
  const segments = pointerSegments(pointer);
  for (let length = segments.length; length >= 0; length -= 1) {
    const path = segments
      .slice(0, length)
      .map((segment) => (/^(0|[1-9]\d*)$/.test(segment) ? Number(segment) : segment));
    // An array index must be a number for jsonc-parser; a numeric object key must stay a string.
    const node =
      findNodeAtLocation(root, path) ?? findNodeAtLocation(root, segments.slice(0, length));
    if (node !== undefined)
      return node.parent?.type === 'property' ? node.parent.offset : node.offset;
  }
  return 0;
}

/** A locator over one text, parsing the tree the first time it is asked. */
export function createLocator(text: string): (pointer: string) => Position | undefined {
  let root: Node | undefined;
  return (pointer) => {
    root ??= parseTree(text, [], STRICT_JSON);
    return root === undefined ? undefined : positionAt(text, offsetOfPointer(root, pointer));
  };
}

/** Syntax errors, with offsets, of a text `JSON.parse` rejected. */
export function syntaxProblems(text: string): TextProblem[] {
  const errors: { error: number; offset: number; length: number }[] = [];
  parseTree(text, errors, STRICT_JSON);
  if (errors.length === 0)
    return [{ offset: 0, pointer: '', message: 'the file is not valid JSON' }];
  // After the first error a recovering parser mostly reports consequences of it.
  const first = errors[0] as { error: number; offset: number };
  return [describeSyntaxError(printParseErrorCode(first.error as never), text, first.offset)];
}

function describeSyntaxError(code: string, text: string, offset: number): TextProblem {
  const before = text.slice(0, offset).trimEnd();
  if (before.endsWith(',') && (code === 'PropertyNameExpected' || code === 'ValueExpected')) {
    // Point at the comma itself: that is what has to go.
    const message = `invalid JSON: trailing comma before ${JSON.stringify(text[offset] ?? 'the end')}: remove the comma`;
    return { offset: before.length - 1, pointer: '', message };
  }
  return { offset, pointer: '', message: syntaxMessage(code, text, offset) };
}

function syntaxMessage(code: string, text: string, offset: number): string {
  const found =
    offset >= text.length ? 'the end of the file' : JSON.stringify(text.slice(offset, offset + 12));
  const what: Record<string, string> = {
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
    UnexpectedEndOfComment: 'comments are not allowed in JSON',
    UnexpectedEndOfString: 'unterminated string',
    UnexpectedEndOfNumber: 'unterminated number',
    InvalidUnicode: 'invalid unicode escape',
    InvalidEscapeCharacter: 'invalid escape character',
    InvalidCharacter: 'invalid character in string (control characters must be escaped)',
  };
  return `invalid JSON: ${what[code] ?? code} at ${found}`;
}

/**
 * Counts object keys as written in a valid JSON text. When it exceeds the number of keys
 * `JSON.parse` kept, the text has duplicate keys. Linear, allocation-free.
 */
export function countKeysInText(text: string): number {
  let count = 0;
  let index = text.indexOf('"');
  while (index !== -1) {
    // Find the closing quote, skipping escaped ones.
    let end = text.indexOf('"', index + 1);
    while (end !== -1 && isEscaped(text, end)) end = text.indexOf('"', end + 1);
    if (end === -1) break;
    let next = end + 1;
    let code = text.charCodeAt(next);
    while (code === 32 || code === 10 || code === 13 || code === 9) code = text.charCodeAt(++next);
    if (code === 58 /* : */) count += 1;
    index = text.indexOf('"', next);
  }
  return count;
}

function isEscaped(text: string, quote: number): boolean {
  let backslashes = 0;
  for (let index = quote - 1; text.charCodeAt(index) === 92; index -= 1) backslashes += 1;
  return backslashes % 2 === 1;
}

/** Counts object keys in a parsed JSON value. */
export function countKeysInValue(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  let count = 0;
  if (Array.isArray(value)) {
    for (const item of value) count += countKeysInValue(item);
    return count;
  }
  // for…in allocates no key array; objects from JSON.parse have no inherited enumerable keys.
  for (const key in value) count += 1 + countKeysInValue((value as Record<string, unknown>)[key]);
  return count;
}

/** Every repeated key, at the offset of its second (and later) occurrence. */
export function duplicateKeyProblems(text: string): TextProblem[] {
  const problems: TextProblem[] = [];
  const stack: Set<string>[] = [];
  visit(
    text,
    {
      onObjectBegin: () => void stack.push(new Set()),
      onObjectEnd: () => void stack.pop(),
      onObjectProperty: (property, offset, _length, _line, _column, pathSupplier) => {
        const seen = stack.at(-1);
        if (seen === undefined) return;
        if (seen.has(property)) {
          const where = toPointer(pathSupplier());
          problems.push({
            offset,
            pointer: toPointer([...pathSupplier(), property]),
            message: `duplicate key ${JSON.stringify(property)} in ${where === '' ? 'the document' : where}: JSON.parse keeps only the last one, so the earlier value is silently lost. Rename or remove one of them.`,
          });
        }
        seen.add(property);
      },
    },
    STRICT_JSON,
  );
  return problems;
}

/** Keys of the object at `pointer`, in the order the text writes them. */
export function keysInTextOrder(text: string, pointer: string): string[] | undefined {
  const root = parseTree(text, [], STRICT_JSON);
  if (root === undefined) return undefined;
  const node = findNodeAtLocation(root, pointerSegments(pointer));
  if (node?.type !== 'object') return undefined;
  return (node.children ?? []).map((property) => String(property.children?.[0]?.value));
}
