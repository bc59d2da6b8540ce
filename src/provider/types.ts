import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Contract, Example, JsonObject } from '../contract/types.js';
import type { Mismatch } from '../match/types.js';

/**
 * A node `http` request listener: an Express app, a Koa `app.callback()`, or `(req, res) => …`.
 * Told apart from a fetch handler by arity: it is declared with two or more parameters.
 * What it throws, or the rejection of the promise it returns, fails the example it handled.
 */
export type NodeListener = (request: IncomingMessage, response: ServerResponse) => unknown;

/**
 * A fetch-style handler (Hono's `app.fetch`, a Next route handler): declared with one
 * parameter, or none when it is an `async function` (a Next `GET()` that ignores its request).
 */
export type FetchHandler = (request: Request) => Response | Promise<Response>;

/** Anything with a `fetch(request)` method: a Hono app, an itty router, a Workers-style module. */
export interface FetchTarget {
  fetch(request: Request): Response | Promise<Response>;
}

/** The part of a Fastify instance the provider uses: requests go through `inject`, no socket. */
export interface FastifyLike {
  inject(options: {
    method: string;
    url: string;
    headers: Record<string, string>;
    payload?: string;
    signal?: AbortSignal;
  }): PromiseLike<{
    statusCode: number;
    headers: Record<string, string | string[] | number | undefined>;
    payload: string;
  }>;
  ready(): PromiseLike<unknown>;
}

/** A Koa app itself (its `callback()` is used). */
export interface KoaLike {
  callback(): NodeListener;
  use(...args: never[]): unknown;
}

/**
 * What a provider check sends requests to: a node listener or `http.Server` (through
 * supertest), a Fastify instance (through `inject`), a fetch handler or an object with a
 * `fetch` method (called in-process), or a base URL string (real HTTP with global `fetch`).
 */
export type Target =
  | string
  | URL
  | NodeListener
  | Server
  | FastifyLike
  | KoaLike
  | FetchTarget
  | FetchHandler;

/**
 * A response as the provider checks see it. Header names are lower case; the body is the
 * decoded JSON value when the content type is JSON, else the text (`undefined` when empty).
 */
export interface ProviderResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  readonly body: unknown;
}

/**
 * A contract as the provider checks take it: a path (resolved against the root), a loaded
 * `Contract`, or a parsed ABE document such as an imported JSON module (normalised as
 * `contractFromObject` does, and named `<contract #0: GET /users/[0-9]+>` in messages).
 */
export type ContractInput = string | Contract | AbeDocument;

/** A parsed ABE document: `{ url, method, examples }` as JSON holds it (`import users from './users.json'`). */
export type AbeDocument = Readonly<Record<string, unknown>>;

/**
 * An example's label: the key in `examples`, or its index when `examples` is an array. A
 * number is taken as its decimal text (`0` is the label `"0"`).
 */
export type ExampleLabel = string | number;

/** Limits on the request a check sends; shared by `expectMatchesExample`, `verifyProvider` and the matcher. */
export interface RequestLimits {
  /**
   * Milliseconds to wait for the response to each request before the example fails.
   * Default: `configure({ timeout })`, else 10 000. `Infinity` waits for ever.
   */
  readonly timeout?: number;
  /** Stops the check: the request in flight is abandoned and the call rejects with `signal.reason`. */
  readonly signal?: AbortSignal;
}

/** Options shared by `expectMatchesExample`, `assertMatchesExample` and the `toMatchExample` matcher. */
export interface MatchExampleOptions extends RequestLimits {
  /** Directory a relative contract path is resolved against. Default: `configure({ root })`, else the working directory. */
  readonly root?: string;
  /** Dot paths whose value is not compared (presence still is), added to the example's own `nonStrict`. */
  readonly nonStrict?: readonly string[];
}

/** Names one example of one contract. `file` is the contract's `source`. */
export interface ExampleId {
  readonly file: string;
  readonly label: string;
}

