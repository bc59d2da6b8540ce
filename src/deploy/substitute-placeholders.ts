import type { VariableValue } from './deploy-config.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A `${…}` that could not be substituted. */
export interface PlaceholderProblem {
  /** The variable name, or the text between `${` and `}` when it is not a name. */
  readonly name: string;
  /** Offset of the `$` in the input string. */
  readonly index: number;
  /** `unresolved`: the lookup has no value; `syntax`: `${` without `}` or with a non-name inside. */
  readonly kind: 'unresolved' | 'syntax';
}

export interface Substituted {
  /** The text with every placeholder replaced; a number or boolean when the whole text was one placeholder of such a variable. */
  readonly value: VariableValue;
  readonly problems: readonly PlaceholderProblem[];
  /** True when the input held a placeholder or an escape. */
  readonly changed: boolean;
}

/**
 * Replaces `${NAME}` in one string, in a single pass: replacement text is never scanned again,
 * so a value that itself reads `${OTHER}` stays literal. `$${` is an escape for a literal `${`.
 *
 * @example
 * substitutePlaceholders('api:${DOCKER_TAG}', (name) => (name === 'DOCKER_TAG' ? '1.4.2' : undefined)).value // 'api:1.4.2'
 */
export function substitutePlaceholders(
  text: string,
  lookup: (name: string) => VariableValue | undefined,
): Substituted {
  if (!text.includes('${')) return { value: text, problems: [], changed: false };
  const problems: PlaceholderProblem[] = [];
  let out = '';
  let index = 0;
  while (index < text.length) {
    const dollar = text.indexOf('$', index);
    if (dollar === -1) {
      out += text.slice(index);
      break;
    }
    out += text.slice(index, dollar);
    if (text.startsWith('$${', dollar)) {
      out += '${';
      index = dollar + 3;
    } else if (text.startsWith('${', dollar)) {
      const close = text.indexOf('}', dollar + 2);
      const name = text.slice(dollar + 2, close === -1 ? undefined : close);
      if (close === -1 || !NAME.test(name)) {
        problems.push({ name, index: dollar, kind: 'syntax' });
        out += text.slice(dollar, close === -1 ? undefined : close + 1);
        index = close === -1 ? text.length : close + 1;
        continue;
      }
      const value = lookup(name);
      if (value === undefined) problems.push({ name, index: dollar, kind: 'unresolved' });
      // A whole-string placeholder keeps the variable's type (`replicas: ${REPLICAS}` → 3).
      if (dollar === 0 && close === text.length - 1 && value !== undefined) {
        return { value, problems, changed: true };
      }
      out += value === undefined ? text.slice(dollar, close + 1) : String(value);
      index = close + 1;
    } else {
      out += '$';
      index = dollar + 1;
    }
  }
  return { value: out, problems, changed: true };
}
