import picomatch from 'picomatch/posix.js';

// Globs read as in a shell: dot files match like any other name, `[!x]` negates a class
// (picomatch reads it so only with `posix`), and a leading `!` is a character, not a negation
// of the whole glob. `picomatch/posix` never guesses the platform (from `navigator.platform` in
// a browser): paths are always given with `/` separators.
const OPTIONS: picomatch.PicomatchOptions = { dot: true, posix: true, nonegate: true };

/** What to tell a user whose glob does not compile. */
export const GLOB_HINT =
  'Fix the glob; to match `[`, `(` or `{` as a character, write `\\[`, `\\(` or `\\{`.';

/** Tests a `/`-separated path against one compiled glob. */
export type GlobMatcher = (path: string) => boolean;

/**
 * Compiles a builder.ini or `mockFromAbe` glob. picomatch turns a `{` without its `}` into a
 * regular expression that matches nothing; with `debug` it throws instead, and the glob is read
 * again with braces as plain characters, as a shell reads them. A glob that still does not
 * compile (`[z-a]`) throws picomatch's error, for the caller to name the glob's place.
 *
 * @example
 * compileGlob('contracts/**\/*.json')('contracts/users/get.json'); // true
 * compileGlob('{legacy/*.sh')('{legacy/run.sh'); // true
 */
export function compileGlob(glob: string): GlobMatcher {
  try {
    return picomatch(glob, { ...OPTIONS, debug: true });
  } catch {
    return picomatch(glob, { ...OPTIONS, nobrace: true, debug: true });
  }
}
