// A strict JSON (RFC 8259) scanner for what `JSON.parse` does not tell: where things are, which
// keys repeat, and where a broken text first goes wrong. Our own rather than a parser library
// because loading one cost ~25 ms at every CLI start, and this module is also bundled for the
// browser. It is iterative (an explicit stack, no recursion), so a 100,000-deep `[[[…` cannot
// overflow the call stack, and it builds no tree: callers keep only what they need.
//
// Error codes and offsets follow the first error jsonc-parser reports with comments and
// trailing commas disallowed; scan-json.test.ts checks that against jsonc-parser itself.

export type JsonSyntaxErrorCode =
  | 'InvalidSymbol'
  | 'PropertyNameExpected'
  | 'ValueExpected'
  | 'ColonExpected'
  | 'CommaExpected'
  | 'CloseBraceExpected'
  | 'CloseBracketExpected'
  | 'EndOfFileExpected'
  | 'InvalidCommentToken'
  | 'UnexpectedEndOfString'
  | 'UnexpectedEndOfNumber'
  | 'InvalidUnicode'
  | 'InvalidEscapeCharacter'
  | 'InvalidCharacter';

export interface JsonSyntaxError {
  readonly code: JsonSyntaxErrorCode;
  /** Where the offending token starts (the text's length for an unexpected end). */
  readonly offset: number;
}

/** Events of a scan, in text order. All are optional; keys are only unescaped when asked for. */
export interface JsonVisitor {
  /** An object member's key, unescaped, at the offset of its opening quote. */
  key?(key: string, offset: number): void;
  /** A value starts at `offset`; when it is `{` or `[`, a later `close` ends it. */
  value?(offset: number): void;
  /** The innermost open object or array ends. */
  close?(): void;
}

// Token kinds: punctuation is its own character code; every scalar but a string is one kind.
const EOF = -1;
const ERROR = -2;
const SCALAR = 0;
const STRING = 34; // "
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COLON = 58;
const COMMA = 44;

// What the parser expects next.
const VALUE = 0;
const OPENED = 1; // the first member or element, or the close of an empty container
const AFTER = 2; // a comma or the close, after a value
const MEMBER = 3;
const SEPARATOR = 4; // the colon after a key

/**
 * Scans `text` as strict JSON, reporting its structure to `visitor`, and returns the first
 * syntax error, or `undefined` when the text is valid JSON. Events stop at the first error.
 *
 * @example
 * scanJson('{"a": [1,]}'); // → { code: 'ValueExpected', offset: 9 }
 * scanJson('{"a": 1}', { key: (key, offset) => console.log(key, offset) }); // logs: a 1
 */