/** An example that did not hold, as reported by `verifyProvider`. */
export interface ExampleFailure extends ExampleId {
  /** The request line that was (or would have been) sent, e.g. `GET /users/1?verbose=0`. */
  readonly request: string;
  readonly mismatches: Mismatch[];
  /** Set when no comparison could be made: a hook or state threw, the app threw, the request failed or timed out. */
  readonly error?: string;
}

/** What `verifyProvider` found, example by example, in file order. */
export interface VerifyReport {
  passed: { file: string; label: string }[];
  failed: {
    file: string;
    label: string;
    request: string;
    mismatches: Mismatch[];
    error?: string;
  }[];
  skipped: { file: string; label: string }[];
}

/** What hooks and state functions are told about the example about to run. */
export interface ExampleContext extends ExampleId {
  readonly contract: Contract;
  readonly example: Example;
  /** The name of the provider state the example assumes (its `"state"` in the contract), if any. */
  readonly state?: string;
  /**
   * The parameters of that state (`"params"` of `{ "name", "params" }` in the contract), e.g.
   * `{ id: 1 }` for the row the example asks for; `{}` when it has none, or no state.
   */
  readonly params: JsonObject;
}

/** A hook, a provider-state function ("factory"): puts the provider into the state an example assumes. */
export type ExampleHook = (context: ExampleContext) => void | Promise<void>;

/**
 * A provider state with a way back, as Pact's state handlers: `setup` runs before the example,
 * `teardown` after it, whether it passed or not (when `setup` was run). What either throws
 * fails the example.
 */
export interface StateHandler {
  readonly setup?: ExampleHook;
  readonly teardown?: ExampleHook;
}

/** How one example ended, as `verifyProvider` tells `onResult` when it ends. */
export interface ExampleResult extends ExampleId {
  readonly outcome: 'passed' | 'failed' | 'skipped';
  /** Upper-case method of the request. */
  readonly method: string;
  /** Path and query string as sent (or as it would have been, for a skipped example). */
  readonly url: string;
  /** The name of the provider state the example assumes, if any. */
  readonly state?: string;
  /** The parameters of that state, when it has a state (`{}` for a state without). */
  readonly stateParams?: JsonObject;
  /** Milliseconds from the first hook to the last; 0 when skipped. */
  readonly durationMs: number;
  /** What went wrong, when `outcome` is `failed`. */
  readonly failure?: ExampleFailure;
}

export interface VerifyProviderOptions extends RequestLimits {
  /** Directory relative contract paths and globs are resolved against. Default: `configure({ root })`, else the working directory. */
  readonly root?: string;
  /**
   * Provider states: a function run before the example it is keyed by, `"<file>#<label>"`
   * (file as reported, relative to the root), just the label (for that label in every file),
   * or the name of a state examples assume (their `"state"`, e.g. `"user 1 exists"`). A
   * `"<file>#<label>"` key wins over a label key, which wins over a state name. A value may be
   * `{ setup, teardown }` to undo the state after the example.
   */
  readonly states?: Readonly<Record<string, ExampleHook | StateHandler>>;
  /** Runs before each example, before its state function. */
  readonly beforeEach?: ExampleHook;
  /** Runs after each example that was run, whether it passed or not. */
  readonly afterEach?: ExampleHook;
  /** Runs only the examples whose `"<file>#<label>"` contains this string, matches this RegExp, or passes this predicate. */
  readonly only?: string | RegExp | ((id: string) => boolean);
  /** Runs only the examples this returns true for (the deployer's smoke test keeps safe GETs). */
  readonly filter?: (contract: Contract, example: Example) => boolean;
  /** Dot paths whose value is not compared in any example, added to each example's own `nonStrict`. */
  readonly nonStrict?: readonly string[];
  /** Throw one assertion error listing every failure (default), or only return the report. */
  readonly throw?: boolean;
  /**
   * Headers added to every request, replacing an example header of the same name (any case):
   * a deployment's credential (`Authorization`) rather than the example's placeholder.
   */
  readonly headers?: Readonly<Record<string, string>>;
  /** Told about each example as it ends (skipped ones included), in file order: for progress. */
  readonly onResult?: (result: ExampleResult) => void;
}
