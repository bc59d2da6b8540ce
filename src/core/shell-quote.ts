/** Arguments a POSIX shell reads as they are: no quoting needed. */
const PLAIN = /^[\w@%+=:,./-]+$/;

/**
 * One argument as a POSIX shell would need it typed: as it is when it holds only characters
 * the shell leaves alone, else in single quotes (a `'` inside becomes `'\''`). Pasted into
 * `sh`, a command line of quoted arguments runs the same argument array, whatever the
 * arguments hold (`$(…)`, backquotes, `;`, spaces, newlines).
 *
 * @example
 * ['make', '-C', 'odd dir', 'build'].map(shellQuote).join(' '); // "make -C 'odd dir' build"
 * shellQuote("it's"); // "'it'\\''s'"
 */
export function shellQuote(arg: string): string {
  return PLAIN.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}
