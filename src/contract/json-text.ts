import { escapePointerSegment, toPointer } from '../core/json-pointer.js';
import { type JsonSyntaxErrorCode, scanJson } from './scan-json.js';
import type { Position } from './types.js';

// Text-level facts about a JSON document that `JSON.parse` throws away: positions, key order,
// duplicate keys and syntax error locations. Everything here runs only on the slow path
// (a file with a problem, or one whose key order JSON.parse would not keep).

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

/**
 * Offset of the value at `pointer` (of its key, for an object member), or of its nearest
 * existing ancestor when the pointer names something missing; -1 when the text holds no value.
 */
export function offsetOfPointer(text: string, pointer: string): number {
  return findPointer(text, pointer).offset;
}

/**
 * A locator over one text. The first question is answered by one scan that keeps nothing; a
 * text asked about more than once (a file with several problems) is indexed once instead.
 */
export function createLocator(text: string): (pointer: string) => Position | undefined {
  let questions = 0;
  let index: Map<string, number> | undefined;
  return (pointer) => {
    questions += 1;
    if (questions === 2) index = indexPointers(text);
    const offset =
      index === undefined ? offsetOfPointer(text, pointer) : offsetInIndex(index, pointer);
    return offset === -1 ? undefined : positionAt(text, offset);
  };
}

/**
 * The offset of every node by its pointer (of its key, for a member). Undefined for a broken
 * text or one with a repeated key: there only `findPointer` knows which occurrence counts.
 */
function indexPointers(text: string): Map<string, number> | undefined {
  const index = new Map<string, number>();
  // Per open container: its pointer, and the index of its next element (-1 for an object).
  const pointers: string[] = [];
  const elements: number[] = [];
  let member = '';
  let memberOffset = 0;
  let repeated = false;
  const error = scanJson(text, {
    key(key, offset) {
      member = `${pointers[pointers.length - 1]}/${escapePointerSegment(key)}`;
      memberOffset = offset;
    },
    value(offset) {
      const level = pointers.length - 1;
      let pointer = '';
      let at = offset;
      if (level >= 0) {
        const element = elements[level] as number;
        if (element === -1) {
          pointer = member;
          at = memberOffset;
        } else {
          pointer = `${pointers[level]}/${element}`;
          elements[level] = element + 1;
        }
      }
      // Only a repeated key can name the same pointer twice.
      if (index.has(pointer)) repeated = true;
      index.set(pointer, at);
      const code = text.charCodeAt(offset);
      if (code === 123 /* { */ || code === 91 /* [ */) {
        pointers.push(pointer);
        elements.push(code === 91 ? 0 : -1);
      }
    },
    close() {
      pointers.pop();
      elements.pop();
    },
  });
  return error === undefined && !repeated ? index : undefined;
}

/** The offset of `pointer` or of its nearest ancestor in the index, -1 when there is none. */
function offsetInIndex(index: Map<string, number>, pointer: string): number {
  for (let path = pointer; ; path = path.slice(0, Math.max(0, path.lastIndexOf('/')))) {
    const offset = index.get(path);
    if (offset !== undefined) return offset;
    if (path === '') return -1;
  }
}

/** Syntax errors, with offsets, of a text `JSON.parse` rejected. */
export function syntaxProblems(text: string): TextProblem[] {
  const error = scanJson(text);
  if (error === undefined)
    return [{ offset: 0, pointer: '', message: 'the file is not valid JSON' }];
  // Only the first error: whatever follows it is mostly a consequence of it.
  return [describeSyntaxError(error.code, text, error.offset)];
}

function describeSyntaxError(code: JsonSyntaxErrorCode, text: string, offset: number): TextProblem {
  const before = text.slice(0, offset).trimEnd();
  if (before.endsWith(',') && (code === 'PropertyNameExpected' || code === 'ValueExpected')) {
    // Point at the comma itself: that is what has to go.
    const message = `invalid JSON: trailing comma before ${JSON.stringify(text[offset] ?? 'the end')}: remove the comma`;
    return { offset: before.length - 1, pointer: '', message };
  }
  return { offset, pointer: '', message: syntaxMessage(code, text, offset) };
}

