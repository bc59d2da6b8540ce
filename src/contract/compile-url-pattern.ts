import type { UrlPattern } from './types.js';

// A character that makes a path a pattern rather than a literal. `.` is deliberately absent:
// in real paths (`/files/report.json`) it is a literal dot far more often than "any character".
const PATTERN_SYNTAX = /[[\]()*+?|^$\\{}]|(?:^|\/):[A-Za-z_]/;
const PARAMETER = /:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
// Whole-segment forms the segment matcher handles without a regular expression.
const PARAMETER_SEGMENT = /^(?::[A-Za-z_][A-Za-z0-9_]*|\{[A-Za-z_][A-Za-z0-9_]*\})$/;
const CLASS_SEGMENT = /^\[(\^?)((?:[^\]\\]|\\.)+)\]([+*])$/;

type SegmentTest = (segment: string) => boolean;

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
  const literal = !PATTERN_SYNTAX.test(source);
  const segments = literal ? undefined : segmentTests(source);
  // A pattern the segment matcher understands is valid by construction, so its RegExp (and
  // its static prefix) can wait until someone asks; any other pattern is compiled now, so a
  // bad one fails where it is read.
  let regex: RegExp | undefined =
    literal || segments !== undefined ? undefined : new RegExp(regexSource(source, literal));
  const toRegex = (): RegExp => (regex ??= new RegExp(regexSource(source, literal)));
  let staticPrefix: string | undefined;
  const test = literal
    ? (path: string) => path === source
    : segments === undefined
      ? (path: string) => toRegex().test(path)
      : (path: string) => matchSegments(segments, path);
  return {
    source,
    get regex() {
      return toRegex();
    },
    literal,
    get staticPrefix() {
      staticPrefix ??= literal ? source : staticPrefixOf(source);
      return staticPrefix;
    },
    test,
  };
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
      tests.push((actual) => actual === segment);
      continue;
    }
    if (PARAMETER_SEGMENT.test(segment)) {
      tests.push((actual) => actual.length > 0);
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
    const member = classMembership(members);
    if (member === undefined) return undefined;
    const allowEmpty = quantifier === '*';
    const wanted = negated !== '^';
    tests.push((actual) => {
      if (actual.length === 0) return allowEmpty;
      for (let index = 0; index < actual.length; index += 1)
        if (member(actual.charCodeAt(index)) !== wanted) return false;
      return true;
    });
  }
  return tests;
}

/** Membership test for the inside of a character class of single characters and ranges. */
function classMembership(members: string): ((code: number) => boolean) | undefined {
  const ranges: [number, number][] = [];
  for (let index = 0; index < members.length; ) {
    let low = members.charCodeAt(index);
    if (low === 92 /* \ */) {
      const escaped = members[index + 1] ?? '';
      if (escaped === 'd') {
        ranges.push([48, 57]);
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
      ranges.push([low, high]);
      index += 2;
    } else {
      ranges.push([low, low]);
    }
  }
  return (code) => ranges.some(([low, high]) => code >= low && code <= high);
}

function matchSegments(tests: readonly SegmentTest[], path: string): boolean {
  let start = 0;
  for (let index = 0; index < tests.length; index += 1) {
    const slash = path.indexOf('/', start);
    const last = index === tests.length - 1;
    // Every segment but the last ends at a slash; the last one runs to the end of the path.
    if (last ? slash !== -1 : slash === -1) return false;
    const end = last ? path.length : slash;
    if (!(tests[index] as SegmentTest)(path.slice(start, end))) return false;
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
