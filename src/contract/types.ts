/** Any value JSON can hold. Objects parsed from contracts may carry `__proto__` as an own key. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** Query parameters: a string, or an array of strings for a repeated key. */
export type QueryParams = Readonly<Record<string, string | readonly string[]>>;
export type Headers = Readonly<Record<string, string>>;

/** An example's request, with the endpoint's `url` and `method` inherited where missing. */
export interface ExampleRequest {
  /** Concrete path (no query string); query parameters live in `queryParams`. */
  readonly url: string;
  /** Upper-case HTTP method. */
  readonly method: string;
  readonly queryParams?: QueryParams;
  readonly headers?: Headers;
  readonly body?: JsonValue;
}

export interface ExampleResponse {
  readonly status: number;
  readonly headers?: Headers;
  readonly body?: JsonValue;
}

/**
 * A provider state as an example assumes it: its name, and the parameters the state handler
 * reads (the id the example asks for). Plain `JsonObject`s, so the state is part of the
 * example's meaning as written.
 */
export interface ExampleState {
  /** The state's name, e.g. `"user exists"`: what handlers are keyed by. */
  readonly name: string;
  /** The state's parameters, e.g. `{ "id": 1 }`; `{}` when the file gives none. */
  readonly params: JsonObject;
}

/** One labelled request/response pair of a contract. */
export interface Example {
  /** The key in `examples`, or the index ("0", "1", …) when `examples` is an array. */
  readonly label: string;
  readonly description?: string;
  readonly request: ExampleRequest;
  readonly response: ExampleResponse;
  /** Dot paths whose value is not compared (extension `nonStrict`); empty when absent. */
  readonly nonStrict: readonly string[];
  /**
   * Rules (extension `rules`): rule strings keyed by paths such as `response.body.id`, the
   * contract-wide ones with the example's own on top (the example's wins for the same path);
   * absent when neither has any. docs/matching.md has the grammar.
   */
  readonly rules?: Readonly<Record<string, string>>;
  /**
   * The provider state the example assumes (extension `state`, Pact's `providerState`), e.g.
   * `{ name: "user exists", params: { id: 1 } }`; absent when the example needs none. The
   * file's string form `"user 1 exists"` is normalised to `{ name: "user 1 exists", params: {} }`.
   */
  readonly state?: ExampleState;
  /** JSON pointer of this example in the file, e.g. `/examples/OK`. */
  readonly pointer: string;
}

/** An endpoint URL pattern, compiled once. */
export interface UrlPattern {
  /** The pattern as written (`/users/[0-9]+`, `/users/:id`, `/users/{id}`). */
  readonly source: string;
  /**
   * Anchored regular expression matching a concrete path. V8 runs it by backtracking, which
   * some patterns make take seconds on a hostile path: match with `test()`.
   */
  readonly regex: RegExp;
  /** True when the pattern has no regex parts or parameters: it is itself a concrete path. */
  readonly literal: boolean;
  /** The longest leading run of path segments with no pattern syntax, e.g. `/users/`. */
  readonly staticPrefix: string;
  /**
   * True when a concrete path matches, in time linear in the path's length whatever the
   * pattern (it never backtracks, and compiles no RegExp): prefer it to `regex.test`.
   */
  test(path: string): boolean;
}

/** A loaded, normalised ABE file. */
export interface Contract {
  /** Where it came from: a file path, or the `source` given to `parseContract`. */
  readonly source: string;
  readonly description?: string;
  /** The endpoint's URL pattern as written; examples' `request.url` are concrete paths. */
  readonly url: string;
  /** Upper-case HTTP method of the endpoint (examples may override it). */
  readonly method: string;
  readonly pattern: UrlPattern;
  /** Examples in file order. */
  readonly examples: readonly Example[];
  /** The document as parsed, for tools that need the original shape. */
  readonly document: JsonObject;
  /** Finds the line and column (1-based) of a JSON pointer in the source text, if known. */
  locate(pointer: string): Position | undefined;
}

export interface Position {
  readonly line: number;
  readonly column: number;
}

export type Severity = 'error' | 'warning';

/** One problem found in a contract file. */
export interface Diagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** JSON pointer of the offending value ('' for the whole document). */
  readonly pointer: string;
  /** Stable code, e.g. `json.duplicate-key`; documented in spec/README.md. */
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
}
