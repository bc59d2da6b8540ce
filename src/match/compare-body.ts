import { mediaType } from './compare-headers.js';
import { compareJson } from './compare-json.js';
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
    compareJson(wanted, actual, '/body', nonStrict, out);
    return;
  }
  if (declaresJson(expected.headers)) {
    const parsed = parseJson(wanted);
    if (parsed.ok) {
      compareJson(parsed.value, actual, '/body', nonStrict, out);
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

/**
 * `application/json`, `application/problem+json` and the like. Written here rather than
 * imported from the contract loader, which pulls in ajv: the engine also runs in browsers
 * under msw and should stay small there.
 */
function declaresJson(headers: Readonly<Record<string, string>> | undefined): boolean {
  if (headers === undefined) return false;
  for (const name of Object.keys(headers)) {
    if (name.toLowerCase() !== 'content-type') continue;
    const media = mediaType(String(headers[name]));
    return media === 'application/json' || media.endsWith('+json');
  }
  return false;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
