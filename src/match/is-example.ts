import type { Example } from '../contract/types.js';

/**
 * Tells a whole example (which carries `request`, `response` and maybe `nonStrict`) from
 * the message it holds. A raw example object as written in a file counts as an example too.
 */
export function isExample(value: object): value is Example {
  return (
    'response' in value &&
    typeof value.response === 'object' &&
    value.response !== null &&
    !('status' in value)
  );
}
