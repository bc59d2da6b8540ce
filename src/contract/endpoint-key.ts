import type { UrlPattern } from './types.js';

/**
 * A whole segment that matches any one segment: `:id`, `{id}`, `[^/]+`. Replaced in one pass
 * by a character no url pattern has in it, so a parameter never equals a written segment.
 */
const ANY_SEGMENT =
  /(?<=^|\/)(?::[A-Za-z_][A-Za-z0-9_]*|\{[A-Za-z_][A-Za-z0-9_]*\}|\[\^\/\]\+)(?=\/|$)/g;

/**
 * The endpoint a method and url pattern describe, with every segment that matches any one
 * segment spelled the same way, whatever its parameter name: `GET /users/:id`,
 * `GET /users/{userId}` and `GET /users/[^/]+` are one endpoint. Other regex parts are
 * compared as written (`[0-9]+` and `\d+` stay two spellings).
 *
 * @example
 * endpointKey('GET', compileUrlPattern('/users/{id}')) === endpointKey('GET', compileUrlPattern('/users/:userId')) // true
 */
export function endpointKey(method: string, pattern: UrlPattern): string {
  const { source } = pattern;
  // Most patterns have no parameter at all: skip the regular expression for them.
  const plain =
    pattern.literal ||
    (source.indexOf(':') === -1 && source.indexOf('{') === -1 && source.indexOf('[^') === -1);
  return `${method} ${plain ? source : source.replace(ANY_SEGMENT, '\u0000')}`;
}
