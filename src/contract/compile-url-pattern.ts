import { compileLinearRegex, type LinearRegex } from './compile-linear-regex.js';
import type { UrlPattern } from './types.js';

// A character that makes a path a pattern rather than a literal. `.` is deliberately absent:
// in real paths (`/files/report.json`) it is a literal dot far more often than "any character".
const PATTERN_SYNTAX = /[[\]()*+?|^$\\{}]|(?:^|\/):[A-Za-z_]/;
const PARAMETER = /:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Compiles an endpoint URL pattern: a literal path, a path with regex parts (`/users/[0-9]+`),
 * or with `:id` / `{id}` parameters. Throws a `SyntaxError` describing a bad regex part, and an
 * `UnsafeRegexError` for a regex part no linear-time matcher can run (a backreference, a
 * lookaround).
 *
 * `test()` never backtracks, so no pattern and no path can make it slow: it matches whole path
 * segments directly when every segment is a literal, a parameter or a single character class
 * (`[0-9]+`, `[a-z-]*`, `[^/]+`), and runs any other pattern on a linear-time matcher
 * (`compileLinearRegex`). V8's RegExp would take seconds on `/a/(a+)+b` and a path of thirty
 * "a"s, and compiles each new regular expression to machine code on its second use, which
 * dominated linting thousands of contracts.
 *
 * @example
 * compileUrlPattern('/users/:id').test('/users/42') // true
 */
export function compileUrlPattern(source: string): UrlPattern {
  return new CompiledUrlPattern(source);
}

/**
 * A class rather than an object literal with getters: every literal with its own getter
 * closures gets its own hidden class, and compiling 10,000 patterns that way made garbage
 * collection the largest cost of linting.
 */
class CompiledUrlPattern implements UrlPattern {
  readonly source: string;
  readonly literal: boolean;
  /** Every segment is a literal, a parameter or a simple class: `test` reads the source itself. */
  readonly #bySegment: boolean;
  /** The matcher of a pattern that is neither literal nor matched by segment. */
  readonly #linear: LinearRegex | undefined;
  #regex: RegExp | undefined;
  #staticPrefix: string | undefined;

  constructor(source: string) {
    this.source = source;
    this.literal = !PATTERN_SYNTAX.test(source);
    this.#bySegment = !this.literal && everySegmentSimple(source);
    // A pattern the segment matcher understands is valid by construction, so its RegExp (and
    // its static prefix) can wait until someone asks. Any other pattern is checked now, so a
    // bad one fails where it is read: by V8 for its syntax (building a RegExp parses it; only
    // running it compiles it), then by the linear matcher, which refuses what it cannot run.
    if (!this.literal && !this.#bySegment) {
      const regex = regexSource(source, false);
      this.#regex = new RegExp(regex);
      this.#linear = compileLinearRegex(regex);
    }
  }

  /**
   * The pattern as a backtracking RegExp, for tools that want one. `test()` is the matcher
   * abe uses: it never backtracks.
   */
  get regex(): RegExp {
    this.#regex ??= new RegExp(regexSource(this.source, this.literal));
    return this.#regex;
  }

  get staticPrefix(): string {
    this.#staticPrefix ??= this.literal ? this.source : staticPrefixOf(this.source);
    return this.#staticPrefix;
  }

