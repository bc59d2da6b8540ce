import type { AbeViolation } from '../msw/abe-mocks.js';
import type { NoEndpointViolation, UnknownExampleViolation } from './mock-record.js';

/** An RFC 9457 problem document, as `abe mock` answers errors (`application/problem+json`). */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly [extension: string]: unknown;
}

const TYPE_BASE = 'https://abe-ts.dev/problems/';

/**
 * 422: the request reached an endpoint, but no example of it allows the request. `detail` is
 * the message msw's violation has; the mismatches go along as data.
 *
 * @example
 * unmatchedProblem(violation).status // 422
 */
export function unmatchedProblem(violation: AbeViolation): ProblemDetails {
  return {
    type: `${TYPE_BASE}unmatched-request`,
    title: 'No example of the contract allows this request',
    status: 422,
    detail: violation.message,
    endpoint: violation.endpoint,
    source: violation.source,
    nearest: violation.nearest,
    mismatches: violation.mismatches,
  };
}

/**
 * 404: no contract describes the method and path; the endpoints there are go along.
 *
 * @example
 * noEndpointProblem(violation, ['GET /users/[0-9]+ (users/get.json)']).status // 404
 */
export function noEndpointProblem(
  violation: NoEndpointViolation,
  endpoints: readonly string[],
): ProblemDetails {
  return {
    type: `${TYPE_BASE}no-endpoint`,
    title: 'No contract describes this endpoint',
    status: 404,
    detail: violation.message,
    endpoints,
  };
}

/**
 * 400: the `Abe-Example` header names a label the endpoint does not have.
 *
 * @example
 * unknownExampleProblem(violation).labels // ['OK', 'not found']
 */
export function unknownExampleProblem(violation: UnknownExampleViolation): ProblemDetails {
  return {
    type: `${TYPE_BASE}unknown-example`,
    title: 'The Abe-Example header names no example of the endpoint',
    status: 400,
    detail: violation.message,
    endpoint: violation.endpoint,
    source: violation.source,
    labels: violation.labels,
  };
}

/**
 * A request whose body is larger than abe mock reads.
 *
 * @example
 * tooLargeProblem('POST /files: the request body is larger than 10 MiB, the most abe mock reads.').status // 413
 */
export function tooLargeProblem(detail: string): ProblemDetails {
  return {
    type: `${TYPE_BASE}body-too-large`,
    title: 'Request body too large',
    status: 413,
    detail,
  };
}

/**
 * An error of the admin API (`/__abe/…`): a bad pin, an unknown route, a wrong method.
 *
 * @example
 * adminProblem(405, 'method-not-allowed', 'Method not allowed', 'GET /__abe/reset: use POST.')
 */
export function adminProblem(
  status: number,
  type: string,
  title: string,
  detail: string,
): ProblemDetails {
  return { type: `${TYPE_BASE}${type}`, title, status, detail };
}
