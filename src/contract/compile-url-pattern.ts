import type { UrlPattern } from './types.js';

// A character that makes a path a pattern rather than a literal. `.` is deliberately absent:
// in real paths (`/files/report.json`) it is a literal dot far more often than "any character".
const PATTERN_SYNTAX = /[[\]()*+?|^$\\{}]|(?:^|\/):[A-Za-z_]/;
const PARAMETER = /:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * How one path segment is matched without a regular expression: the same text as
 * `source.slice(start, end)`, any non-empty text (a parameter), or characters from a class
 * (`[0-9]+`, `[^/]*`). Plain data with offsets into the source rather than closures or
 * substrings: compiling thousands of patterns then leaves almost nothing to collect.
 */
interface SegmentTest {
  readonly kind: 'literal' | 'parameter' | 'class';
  readonly start: number;
  readonly end: number;
  /** Inclusive `[low, high]` character-code pairs, flattened. */
  readonly ranges: readonly number[];
  readonly allowEmpty: boolean;
}

const NO_RANGES: readonly number[] = Object.freeze([]);

/**
 * Compiles an endpoint URL pattern: a literal path, a path with regex parts (`/users/[0-9]+`),
 * or with `:id` / `{id}` parameters. Throws a `SyntaxError` describing a bad regex part.
 *
 * `test()` matches whole path segments directly when every segment is a literal, a parameter
 * or a single character class (`[0-9]+`, `[a-z-]*`): V8 compiles each new regular expression to
 * machine code on its second use, which dominates linting thousands of contracts.
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
  readonly #segments: readonly SegmentTest[] | undefined;
  #regex: RegExp | undefined;
  #staticPrefix: string | undefined;

  constructor(source: string) {
    this.source = source;
    this.literal = !PATTERN_SYNTAX.test(source);
    this.#segments = this.literal ? undefined : segmentTests(source);
    // A pattern the segment matcher understands is valid by construction, so its RegExp (and
    // its static prefix) can wait until someone asks; any other pattern is compiled now, so a
    // bad one fails where it is read.
    if (!this.literal && this.#segments === undefined) this.#regex = this.regex;
  }

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
    const segments = this.#segments;
    return segments === undefined
      ? this.regex.test(path)
      : matchSegments(this.source, segments, path);
  }
}

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

function segmentTests(source: string): SegmentTest[] | undefined {
  const tests: SegmentTest[] = [];
  for (let start = 0; ; ) {
    const slash = source.indexOf('/', start);
    const end = slash === -1 ? source.length : slash;
    const test = segmentTest(source, start, end);
    if (test === undefined) return undefined;
    tests.push(test);
    if (slash === -1) return tests;
    start = end + 1;
  }
}

/** The test for `source.slice(start, end)`, or undefined when only a RegExp can match it. */
function segmentTest(source: string, start: number, end: number): SegmentTest | undefined {
  const first = source.charCodeAt(start);
  if (first !== 58 /* : */ && !hasPatternSyntax(source, start, end)) {
    return { kind: 'literal', start, end, ranges: NO_RANGES, allowEmpty: false };
  }
  if (isParameter(source, start, end)) {
    return { kind: 'parameter', start, end, ranges: NO_RANGES, allowEmpty: false };
  }
  // `[members]+` or `[members]*`, members being single characters, escapes and ranges.
  const quantifier = source.charCodeAt(end - 1);
  if (
    first !== 91 /* [ */ ||
    end - start < 4 ||
    source.charCodeAt(end - 2) !== 93 /* ] */ ||
    (quantifier !== 43 /* + */ && quantifier !== 42) /* * */
  ) {
    return undefined;
  }
  // A negated class matches "/" too, so it can span segments (and `[^]` is any character):
  // only the RegExp gets that right.
  if (source.charCodeAt(start + 1) === 94 /* ^ */) return undefined;
  const ranges = classRanges(source, start + 1, end - 2);
  if (ranges === undefined) return undefined;
  return { kind: 'class', start, end, ranges, allowEmpty: quantifier === 42 };
}

/** Whether the text holds a character with meaning in a pattern (see PATTERN_SYNTAX). */
function hasPatternSyntax(source: string, start: number, end: number): boolean {
  for (let index = start; index < end; index += 1) {
    switch (source.charCodeAt(index)) {
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

/**
 * The members `source.slice(from, to)` of a character class as flattened code ranges, or
 * undefined when they need a real RegExp (`\w`, an unescaped `]`, a range out of order…).
 */
function classRanges(source: string, from: number, to: number): number[] | undefined {
  if (from >= to) return undefined;
  const ranges: number[] = [];
  for (let index = from; index < to; ) {
    let low = source.charCodeAt(index);
    if (low === 93 /* ] */) return undefined;
    if (low === 92 /* \ */) {
      // The escape must stay inside the class: `[a\]+` escapes its own closing bracket.
      if (index + 1 >= to) return undefined;
      const escaped = source.charCodeAt(index + 1);
      index += 2;
      if (escaped === 100 /* d */) {
        ranges.push(48, 57);
        continue;
      }
      // Only escaped punctuation is a plain character; \w, \s and friends go to the regex.
      if (isAsciiLetter(escaped) || isDigit(escaped)) return undefined;
      low = escaped;
    } else {
      index += 1;
    }
    if (
      source.charCodeAt(index) === 45 /* - */ &&
      index + 1 < to &&
      source.charCodeAt(index + 1) !== 92 /* \ */
    ) {
      const high = source.charCodeAt(index + 1);
      // An out-of-order range is a regex syntax error: let the RegExp report it.
      if (high < low || high === 93 /* ] */) return undefined;
      ranges.push(low, high);
      index += 2;
    } else {
      ranges.push(low, low);
    }
  }
  return ranges;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function segmentMatches(
  source: string,
  test: SegmentTest,
  path: string,
  start: number,
  end: number,
): boolean {
  if (test.kind === 'literal') {
    const length = test.end - test.start;
    if (end - start !== length) return false;
    for (let offset = 0; offset < length; offset += 1) {
      if (path.charCodeAt(start + offset) !== source.charCodeAt(test.start + offset)) return false;
    }
    return true;
  }
  if (end === start) return test.kind === 'class' && test.allowEmpty;
  if (test.kind === 'parameter') return true;
  const ranges = test.ranges;
  for (let index = start; index < end; index += 1) {
    const code = path.charCodeAt(index);
    let member = false;
    for (let range = 0; range < ranges.length; range += 2) {
      if (code >= (ranges[range] as number) && code <= (ranges[range + 1] as number)) {
        member = true;
        break;
      }
    }
    if (!member) return false;
  }
  return true;
}

function matchSegments(source: string, tests: readonly SegmentTest[], path: string): boolean {
  let start = 0;
  for (let index = 0; index < tests.length; index += 1) {
    const slash = path.indexOf('/', start);
    const last = index === tests.length - 1;
    // Every segment but the last ends at a slash; the last one runs to the end of the path.
    if (last ? slash !== -1 : slash === -1) return false;
    const end = last ? path.length : slash;
    if (!segmentMatches(source, tests[index] as SegmentTest, path, start, end)) return false;
    start = end + 1;
  }
  return true;
}

function staticPrefixOf(source: string): string {
  const match = PATTERN_SYNTAX.exec(source);
  // The `:param` alternative includes the `/` before it; the pattern starts after that slash.
  const start = match === null ? source.length : match.index + (match[0].startsWith('/') ? 1 : 0);
  const head = source.slice(0, start);
  return head.slice(0, head.lastIndexOf('/') + 1);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
