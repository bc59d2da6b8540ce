import { AbeError } from '../core/abe-error.js';
import { didYouMean } from '../core/did-you-mean.js';

export type ReporterName = 'summary' | 'json' | 'junit' | 'github';

export interface ReporterSpec {
  readonly name: ReporterName;
  /** Output file, relative to the working directory; `undefined` means the default place. */
  readonly file: string | undefined;
}

const NAMES: readonly ReporterName[] = ['summary', 'json', 'junit', 'github'];

/**
 * Parses `--reporter` values: `name` or `name=file`, repeated or comma-separated.
 *
 * @example
 * parseReporters(['summary', 'junit=reports/junit.xml,json=reports/abe.json']);
 */
export function parseReporters(values: readonly string[]): ReporterSpec[] {
  const specs: ReporterSpec[] = [];
  for (const value of values.flatMap((v) => v.split(','))) {
    const trimmed = value.trim();
    if (trimmed === '') continue;
    const equals = trimmed.indexOf('=');
    const name = equals === -1 ? trimmed : trimmed.slice(0, equals);
    const file = equals === -1 ? undefined : trimmed.slice(equals + 1);
    if (!(NAMES as readonly string[]).includes(name)) {
      throw new AbeError(
        'usage',
        `unknown reporter "${name}" in --reporter ${value}.${didYouMean(name, NAMES)}`,
        {
          hint: `Reporters: ${NAMES.join(', ')}; write one to a file with name=FILE, e.g. --reporter junit=reports/junit.xml.`,
        },
      );
    }
    if (file === '') {
      throw new AbeError('usage', `--reporter ${value} names no file after "=".`, {
        hint: `Write --reporter ${name} for the default output, or --reporter ${name}=FILE.`,
      });
    }
    specs.push({ name: name as ReporterName, file });
  }
  return specs;
}
