// Text abe prints but did not write — a contract's label, a file name, a message quoting a
// contract, a git ref, an answer from a server — passes through these before it reaches a
// terminal or a CI log. GitHub Actions reads every line of a step's output for workflow
// commands: `::error …::` at the start of a line (spaces before it do not count), and the
// legacy `##[error]…` anywhere in a line. A newline inside a label would start a line of the
// label's choosing (`::add-mask::`, `::error file=README.md…`), and an escape sequence could
// rewrite what the terminal shows. Shown escaped, the text still reads as what it is.

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are what it escapes
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Untrusted text made safe to print inside a line: control characters (CR, LF, tab, escape,
 * C1, U+2028/U+2029) shown as `\n`, `\r`, `\t` or `\u001b`, so they cannot start a line or
 * move the cursor, and the legacy workflow-command marker `##[` shown as `##\[`.
 *
 * @example
 * logSafeText('OK\n::error file=README.md::forged'); // 'OK\\n::error file=README.md::forged'
 */
export function logSafeText(text: string): string {
  return text
    .replace(
      CONTROL,
      (char) => NAMED[char] ?? `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
    )
    .replaceAll('##[', '##\\[');
}

/**
 * {@link logSafeText} for text that begins a line of output (after any indentation): a
 * leading `::` is shown as `\::`, so a file named `::error::x.json` is not read as a command.
 *
 * @example
 * `  ${logSafeLineStart('::warning::x.json')}` // '  \\::warning::x.json'
 */
export function logSafeLineStart(text: string): string {
  const safe = logSafeText(text);
  return /^\s*::/.test(safe) ? safe.replace('::', '\\::') : safe;
}

/**
 * JSON text (from `JSON.stringify`) made safe to print in a CI log: JSON already escapes line
 * breaks inside strings, so only the legacy marker `##[`, which the runner finds anywhere in a
 * line, is left; its `[` becomes `\u005b`, which parses back to the same string.
 *
 * @example
 * logSafeJson(JSON.stringify({ label: '##[error]x' })); // '{"label":"##\\u005berror]x"}'
 */
export function logSafeJson(json: string): string {
  return json.replaceAll('##[', '##\\u005b');
}
