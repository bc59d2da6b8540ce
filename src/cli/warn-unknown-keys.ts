import type { BuilderConfig } from '../config/types.js';
import { displayPath } from '../core/display-path.js';
import type { CliContext } from './cli-context.js';

/**
 * Prints one warning per builder.ini key abe does not know and that is not near a known one
 * (those near one are errors already): `abe: warning: builder.ini:7: unknown key "owner" in
 * [api], ignored (--strict makes it an error)`.
 *
 * @example
 * warnUnknownKeys(await loadConfig(file), context);
 */
export function warnUnknownKeys(config: BuilderConfig, context: CliContext): void {
  const file = displayPath(config.file, context.cwd);
  for (const key of config.unknownKeys ?? []) {
    context.stderr.write(
      `abe: warning: ${file}:${key.line}: unknown key "${key.key}" in [${key.section}], ignored (--strict makes it an error).\n`,
    );
  }
}
