// Escaping for GitHub Actions workflow commands (`::error file=…::message`), shared by the run
// report and `abe lint --format github`; no imports, so lint loads nothing else for it.

/**
 * Escapes the message part of a workflow command, so a newline or `%` in it cannot end the
 * command early or be read as an escape.
 *
 * @example
 * `::error::${escapeData('two\nlines')}` // '::error::two%0Alines'
 */
export function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/**
 * Escapes a property value of a workflow command (`title=`, `file=`), where `:` and `,` also
 * separate the properties.
 *
 * @example
 * `::error title=${escapeProperty('api: test, failed')}::` // '::error title=api%3A test%2C failed::'
 */
export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}
