// Node's path.matchesGlob prints an ExperimentalWarning on Node 20, and glob does not export
// its matcher, so the few glob forms builder.ini needs are compiled here.

/**
 * Compiles a glob over POSIX paths to an anchored regular expression: `**` spans
 * directories, `*` and `?` stay within one segment, `{a,b}` alternates, `[abc]` is a class.
 * Dot files match like any other file.
 *
 * @example
 * globToRegExp('api/**\/*.json').test('api/users/get.json'); // true
 */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  let braceDepth = 0;
  for (let index = 0; index < glob.length; index += 1) {
    const char = glob[index] as string;
    if (char === '*') {
      if (glob[index + 1] === '*') {
        const atSegmentStart = index === 0 || glob[index - 1] === '/';
        const next = glob[index + 2];
        index += 1;
        if (atSegmentStart && next === '/') {
          index += 1;
          source += '(?:[^/]*/)*';
        } else if (atSegmentStart && next === undefined) {
          source += '.*';
        } else {
          source += '[^/]*';
        }
      } else {
        source += '[^/]*';
      }
    } else if (char === '?') {
      source += '[^/]';
    } else if (char === '[') {
      const end = glob.indexOf(']', index + 2);
      if (end === -1) {
        source += '\\[';
      } else {
        let body = glob.slice(index + 1, end).replace(/\\/g, '\\\\');
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        source += `[${body}]`;
        index = end;
      }
    } else if (char === '{') {
      braceDepth += 1;
      source += '(?:';
    } else if (char === '}' && braceDepth > 0) {
      braceDepth -= 1;
      source += ')';
    } else if (char === ',' && braceDepth > 0) {
      source += '|';
    } else if (char === '\\' && index + 1 < glob.length) {
      index += 1;
      source += escapeChar(glob[index] as string);
    } else {
      source += escapeChar(char);
    }
  }
  source += ')'.repeat(braceDepth);
  return new RegExp(`^${source}$`);
}

function escapeChar(char: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(char) ? `\\${char}` : char;
}
