import type { Example, ExampleRequest, ExampleResponse } from '../contract/types.js';

/** What a mismatch is about. Documented in docs/matching.md; stable. */
export type MismatchKind =
  | 'status'
  | 'missing'
  | 'unexpected'
  | 'type'
  | 'value'
  | 'length'
  | 'header'
  | 'query'
  | 'method'
  | 'url'
  | 'depth'
  /** A value an example's rule does not allow (`expected a date-time (rule), got "soon"`). */
  | 'rule';

/**
 * One difference between an example and what actually happened.
 * `path` is a JSON pointer rooted at the message: `/status`, `/body/items/0/id`,
 * `/headers/content-type`, `/query/tag`, `/method`, `/url`.
 */
export interface Mismatch {
  readonly path: string;
  readonly kind: MismatchKind;
  /** The example's value (`undefined` when the example has none, e.g. an unexpected key). */
  readonly expected: unknown;
  /** The actual value (`undefined` when missing). */
  readonly actual: unknown;
  /** One sentence for a human, without the path. */
  readonly message: string;
}

/** Header values as HTTP libraries hand them out. */
export type ActualHeaders = Readonly<
  Record<string, string | readonly string[] | number | undefined>
>;

/** A response as received: the body already decoded (JSON value, or text for non-JSON media). */
export interface ActualResponse {
  readonly status: number;
  readonly headers?: ActualHeaders;
  readonly body?: unknown;
}

/** A request as sent by a consumer or received by a provider. `url` is a path with an optional query string. */
export interface ActualRequest {
  readonly method: string;
  readonly url: string;
  readonly headers?: ActualHeaders;
  readonly body?: unknown;
}

export interface MatchOptions {
  /** Dot paths whose value is not compared (presence still is); added to the example's own list. */
  readonly nonStrict?: readonly string[];
}

/** What `matchResponse` compares against: an example (its `nonStrict` applies) or its response. */
export type ExpectedResponse = Example | ExampleResponse;
/** What `matchRequest` compares against: an example or its request. */
export type ExpectedRequest = Example | ExampleRequest;
