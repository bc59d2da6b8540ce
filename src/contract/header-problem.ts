// What HTTP lets a header be. A contract header that breaks these rules cannot be sent: fetch's
// `Headers` (msw's mocked responses, consumers) throws on it, and so does node's http (the
// provider's requests), so every request that reached such an example failed with a 500
// instead of a clear lint diagnostic.

/** A field name is an RFC 9110 token. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/**
 * A field value, as node's http accepts it (fetch accepts a little more): tab, visible ASCII and
 * the Latin-1 range (obs-text); no line breaks, no other control characters, nothing beyond U+00FF.
 */
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const FIELD_VALUE_CHARACTER = /[\t\x20-\x7e\x80-\xff]/;

// Names and values found good, remembered: contracts repeat the same few (`Content-Type`,
// `application/json`), and lint reads thousands of them. Bounded, so memory stays small.
const GOOD_NAMES = new Set<string>();
const GOOD_VALUES = new Set<string>();
const REMEMBERED = 1024;

function remember(set: Set<string>, text: string): void {
  if (set.size < REMEMBERED) set.add(text);
}

/**
 * Why a header cannot be sent as written, in words, or `undefined` when it can.
 *
 * @example
 * headerProblem('X Trace', '1') // 'its name "X Trace" is not an HTTP token: …'
 * headerProblem('Content-Type', 'text/plain') // undefined
 */
export function headerProblem(name: string, value: string): string | undefined {
  if (!GOOD_NAMES.has(name)) {
    if (!TOKEN.test(name)) {
      const bad = [...name].find((character) => !TOKEN.test(character));
      return `its name ${JSON.stringify(name)} is not an HTTP token (${bad === undefined ? 'it is empty' : `${describe(bad)} is not allowed`}): a header name has only letters, digits and !#$%&'*+-.^_\`|~`;
    }
    remember(GOOD_NAMES, name);
  }
  if (GOOD_VALUES.has(value)) return undefined;
  if (FIELD_VALUE.test(value)) {
    remember(GOOD_VALUES, value);
    return undefined;
  }
  const bad = [...value].find((character) => !FIELD_VALUE_CHARACTER.test(character)) ?? '';
  return `its value contains ${describe(bad)}, which an HTTP header value cannot carry: header values are Latin-1 text without line breaks or control characters (percent-encode anything else)`;
}

function describe(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  const unicode = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (character === '\n') return `a line break (${unicode})`;
  if (character === '\r') return `a carriage return (${unicode})`;
  if (character === ' ') return 'a space';
  if (code < 0x20 || code === 0x7f) return `a control character (${unicode})`;
  return `${JSON.stringify(character)} (${unicode})`;
}
