import { type DelayMode, delay, HttpResponse, RequestHandler, type ResponseResolver } from 'msw';
import { recordInLedger } from '../ledger/record-in-ledger.js';
import { runnerTestName } from '../ledger/runner-test-name.js';
import {
  type AbeViolation,
  currentTestScope,
  recordUse,
  recordViolation,
  type TestScope,
} from './abe-mocks.js';
import { type BaseUrl, pathUnder } from './base-url.js';
import { chooseExample } from './choose-example.js';
import type { Endpoint, EndpointIndex } from './endpoint-index.js';
import { exampleResponse } from './example-response.js';
import { toActualRequest } from './to-actual-request.js';
import { unmatchedViolation } from './unmatched-violation.js';

/** What a request resolved to before its example is chosen. */
interface Lookup {
  readonly endpoints: readonly Endpoint[];
  readonly path: string;
  readonly search: string;
}

export interface AbeHandlerSettings {
  readonly index: EndpointIndex;
  readonly bases: readonly BaseUrl[];
  readonly delay: number | DelayMode | undefined;
  readonly onViolation: ((violation: AbeViolation) => void) | undefined;
  /** The test the handler was made in, under a setup file: once it ends, the handler is inert. */
  readonly scope: TestScope | undefined;
}

interface ResolverExtras extends Record<string, unknown> {
  readonly lookup: Lookup;
  readonly settings: AbeHandlerSettings;
}

const NO_ENDPOINT: Lookup = { endpoints: [], path: '', search: '' };

/**
 * One msw request handler for every endpoint of a `mockFromAbe` call. It owns an index of the
 * endpoints, so dispatch costs the same for 1 contract or 10,000. A request whose method and
 * path no contract describes is not claimed, and falls through to the next handler and to
 * msw's `onUnhandledRequest` (`onUnhandledFrame` in msw 3).
 */
export class AbeRequestHandler extends RequestHandler<{ header: string }, Lookup, ResolverExtras> {
  readonly #settings: AbeHandlerSettings;

  constructor(settings: AbeHandlerSettings, header: string) {
    super({ info: { header }, resolver: respond as ResponseResolver<ResolverExtras> });
    this.#settings = settings;
  }

  override async parse(args: { request: Request }): Promise<Lookup> {
    const { request } = args;
    const url = new URL(request.url);
    const path = pathUnder(this.#settings.bases, url);
    if (path === undefined) return NO_ENDPOINT;
    const endpoints = this.#settings.index.find(request.method, path);
    return endpoints.length === 0 ? NO_ENDPOINT : { endpoints, path, search: url.search };
  }

  predicate(args: { parsedResult: Lookup }): boolean {
    // A pin of an earlier test claims nothing, so the request reaches the handlers that last,
    // as `server.resetHandlers()` would have left them.
    if (this.#settings.scope?.ended === true) return false;
    return args.parsedResult.endpoints.length > 0;
  }

  protected override extendResolverArgs(args: { parsedResult: Lookup }): ResolverExtras {
    return { lookup: args.parsedResult, settings: this.#settings };
  }

  // Library code does not write to the console; msw calls this only outside quiet mode.
  log(): void {}
}

async function respond(info: { request: Request } & ResolverExtras): Promise<Response> {
  const { request, lookup, settings } = info;
  const actual = await toActualRequest(request, lookup.path, lookup.search);
  const choice = chooseExample(lookup.endpoints, actual);
  const { contract } = choice.endpoint;
  if (!choice.allowed) {
    recordInLedger({
      ...CONSUMER,
      contract,
      example: choice.nearest,
      outcome: 'refused',
      test: testName(),
    });
    return refuse(settings, unmatchedViolation(request.method, request.url, choice));
  }
  recordUse(choice.endpoint, choice.example);
  recordInLedger({
    ...CONSUMER,
    contract,
    example: choice.example,
    outcome: 'served',
    test: testName(),
  });
  if (settings.delay !== undefined) await delay(settings.delay);
  return exampleResponse(choice.example.response);
}

const CONSUMER = { side: 'consumer', tool: 'mockFromAbe' } as const;

// The test running now (the scope the setup file opened), else what the runner keeps.
function testName(): string | undefined {
  return currentTestScope()?.test ?? runnerTestName();
}

// A network error: the consumer's call rejects, as it would against a provider that cannot
// answer; `abeMocks.assertNoViolations()` turns the record into a failed test.
function refuse(settings: AbeHandlerSettings, violation: AbeViolation): Response {
  recordViolation(violation);
  settings.onViolation?.(violation);
  return HttpResponse.error();
}
