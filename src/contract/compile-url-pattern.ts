import type { UrlPattern } from './types.js';

// A character that makes a path a pattern rather than a literal. `.` is deliberately absent:
// in real paths (`/files/report.json`) it is a literal dot far more often than "any character".
const PATTERN_SYNTAX = /[[\]()*+?|^$\\{}]|(?:^|\/):[A-Za-z_]/;
const PARAMETER = /:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
// Whole-segment forms the segment matcher handles without a regular expression.
const PARAMETER_SEGMENT = /^(?::[A-Za-z_][A-Za-z0-9_]*|\{[A-Za-z_][A-Za-z0-9_]*\})$/;
const CLASS_SEGMENT = /^\[(\^?)((?:[^\]\\]|\\.)+)\]([+*])$/;

/**
 * How one path segment is matched without a regular expression: the same text, any non-empty
 * text (a parameter), or characters from a class (`[0-9]+`, `[^/]*`). Plain data rather than a
 * closure per segment: data objects share their shape, which keeps the garbage collector's work
 * flat when thousands of patterns are compiled.
 */
interface SegmentTest {
  readonly kind: 'literal' | 'parameter' | 'class';
  readonly text: string;
  /** Inclusive `[low, high]` character-code pairs, flattened. */
  readonly ranges: readonly number[];
  readonly wanted: boolean;
  readonly allowEmpty: boolean;
}

/**
 * Compiles an endpoint URL pattern: a literal path, a path with regex parts (`/users/[0-9]+`),
 * or with `:id` / `{id}` parameters. Throws a `SyntaxError` describing a bad regex part.
 *
 * `test()` matches whole path segments directly when every segment is a literal, a parameter
 * or a single character class (`[0-9]+`, `[^/]+`): V8 compiles each new regular expression to
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
    return segments === undefined ? this.regex.test(path) : matchSegments(segments, path);
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
  for (const segment of source.split('/')) {
    if (!PATTERN_SYNTAX.test(segment) && !segment.startsWith(':')) {
      tests.push({ kind: 'literal', text: segment, ranges: [], wanted: true, allowEmpty: false });
      continue;
    }
    if (PARAMETER_SEGMENT.test(segment)) {
      tests.push({ kind: 'parameter', text: '', ranges: [], wanted: true, allowEmpty: false });
      continue;
    }
    const characterClass = CLASS_SEGMENT.exec(segment);
    if (characterClass === null) return undefined;
    const [, negated, members, quantifier] = characterClass as unknown as [
      string,
      string,
      string,
      string,
    ];
    const ranges = classRanges(members);
    if (ranges === undefined) return undefined;
    tests.push({
      kind: 'class',
      text: '',
      ranges,
      wanted: negated !== '^',
      allowEmpty: quantifier === '*',
    });
  }
  return tests;
}

/** The inside of a character class of single characters and ranges, as flattened code ranges. */
function classRanges(members: string): number[] | undefined {
  const ranges: number[] = [];
  for (let index = 0; index < members.length; ) {
    let low = members.charCodeAt(index);
    if (low === 92 /* \ */) {
      const escaped = members[index + 1] ?? '';
      if (escaped === 'd') {
        ranges.push(48, 57);
        index += 2;
        continue;
      }
      // Only escaped punctuation is a plain character; \w, \s and friends go to the regex.
      if (/[A-Za-z0-9]/.test(escaped)) return undefined;
      low = escaped.charCodeAt(0);
      index += 2;
    } else {
      index += 1;
    }
    if (members[index] === '-' && index + 1 < members.length && members[index + 1] !== '\\') {
      const high = members.charCodeAt(index + 1);
      // An out-of-order range is a regex syntax error: let the RegExp report it.
      if (high < low) return undefined;
      ranges.push(low, high);
      index += 2;
    } else {
      ranges.push(low, low);
    }
  }
  return ranges;
}

function segmentMatches(test: SegmentTest, path: string, start: number, end: number): boolean {
  if (test.kind === 'literal')
    return end - start === test.text.length && path.startsWith(test.text, start);
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
    if (member !== test.wanted) return false;
  }
  return true;
}

function matchSegments(tests: readonly SegmentTest[], path: string): boolean {
  let start = 0;
  for (let index = 0; index < tests.length; index += 1) {
    const slash = path.indexOf('/', start);
    const last = index === tests.length - 1;
    // Every segment but the last ends at a slash; the last one runs to the end of the path.
    if (last ? slash !== -1 : slash === -1) return false;
    const end = last ? path.length : slash;
    if (!segmentMatches(tests[index] as SegmentTest, path, start, end)) return false;
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
