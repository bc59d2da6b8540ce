import { AbeError } from '../core/abe-error.js';
import type { Diagnostic } from './types.js';

/** One error for every problem of one contract file, each on its own `file:line:col` line. */
export function contractError(diagnostics: readonly Diagnostic[]): AbeError {
  const first = diagnostics[0];
  const code = first?.code.startsWith('json.')
    ? 'contract.parse'
    : first?.code === 'schema'
      ? 'contract.schema'
      : 'contract.invalid';
  const lines = diagnostics.map(
    (d) => `  ${d.line > 0 ? `${d.file}:${d.line}:${d.column}` : d.file}  ${d.message} [${d.code}]`,
  );
  const count = diagnostics.length === 1 ? 'a problem' : `${diagnostics.length} problems`;
  return new AbeError(code, `contract ${first?.file ?? ''} has ${count}:\n${lines.join('\n')}`, {
    ...(first === undefined ? {} : { file: first.file }),
    ...(first !== undefined && first.line > 0 ? { line: first.line, column: first.column } : {}),
    hint: 'Run `abe lint` on the file for every diagnostic with its code; spec/README.md in the abe-ts package describes the format.',
  });
}
