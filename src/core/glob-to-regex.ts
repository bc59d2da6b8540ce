// A small glob matcher, shared by builder.ini globs and the browser-safe `abe-ts/msw` entry, which
// must not import the `glob` package (it imports node built-ins at load time). Node's
// path.matchesGlob warns as experimental on Node 20. Paths use `/` separators.

const MAGIC = /[*?[\]{}]/;

/** True when a path segment or pattern holds glob syntax. */
export function hasGlobMagic(text: string): boolean {
  return MAGIC.test(text);
}

/**
 * Compiles a glob into an anchored regular expression over `/`-separated paths.
 * Supports `*` and `?` (within a segment), `**` (any number of whole segments), `[abc]`,
 * `[!abc]` / `[^abc]`, and `{a,b}` alternatives (nestable). Dot files are matched like any
 * other name.
 *
 * @example
 * globToRegex('contracts/**\/*.json').test('contracts/users/get.json') // true
 */
export function globToRegex(glob: string): RegExp {
  const segments = glob.split('/');
  let source = '';
  for (const [index, segment] of segments.entries()) {
    const last = index === segments.length - 1;
    if (segment === '**') {
      // `a/**/b` matches `a/b` too; a trailing `**` matches everything below.
      source += last ? '.*' : '(?:[^/]+/)*';
      continue;
    }
    source += segmentSource(segment) + (last ? '' : '/');
  }
  return new RegExp(`^${source}$`);
}

function segmentSource(segment: string): string {
  let source = '';
  let braces = 0;
  // Unbalanced braces are literal text, as in shells.
  const alternatives = balanced(segment);
  for (let index = 0; index < segment.length; index += 1) {
    const char = segment[index] as string;
    if (char === '*') {
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else if (char === '[') {
      const end = segment.indexOf(']', index + 2);
      if (end === -1) {
        source += '\\[';
        continue;
      }
      let body = segment.slice(index + 1, end);
      const negated = body.startsWith('!') || body.startsWith('^');
      if (negated) body = body.slice(1);
      source += `[${negated ? '^/' : ''}${body.replaceAll('\\', '\\\\').replaceAll(']', '\\]')}]`;
      index = end;
    } else if (char === '{' && alternatives) {
      braces += 1;
      source += '(?:';
    } else if (char === '}' && braces > 0) {
      braces -= 1;
      source += ')';
    } else if (char === ',' && braces > 0) {
      source += '|';
    } else {
      source += escapeRegex(char);
    }
  }
  return source;
}

function balanced(segment: string): boolean {
  let depth = 0;
  for (const char of segment) {
    if (char === '{') depth += 1;
    if (char !== '}') continue;
    depth -= 1;
    if (depth < 0) return false;
  }
  return depth === 0;
}

/** Escapes every character with a meaning in a regular expression (and `/`). */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