export function scanJson(text: string, visitor: JsonVisitor = {}): JsonSyntaxError | undefined {
  const length = text.length;
  let pos = 0; // just after the current token
  let start = 0; // where the current token starts
  let escaped = false; // the current string token contains a backslash
  let error: JsonSyntaxErrorCode = 'ValueExpected';

  const fail = (code: JsonSyntaxErrorCode): number => {
    error = code;
    return ERROR;
  };

  const scanString = (): number => {
    pos += 1;
    escaped = false;
    // Like jsonc-parser, read the whole string and keep its last problem.
    let problem: JsonSyntaxErrorCode | undefined;
    for (;;) {
      if (pos >= length) {
        problem = 'UnexpectedEndOfString';
        break;
      }
      const code = text.charCodeAt(pos);
      if (code === 34) {
        pos += 1;
        break;
      }
      if (code === 92 /* \ */) {
        escaped = true;
        if (pos + 1 >= length) {
          pos += 1;
          problem = 'UnexpectedEndOfString';
          break;
        }
        const escapeCode = text.charCodeAt(pos + 1);
        pos += 2;
        if (escapeCode === 117 /* u */) {
          let digits = 0;
          while (digits < 4 && isHexDigit(text.charCodeAt(pos))) {
            pos += 1;
            digits += 1;
          }
          if (digits < 4) problem = 'InvalidUnicode';
        } else if (!isSimpleEscape(escapeCode)) {
          problem = 'InvalidEscapeCharacter';
        }
        continue;
      }
      if (code < 0x20) {
        if (code === 10 || code === 13) {
          problem = 'UnexpectedEndOfString';
          break;
        }
        problem = 'InvalidCharacter';
      }
      pos += 1;
    }
    return problem === undefined ? STRING : fail(problem);
  };

  const scanNumber = (): number => {
    if (text.charCodeAt(pos) === 45 /* - */) pos += 1;
    if (text.charCodeAt(pos) === 48 /* 0 */) pos += 1;
    else while (isDigit(text.charCodeAt(pos))) pos += 1;
    if (text.charCodeAt(pos) === 46 /* . */) {
      pos += 1;
      if (!isDigit(text.charCodeAt(pos))) return fail('UnexpectedEndOfNumber');
      while (isDigit(text.charCodeAt(pos))) pos += 1;
    }
    const exponent = text.charCodeAt(pos);
    if (exponent === 69 /* E */ || exponent === 101 /* e */) {
      pos += 1;
      const sign = text.charCodeAt(pos);
      if (sign === 43 /* + */ || sign === 45 /* - */) pos += 1;
      if (!isDigit(text.charCodeAt(pos))) return fail('UnexpectedEndOfNumber');
      while (isDigit(text.charCodeAt(pos))) pos += 1;
    }
    return SCALAR;
  };

  const scanWord = (): number => {
    // A whole run of letters is one token, so `nullx` is an unknown symbol, not `null` then `x`.
    while (pos < length && isWordCharacter(text.charCodeAt(pos))) pos += 1;
    const word = pos - start;
    if (
      (word === 4 && (text.startsWith('true', start) || text.startsWith('null', start))) ||
      (word === 5 && text.startsWith('false', start))
    )
      return SCALAR;
    return fail('InvalidSymbol');
  };

  const next = (): number => {
    let code = text.charCodeAt(pos);
    while (code === 32 || code === 10 || code === 13 || code === 9) code = text.charCodeAt(++pos);
    start = pos;
    if (pos >= length) return EOF;
    switch (code) {
      case OPEN_BRACE:
      case CLOSE_BRACE:
      case OPEN_BRACKET:
      case CLOSE_BRACKET:
      case COLON:
      case COMMA:
        pos += 1;
        return code;
      case STRING:
        return scanString();
      case 47 /* / */:
        {
          const after = text.charCodeAt(pos + 1);
          return fail(after === 47 || after === 42 ? 'InvalidCommentToken' : 'InvalidSymbol');
        }
      case 45 /* - */:
        return isDigit(text.charCodeAt(pos + 1)) ? scanNumber() : fail('InvalidSymbol');
      default:
        return isDigit(code) ? scanNumber() : scanWord();
    }
  };

  // The kinds (`{` or `[`) of the open containers, innermost last.
  const open: number[] = [];
  let state = VALUE;
  let token = next();
  for (;;) {
    if (token === ERROR) return { code: error, offset: start };
    const inside = open[open.length - 1]; // undefined at the top level
    const closer = inside === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET;
    const unclosed = inside === OPEN_BRACE ? 'CloseBraceExpected' : 'CloseBracketExpected';
    switch (state) {
      case VALUE:
        if (token !== OPEN_BRACE && token !== OPEN_BRACKET && token !== STRING && token !== SCALAR)
          return { code: 'ValueExpected', offset: start };
        visitor.value?.(start);
        if (token === OPEN_BRACE || token === OPEN_BRACKET) {
          open.push(token);
          state = OPENED;
        } else {
          state = AFTER;
        }
        token = next();
        break;
      case OPENED:
        if (token === closer) {
          open.pop();
          visitor.close?.();
          state = AFTER;
          token = next();
        } else if (token === EOF) {
          return { code: unclosed, offset: start };
        } else if (token === COMMA) {
          return { code: 'ValueExpected', offset: start };
        } else {
          state = inside === OPEN_BRACE ? MEMBER : VALUE;
        }
        break;
      case AFTER:
        if (inside === undefined) {
          return token === EOF ? undefined : { code: 'EndOfFileExpected', offset: start };
        }
        if (token === closer) {
          open.pop();
          visitor.close?.();
          token = next();
        } else if (token === COMMA) {
          state = inside === OPEN_BRACE ? MEMBER : VALUE;
          token = next();
        } else {
          return { code: token === EOF ? unclosed : 'CommaExpected', offset: start };
        }
        break;
      case MEMBER:
        if (token !== STRING) return { code: 'PropertyNameExpected', offset: start };
        if (visitor.key !== undefined) {
          // A string without escapes is its own content; one with escapes is valid JSON here.
          const key = escaped
            ? (JSON.parse(text.slice(start, pos)) as string)
            : text.slice(start + 1, pos - 1);
          visitor.key(key, start);
        }
        state = SEPARATOR;
        token = next();
        break;
      default:
        if (token !== COLON) return { code: 'ColonExpected', offset: start };
        state = VALUE;
        token = next();
    }
  }
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isHexDigit(code: number): boolean {
  return isDigit(code) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}

/** `\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`. */
function isSimpleEscape(code: number): boolean {
  return (
    code === 34 ||
    code === 92 ||
    code === 47 ||
    code === 98 ||
    code === 102 ||
    code === 110 ||
    code === 114 ||
    code === 116
  );
}

/** Anything but whitespace, punctuation, a quote or a slash continues a word (as in jsonc-parser). */
function isWordCharacter(code: number): boolean {
  switch (code) {
    case 32:
    case 9:
    case 10:
    case 13:
    case OPEN_BRACE:
    case CLOSE_BRACE:
    case OPEN_BRACKET:
    case CLOSE_BRACKET:
    case STRING:
    case COLON:
    case COMMA:
    case 47:
      return false;
    default:
      return true;
  }
}
