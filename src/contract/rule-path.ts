/** Where a rule applies: a part of an example, and a key path inside it. */
export interface RulePath {
  readonly part: 'request' | 'response';
  readonly section: 'body' | 'headers' | 'query';
  /**
   * Body: the keys walked from the body's root (empty for the body itself; arrays are walked
   * through, as `nonStrict` does). Headers and query: one element, the name as written.
   */
  readonly keys: readonly string[];
}

/** What a rule's key must start with, as messages tell it. */
export const RULE_PATH_STARTS =
  'start it with response.body, response.headers, request.body, request.headers or request.query';

/**
 * Reads a rule's key: `response.body.user.id`, `request.query.since`,
 * `response.headers.Location`. In a body path a dot that belongs to a key is written `\.`
 * (`response.body.version\.major`); a header or query name is everything after
 * `headers.` / `query.`, dots included. `undefined` when the key names no such place.
 *
 * @example
 * parseRulePath('response.body.items.id') // { part: 'response', section: 'body', keys: ['items', 'id'] }
 * parseRulePath('request.headers.X-Request.Id') // { …, section: 'headers', keys: ['X-Request.Id'] }
 */
export function parseRulePath(key: string): RulePath | undefined {
  const first = key.indexOf('.');
  const part = key.slice(0, first);
  if (first === -1 || (part !== 'request' && part !== 'response')) return undefined;
  const afterPart = key.slice(first + 1);
  const second = afterPart.indexOf('.');
  const section = second === -1 ? afterPart : afterPart.slice(0, second);
  const rest = second === -1 ? undefined : afterPart.slice(second + 1);
  if (section === 'body') {
    return { part, section, keys: rest === undefined ? [] : splitKeys(rest) };
  }
  if (section !== 'headers' && !(section === 'query' && part === 'request')) return undefined;
  if (rest === undefined || rest === '') return undefined;
  return { part, section, keys: [rest] };
}

/** Splits on dots not escaped with a backslash; `\.` stands for a dot, `\\` for a backslash. */
function splitKeys(path: string): string[] {
  const keys: string[] = [];
  let current = '';
  for (let index = 0; index < path.length; index += 1) {
    const char = path[index] as string;
    if (char === '\\' && index + 1 < path.length) {
      index += 1;
      current += path[index];
    } else if (char === '.') {
      keys.push(current);
      current = '';
    } else current += char;
  }
  keys.push(current);
  return keys;
}