  test(path: string): boolean {
    if (this.literal) return path === this.source;
    if (this.#bySegment) return matchSegments(this.source, path);
    return (this.#linear as LinearRegex).test(path);
  }
}

/** Escapes every character with a meaning in a regular expression (and `/`). */
const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function regexSource(source: string, literal: boolean): string {
  const body = literal
    ? escapeRegex(source)
    : source.replace(
        PARAMETER,
        (match, colonName: string | undefined, braceName: string | undefined, offset: number) => {
          // `:name` counts only at a segment start, so that `/a:b` stays literal text.
          if (colonName !== undefined && offset > 0 && source[offset - 1] !== '/') return match;
          return braceName !== undefined || colonName !== undefined ? '[^/]+' : match;
        },
      );
  return `^(?:${body})$`;
}

// How `source.slice(start, end)`, one segment of a pattern, is matched.
const SEGMENT_LITERAL = 0; // the same text
const SEGMENT_PARAMETER = 1; // any non-empty text (`:id`, `{id}`)
const SEGMENT_CLASS_PLUS = 2; // one or more characters of a class (`[0-9]+`)
const SEGMENT_CLASS_STAR = 3; // zero or more (`[a-z-]*`)
const SEGMENT_NEGATED_PLUS = 4; // one or more characters outside a class that holds "/" (`[^/]+`)
const SEGMENT_NEGATED_STAR = 5; // zero or more (`[^/.]*`)
const SEGMENT_REGEX_ONLY = 6; // anything else: only a regular expression can match it

/**
 * The index of the "/" that ends the pattern segment starting at `start`, or -1 for the last
 * segment. A negated class opening the segment (`[^/]+`) holds its "/" inside the segment.
 */
function segmentEnd(source: string, start: number): number {
  if (source.charCodeAt(start) !== 91 /* [ */ || source.charCodeAt(start + 1) !== 94 /* ^ */) {
    return source.indexOf('/', start);
  }
  // Past the class: its first member may be "]" itself only when escaped.
  for (let index = start + 2; index < source.length; index += 1) {
    const code = source.charCodeAt(index);
    if (code === 92 /* \ */) index += 1;
    else if (code === 93 /* ] */) return source.indexOf('/', index);
  }
  return -1;
}

/** Whether every segment can be matched without the RegExp (which also makes it valid). */
function everySegmentSimple(source: string): boolean {
  for (let start = 0; ; ) {
    const slash = segmentEnd(source, start);
    const end = slash === -1 ? source.length : slash;
    if (segmentKind(source, start, end) === SEGMENT_REGEX_ONLY) return false;
    if (slash === -1) return true;
    start = end + 1;
  }
}

/**
 * How one segment is matched. Nothing is allocated: `test()` works the kind out again on each
 * call, which costs less than building and keeping a matcher per segment when 10,000 patterns
 * are each compiled to be tested a few times.
 */
function segmentKind(source: string, start: number, end: number): number {
  const first = source.charCodeAt(start);
  if (first !== 58 /* : */ && !hasPatternSyntax(source, start, end)) return SEGMENT_LITERAL;
  if (isParameter(source, start, end)) return SEGMENT_PARAMETER;
  // `[members]+` or `[members]*`, members being single characters, escapes and ranges.
  const quantifier = source.charCodeAt(end - 1);
  if (
    first !== 91 /* [ */ ||
    end - start < 4 ||
    source.charCodeAt(end - 2) !== 93 /* ] */ ||
    (quantifier !== 43 /* + */ && quantifier !== 42) /* * */
  ) {
    return SEGMENT_REGEX_ONLY;
  }
  if (source.charCodeAt(start + 1) === 94 /* ^ */) {
    // A negated class stays inside its segment only when "/" is among what it excludes
    // (`[^/]+`); otherwise it can span segments (and `[^]` is any character). Asking for -1,
    // which no member holds, checks that the whole class is simple.
    if (classHas(source, start + 2, end - 2, -1) !== 0) return SEGMENT_REGEX_ONLY;
    if (classHas(source, start + 2, end - 2, 47 /* / */) !== 1) return SEGMENT_REGEX_ONLY;
    return quantifier === 42 ? SEGMENT_NEGATED_STAR : SEGMENT_NEGATED_PLUS;
  }
  // A class with "/" in it (`[+-9]+`) can span segments too. Asking for "/" also checks the
  // whole class when it is not in it.
  if (classHas(source, start + 1, end - 2, 47 /* / */) !== 0) return SEGMENT_REGEX_ONLY;
  return quantifier === 42 ? SEGMENT_CLASS_STAR : SEGMENT_CLASS_PLUS;
}

/**
 * Whether a segment of a pattern holds a character with meaning in a regular expression. Unlike
 * PATTERN_SYNTAX this counts `.`: once a url has regex parts, the whole url is a regular
 * expression, where `.` is any character.
 */
function hasPatternSyntax(source: string, start: number, end: number): boolean {
  for (let index = start; index < end; index += 1) {
    switch (source.charCodeAt(index)) {
      case 46: // .
      case 91: // [
      case 93: // ]
      case 40: // (
      case 41: // )
      case 42: // *
      case 43: // +
      case 63: // ?
      case 124: // |
      case 94: // ^
      case 36: // $
      case 92: // \
      case 123: // {
      case 125: // }
        return true;
    }
  }
  return false;
}

/** `:name` or `{name}`, the name a letter or underscore then letters, digits or underscores. */
function isParameter(source: string, start: number, end: number): boolean {
  const braced = source.charCodeAt(start) === 123; /* { */
  if (!braced && source.charCodeAt(start) !== 58 /* : */) return false;
  const nameEnd = braced ? end - 1 : end;
  if (braced && source.charCodeAt(nameEnd) !== 125 /* } */) return false;
  if (nameEnd <= start + 1 || isDigit(source.charCodeAt(start + 1))) return false;
  for (let index = start + 1; index < nameEnd; index += 1) {
    const code = source.charCodeAt(index);
    if (!(isAsciiLetter(code) || isDigit(code) || code === 95) /* _ */) return false;
  }
  return true;
}

const NOT_SIMPLE = -1;

/**
 * Whether `code` is a member of the character class whose members are `source.slice(from, to)`
 * (single characters, `\d`, escaped punctuation, ranges): 1 or 0, or NOT_SIMPLE when the class
 * needs a real RegExp (`\w`, an unescaped `]`, a range out of order…), which also reports what
 * is invalid. A 0 means every member was read, so the class is simple.
 */
function classHas(source: string, from: number, to: number, code: number): number {
  if (from >= to) return NOT_SIMPLE;
  for (let index = from; index < to; ) {
    let low = source.charCodeAt(index);
    index += 1;
    if (low === 93 /* ] */) return NOT_SIMPLE;
    if (low === 92 /* \ */) {
      // The escape must stay inside the class: `[a\]+` escapes its own closing bracket.
      if (index >= to) return NOT_SIMPLE;
      const escaped = source.charCodeAt(index);
      index += 1;
      if (escaped === 100 /* d */) {
        if (isDigit(code)) return 1;
        continue;
      }
      // Only escaped punctuation is a plain character; \w, \s and friends go to the regex.
      if (isAsciiLetter(escaped) || isDigit(escaped)) return NOT_SIMPLE;
      low = escaped;
    }
    let high = low;
    if (source.charCodeAt(index) === 45 /* - */ && index + 1 < to) {
      // `.-\-` is a range whose end is an escape (here out of order): the RegExp decides.
      if (source.charCodeAt(index + 1) === 92 /* \ */) return NOT_SIMPLE;
      high = source.charCodeAt(index + 1);
      // An out-of-order range is a regex syntax error: let the RegExp report it.
      if (high < low || high === 93 /* ] */) return NOT_SIMPLE;
      index += 2;
    }
    if (code >= low && code <= high) return 1;
  }
  return 0;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** Matches a path against a pattern whose segments are all simple, segment by segment. */
function matchSegments(source: string, path: string): boolean {
  let start = 0;
  let pathStart = 0;
  for (;;) {
    const slash = segmentEnd(source, start);
    const pathSlash = path.indexOf('/', pathStart);
    // Both end here, or neither does: the path has exactly as many segments as the pattern.
    if ((slash === -1) !== (pathSlash === -1)) return false;
    const end = slash === -1 ? source.length : slash;
    const pathEnd = pathSlash === -1 ? path.length : pathSlash;
    if (!segmentMatches(source, start, end, path, pathStart, pathEnd)) return false;
    if (slash === -1) return true;
    start = end + 1;
    pathStart = pathEnd + 1;
  }
}

function segmentMatches(
  source: string,
  start: number,
  end: number,
  path: string,
  pathStart: number,
  pathEnd: number,
): boolean {
  const kind = segmentKind(source, start, end);
  if (kind === SEGMENT_LITERAL) {
    const length = end - start;
    if (pathEnd - pathStart !== length) return false;
    for (let offset = 0; offset < length; offset += 1) {
      if (path.charCodeAt(pathStart + offset) !== source.charCodeAt(start + offset)) return false;
    }
    return true;
  }
  if (pathEnd === pathStart) return kind === SEGMENT_CLASS_STAR || kind === SEGMENT_NEGATED_STAR;
  if (kind === SEGMENT_PARAMETER) return true;
  // A simple class answers 1 (a member) or 0; a negated one matches what it does not hold.
  const negated = kind === SEGMENT_NEGATED_PLUS || kind === SEGMENT_NEGATED_STAR;
  const from = negated ? start + 2 : start + 1;
  const wanted = negated ? 0 : 1;
  for (let index = pathStart; index < pathEnd; index += 1) {
    if (classHas(source, from, end - 2, path.charCodeAt(index)) !== wanted) return false;
  }
  return true;
}

/**
 * The literal segments before the first one with pattern syntax, with their slashes: the part
 * of every matching path that is fixed.
 */
function staticPrefixOf(source: string): string {
  for (let start = 0; ; ) {
    const slash = segmentEnd(source, start);
    if (slash === -1 || segmentKind(source, start, slash) !== SEGMENT_LITERAL) {
      return source.slice(0, start);
    }
    start = slash + 1;
  }
}
