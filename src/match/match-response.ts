import type { ExampleResponse } from '../contract/types.js';
import { compareBody } from './compare-body.js';
import { compareHeaders } from './compare-headers.js';
import { compileRules } from './compile-rules.js';
import { isExample } from './is-example.js';
import { compileNonStrict } from './non-strict-paths.js';
import type { ActualResponse, ExpectedResponse, MatchOptions, Mismatch } from './types.js';

/**
 * Compares a response with an example and returns every difference (an empty array when
 * it matches): status equal, example headers contained, body strictly equal except at
 * `nonStrict` paths (the example's own list plus `opts.nonStrict`), and as the example's
 * `response.*` rules allow (docs/matching.md).
 *
 * @example
 * const mismatches = matchResponse(contract.examples[0], { status: 200, headers, body });
 * if (mismatches.length > 0) throw new Error(formatMismatches(mismatches));
 */
export function matchResponse(
  expected: ExpectedResponse,
  actual: ActualResponse,
  opts: MatchOptions = {},
): Mismatch[] {
  const example = isExample(expected) ? expected : undefined;
  const response = example === undefined ? (expected as ExampleResponse) : example.response;
  const out: Mismatch[] = [];
  if (response.status !== actual.status) {
    out.push({
      path: '/status',
      kind: 'status',
      expected: response.status,
      actual: actual.status,
      message: `status is ${String(actual.status)}, expected ${String(response.status)}`,
    });
  }
  const rules = compileRules(example?.rules)?.response;
  compareHeaders(response.headers, actual.headers, out, rules?.headers);
  compareBody(
    response,
    actual.body,
    compileNonStrict(example?.nonStrict, opts.nonStrict),
    out,
    rules?.body,
  );
  return out;
}
