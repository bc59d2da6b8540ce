import type { UrlPattern } from './types.js';

// A character that makes a path a pattern rather than a literal. `.` is deliberately absent:
// in real paths (`/files/report.json`) it is a literal dot far more often than "any character".
const PATTERN_SYNTAX = /[[\]()*+?|^$\\{}]|(?:^|\/):[A-Za-z_]/;
const PARAMETER = /:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Compiles an endpoint URL pattern: a literal path, a path with regex parts (`/users/[0-9]+`),
 * or with `:id` / `{id}` parameters. Throws a `SyntaxError` describing the bad regex part.
 *
 * @example
 * compileUrlPattern('/users/:id').regex.test('/users/42') // true
 */
export function compileUrlPattern(source: string): UrlPattern {
  const literal = !PATTERN_SYNTAX.test(source);
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
  const regex = new RegExp(`^(?:${body})$`);
  return { source, regex, literal, staticPrefix: literal ? source : staticPrefixOf(source) };
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
