/** What a file name may hold as it is: letters, digits, `.`, `_` and `-`. */
const PLAIN = /^[A-Za-z0-9._-]+$/;

/**
 * A name made safe to use in a file name, one-to-one: a name of letters, digits, `.`, `_` and
 * `-` stays as it is (`api`, `web_ui`); in any other name, each byte of every other character
 * becomes `%` and two hex digits, as in a URL (`web/ui` → `web%2Fui`, `a b` → `a%20b`). `%` is
 * itself escaped, so two names never share a file, as `a b` and `a_b` did when both became
 * `a_b`. No `/` is left, so a name cannot add a directory.
 *
 * @example
 * fileSafe('api'); // 'api'
 * fileSafe('web/ui'); // 'web%2Fui'
 */
export function fileSafe(name: string): string {
  if (PLAIN.test(name)) return name;
  let safe = '';
  for (const char of name) {
    safe += PLAIN.test(char)
      ? char
      : [...Buffer.from(char, 'utf8')]
          .map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)
          .join('');
  }
  return safe;
}
