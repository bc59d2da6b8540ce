import { formatMismatches } from '../match/format-mismatches.js';
import type { AbeViolation } from './abe-mocks.js';
import type { Choice } from './choose-example.js';

/**
 * The violation of a request no example allows, with the message both the msw handlers and
 * `abe mock` give: the request line, the nearest example, and the mismatches as a diff.
 *
 * @example
 * const choice = chooseExample(endpoints, actual);
 * if (!choice.allowed) unmatchedViolation('GET', 'http://api/users/x', choice).message;
 */
export function unmatchedViolation(
  method: string,
  url: string,
  choice: Extract<Choice, { allowed: false }>,
): AbeViolation {
  return {
    kind: 'unmatched',
    method,
    url,
    endpoint: choice.endpoint.name,
    source: choice.endpoint.contract.source,
    nearest: choice.nearest.label,
    mismatches: choice.mismatches,
    message: [
      `${method} ${url} is not allowed by any example of ${choice.endpoint.name}.`,
      `Nearest example: "${choice.nearest.label}"`,
      indent(formatMismatches(choice.mismatches)),
    ].join('\n'),
  };
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? line : `  ${line}`))
    .join('\n');
}
