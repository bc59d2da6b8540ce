import { headerValue, isJsonMediaType } from '../contract/media-type.js';
import { compareJson } from './compare-json.js';
import type { RuleNode } from './compile-rules.js';
import type { NonStrictNode } from './non-strict-paths.js';
import { describeType, differingExcerpts, previewValue } from './preview-value.js';
import type { Mismatch } from './types.js';

/** The part of an example's request or response that says what its body is. */
export interface ExpectedMessage {
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/**
 * Compares bodies. An example without a body compares none; a string body compares as text
 * (unless the example declares a JSON Content-Type and the string is JSON text, which is then
 * compared as the JSON it holds); any other body compares as JSON.
 */
export function compareBody(
  expected: ExpectedMessage,
  actual: unknown,
  nonStrict: NonStrictNode | undefined,
  out: Mismatch[],
  rules?: RuleNode,
): void {
  const wanted = expected.body;
  if (wanted === undefined) return;
  if (actual === undefined) {
    out.push({
      path: '/body',
      kind: 'missing',
      expected: wanted,
      actual: undefined,
      message: `the body is missing, expected ${previewValue(wanted, 40)}`,
    });
    return;
  }
  if (typeof wanted !== 'string') {
    compareJson(wanted, actual, '/body', nonStrict, out, rules);
    return;
  }
  if (isJsonMediaType(headerValue(expected.headers, 'content-type'))) {
    const parsed = parseJson(wanted);
    if (parsed.ok) {
      compareJson(parsed.value, actual, '/body', nonStrict, out, rules);
      return;
    }
  }
  const text = actual instanceof Uint8Array ? new TextDecoder().decode(actual) : actual;
  if (typeof text !== 'string') {
    out.push({
      path: '/body',
      kind: 'type',
      expected: wanted,
      actual,
      message: `expected a text body, got ${describeType(actual)} ${previewValue(actual, 40)}`,
    });
    return;
  }
  if (text === wanted) return;
  const [shownWanted, shownGot, at] = differingExcerpts(wanted, text, 40);
  out.push({
    path: '/body',
    kind: 'value',
    expected: wanted,
    actual: text,
    message: `the text body differs from offset ${at}: expected ${shownWanted}, got ${shownGot}`,
  });
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
