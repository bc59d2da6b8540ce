import { Minimatch } from 'minimatch';

// builder.ini and mockFromAbe globs are read by minimatch, the matcher of the glob package that
// `abe lint` expands globs with, so one glob means the same everywhere. As glob itself sets them:
// a leading `!` or `#` is a character, not a negation or a comment. Unlike glob's default, dot
// files match like any other name: a change under `.github/` is a change `**` must see.
// `platform: 'linux'` reads `\` as an escape everywhere: paths come with `/` separators.
const OPTIONS = { dot: true, nonegate: true, nocomment: true, platform: 'linux' } as const;

/** Tests a `/`-separated path against one compiled glob. */
export type GlobMatcher = (path: string) => boolean;

/**
 * Compiles a builder.ini or `mockFromAbe` glob once, for many paths. A leading `./` is dropped,
 * as paths never start with one. A brace without its pair is a character, as in a shell.
 *
 * @example
 * compileGlob('contracts/**\/*.json')('contracts/users/get.json'); // true
 * compileGlob('{users,orders}/*.json')('orders/list.json'); // true
 */
export function compileGlob(glob: string): GlobMatcher {
  const matcher = new Minimatch(glob.replace(/^\.\//, ''), OPTIONS);
  return (path) => matcher.match(path);
}