function syntaxMessage(code: JsonSyntaxErrorCode, text: string, offset: number): string {
  const found =
    offset >= text.length ? 'the end of the file' : JSON.stringify(text.slice(offset, offset + 12));
  const what: Record<JsonSyntaxErrorCode, string> = {
    InvalidSymbol: 'unexpected text',
    PropertyNameExpected: 'expected a property name in double quotes',
    ValueExpected: 'expected a value',
    ColonExpected: "expected ':'",
    CommaExpected: "expected ','",
    CloseBraceExpected: "expected '}'",
    CloseBracketExpected: "expected ']'",
    EndOfFileExpected: 'expected the end of the file',
    InvalidCommentToken: 'comments are not allowed in JSON',
    UnexpectedEndOfString: 'unterminated string',
    UnexpectedEndOfNumber: 'unterminated number',
    InvalidUnicode: 'invalid unicode escape',
    InvalidEscapeCharacter: 'invalid escape character',
    InvalidCharacter: 'invalid character in string (control characters must be escaped)',
  };
  return `invalid JSON: ${what[code]} at ${found}`;
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
  // Per open container: the keys seen so far (undefined for an array), and the segment of the
  // child being read, so that a repeat can name its pointer.
  const seen: (Set<string> | undefined)[] = [];
  const path: (string | number)[] = [];
  scanJson(text, {
    key(key, offset) {
      const level = seen.length - 1;
      const keys = seen[level] as Set<string>;
      if (keys.has(key)) {
        const where = toPointer('', path.slice(0, level));
        problems.push({
          offset,
          pointer: toPointer('', [...path.slice(0, level), key]),
          message: `duplicate key ${JSON.stringify(key)} in ${where === '' ? 'the document' : where}: JSON.parse keeps only the last one, so the earlier value is silently lost. Rename or remove one of them.`,
        });
      }
      keys.add(key);
      path[level] = key;
    },
    value(offset) {
      const level = seen.length - 1;
      if (level >= 0 && seen[level] === undefined) path[level] = (path[level] as number) + 1;
      const code = text.charCodeAt(offset);
      if (code === 123 /* { */ || code === 91 /* [ */) {
        seen.push(code === 123 ? new Set() : undefined);
        path.push(-1);
      }
    },
    close() {
      seen.pop();
      path.pop();
    },
  });
  return problems;
}

/** Keys of the object at `pointer`, in the order the text writes them. */
export function keysInTextOrder(text: string, pointer: string): string[] | undefined {
  return findPointer(text, pointer).keys;
}

const ARRAY_INDEX = /^(0|[1-9]\d*)$/;

/**
 * Finds the node at `pointer` in one scan: its offset (see `offsetOfPointer`) and, when it is
 * an object, its keys in text order. When a key repeats, its last occurrence wins, as in
 * `JSON.parse`, so positions point at the value that was actually read.
 */
function findPointer(
  text: string,
  pointer: string,
): { offset: number; keys: string[] | undefined } {
  const segments = pointerSegments(pointer);
  const target = segments.length;
  // A numeric segment is an index in an array and an ordinary key in an object.
  const indexes = segments.map((segment) => (ARRAY_INDEX.test(segment) ? Number(segment) : -1));
  // The open containers on the pointer's path are always the outermost `onPath` ones; for
  // each, its kind and (for an array) the index of the element being read.
  const kinds: number[] = [];
  const elements: number[] = [];
  let depth = 0;
  let onPath = 0;
  let keyOffset = -1;
  let keyMatches = false;
  let offset = -1;
  let keys: string[] | undefined;
  scanJson(text, {
    key(key, at) {
      if (depth !== onPath) return;
      if (depth > target) keys?.push(key);
      else {
        keyMatches = key === segments[depth - 1];
        keyOffset = at;
      }
    },
    value(at) {
      const code = text.charCodeAt(at);
      if (depth === onPath && depth <= target) {
        let matches = depth === 0;
        let where = at;
        if (depth > 0 && kinds[depth - 1] === 91 /* [ */) {
          const index = (elements[depth - 1] as number) + 1;
          elements[depth - 1] = index;
          matches = index === indexes[depth - 1];
        } else if (depth > 0) {
          matches = keyMatches;
          where = keyOffset;
        }
        if (matches) {
          offset = where;
          keys = depth === target && code === 123 /* { */ ? [] : undefined;
          if (code === 123 || code === 91) {
            kinds[depth] = code;
            elements[depth] = -1;
            onPath = depth + 1;
          }
        }
      }
      keyMatches = false;
      if (code === 123 || code === 91) depth += 1;
    },
    close() {
      depth -= 1;
      if (onPath > depth) onPath = depth;
    },
  });
  return { offset, keys };
}
