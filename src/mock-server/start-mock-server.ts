import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AbeError } from '../core/abe-error.js';
import { didYouMean } from '../core/did-you-mean.js';
import { recordInLedger } from '../ledger/record-in-ledger.js';
import type { ActualRequest } from '../match/types.js';
import { pathBelow } from '../msw/base-url.js';
import { chooseExample } from '../msw/choose-example.js';
import { decodeRequestBody } from '../msw/decode-request-body.js';
import type { Endpoint } from '../msw/endpoint-index.js';
import { unmatchedViolation } from '../msw/unmatched-violation.js';
import { answerAdmin } from './answer-admin.js';
import { corsHeaders, preflightHeaders } from './cors-headers.js';
import type { MockContracts } from './mock-contracts.js';
import { MockRecord, type MockViolation } from './mock-record.js';
import {
  noEndpointProblem,
  type ProblemDetails,
  tooLargeProblem,
  unknownExampleProblem,
  unmatchedProblem,
} from './problem-details.js';
import { isAdminPath } from './reserved-prefix.js';
import { wireResponse } from './wire-response.js';

export interface MockServerOptions {
  readonly contracts: MockContracts;
  /** Default `127.0.0.1`. */
  readonly host?: string;
  /** 0 for a free port. */
  readonly port: number;
  /** A prefix stripped before matching (`/api`); `''` or absent for the root. */
  readonly basePath?: string;
  /** Answer CORS preflights and add Allow-Origin / Expose-Headers to every answer. */
  readonly cors?: boolean;
  /** Called with each request that broke the contracts, as it is recorded. */
  readonly onViolation?: (violation: MockViolation) => void;
}

/** A running `abe mock` server. */
export interface MockServer {
  /** `http://127.0.0.1:4010`, without the base path. */
  readonly origin: string;
  readonly port: number;
  readonly record: MockRecord;
  /** Stops accepting, closes every connection (idle keep-alive ones too), resolves when closed. */
  close(): Promise<void>;
}

const PROBLEM_JSON = 'application/problem+json';
// The mock keeps a request body in memory to compare it; examples are small, so a body past
// this is refused with 413 rather than read.
const MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * Serves contracts over HTTP with `mockFromAbe`'s engine: each request gets the example that
 * allows it (the `Abe-Example` header picks one), a request no example allows gets a 422
 * problem document, one to no endpoint a 404, and both are recorded. The admin API lives under
 * `/__abe/`.
 *
 * @example
 * const server = await startMockServer({ contracts: MockContracts.load(inputs), port: 0 });
 * await fetch(`${server.origin}/users/1`);
 * await server.close();
 */
export async function startMockServer(options: MockServerOptions): Promise<MockServer> {
  const host = options.host ?? '127.0.0.1';
  const record = new MockRecord();
  const settings: Settings = {
    contracts: options.contracts,
    record,
    basePath: options.basePath ?? '',
    cors: options.cors === true,
    onViolation: options.onViolation,
  };
  const server = createServer((request, response) => serve(settings, request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(listenError(error, host, options.port)),
    );
    server.listen(options.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    record,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive clients would hold `close` open until they time out.
        server.closeAllConnections();
      }),
  };
}

interface Settings {
  readonly contracts: MockContracts;
  readonly record: MockRecord;
  readonly basePath: string;
  readonly cors: boolean;
  readonly onViolation: ((violation: MockViolation) => void) | undefined;
}

// The hot path: no URL or Request objects, no logging; the body is read only when one is sent.
function serve(settings: Settings, request: IncomingMessage, response: ServerResponse): void {
  const raw = request.url ?? '/';
  const query = raw.indexOf('?');
  const path = query === -1 ? raw : raw.slice(0, query);
  const method = request.method ?? 'GET';
  if (isAdminPath(path)) {
    readBody(settings, request, response, (body) =>
      serveAdmin(settings, request, response, method, path, body),
    );
    return;
  }
  if (settings.cors && method === 'OPTIONS' && request.headers['access-control-request-method']) {
    request.resume();
    response.writeHead(204, preflightHeaders(request.headers)).end();
    return;
  }
  const local = pathBelow(settings.basePath, path);
  const snapshot = settings.contracts.snapshot;
  const endpoints = local === undefined ? [] : snapshot.index.find(method, local);
  if (endpoints.length === 0) {
    request.resume();
    noEndpoint(settings, request, response, method, fullUrl(request, raw));
    return;
  }
  const search = query === -1 ? '' : raw.slice(query);
  const url = (local as string) + search;
  const { headers } = request;
  if (hasBody(request)) {
    readBody(settings, request, response, (text) =>
      answer(settings, request, response, endpoints, {
        method,
        url,
        headers,
        body: decodeRequestBody(text, headers['content-type']),
      }),
    );
  } else {
    answer(settings, request, response, endpoints, { method, url, headers });
  }
}

function answer(
  settings: Settings,
  request: IncomingMessage,
  response: ServerResponse,
  found: readonly Endpoint[],
  actual: ActualRequest,
): void {
  const label = request.headers['abe-example'];
  let endpoints = found;
  if (typeof label === 'string') {
    const pinned = pinLabel(found, label);
    if (pinned === undefined) {
      unknownExample(settings, request, response, found, label);
      return;
    }
    endpoints = pinned;
  }
  const choice = chooseExample(endpoints, actual);
  if (!choice.allowed) {
    recordInLedger({
      ...CONSUMER,
      contract: choice.endpoint.contract,
      example: choice.nearest,
      outcome: 'refused',
    });
    const violation = unmatchedViolation(
      actual.method,
      fullUrl(request, request.url ?? '/'),
      choice,
    );
    refuse(settings, request, response, violation, unmatchedProblem(violation));
    return;
  }
  settings.record.addUse(choice.endpoint, choice.example);
  recordInLedger({
    ...CONSUMER,
    contract: choice.endpoint.contract,
    example: choice.example,
    outcome: 'served',
  });
  const wire = wireResponse(choice.example.response);
  const headers = settings.cors
    ? [...wire.headers, ...corsHeaders(request.headers, wire.exposed)]
    : (wire.headers as string[]);
  response.writeHead(wire.status, headers);
  response.end(wire.body);
}

// Every answer and every refusal by an example is a ledger line when $ABE_LEDGER_DIR is set
// (`abe mock -- cmd` under `abe` inherits it); requests to no endpoint and unknown labels have
// no example, and are not.
const CONSUMER = { side: 'consumer', tool: 'abe mock' } as const;

/**
 * The endpoints with `label` pinned where they have it, or undefined when none has it. Pinning
 * chooses the response; `chooseExample` still requires some example to allow the request.
 */
function pinLabel(endpoints: readonly Endpoint[], label: string): Endpoint[] | undefined {
  let any = false;
  const pinned = endpoints.map((endpoint) => {
    const example = endpoint.examples.find((candidate) => candidate.label === label);
    if (example === undefined) return endpoint;
    any = true;
    return { ...endpoint, pinned: example };
  });
  return any ? pinned : undefined;
}

function unknownExample(
  settings: Settings,
  request: IncomingMessage,
  response: ServerResponse,
  endpoints: readonly Endpoint[],
  label: string,
): void {
  const endpoint = endpoints[0] as Endpoint;
  const labels = endpoints.flatMap((each) => each.examples.map((example) => example.label));
  const method = request.method ?? 'GET';
  const url = fullUrl(request, request.url ?? '/');
  const violation: MockViolation = {
    kind: 'unknown-example',
    method,
    url,
    label,
    endpoint: endpoint.name,
    source: endpoint.contract.source,
    labels,
    message: `${method} ${url} asks for example "${label}" (header Abe-Example), but ${endpoint.name} has no example with that label (labels: ${labels.map((name) => `"${name}"`).join(', ')}).${didYouMean(label, labels)}`,
  };
  refuse(settings, request, response, violation, unknownExampleProblem(violation));
}

function noEndpoint(
  settings: Settings,
  request: IncomingMessage,
  response: ServerResponse,
  method: string,
  url: string,
): void {
  const names = settings.contracts.snapshot.endpoints.map((endpoint) => endpoint.name);
  const base = settings.basePath === '' ? '' : ` under the base path ${settings.basePath}`;
  const violation: MockViolation = {
    kind: 'no-endpoint',
    method,
    url,
    message: `${method} ${url} reached no endpoint of the contracts${base}. Endpoints:\n${listed(names)}`,
  };
  refuse(settings, request, response, violation, noEndpointProblem(violation, names));
}

// The message is printed and kept per violation: a long list is cut, the problem document's
// `endpoints` member has every one.
const LISTED_ENDPOINTS = 20;

function listed(names: readonly string[]): string {
  const lines = names.slice(0, LISTED_ENDPOINTS).map((name) => `  ${name}`);
  if (names.length > LISTED_ENDPOINTS) {
    lines.push(`  … and ${names.length - LISTED_ENDPOINTS} more (GET /__abe/endpoints)`);
  }
  return lines.join('\n');
}

function refuse(
  settings: Settings,
  request: IncomingMessage,
  response: ServerResponse,
  violation: MockViolation,
  problem: ProblemDetails,
): void {
  settings.record.addViolation(violation);
  settings.onViolation?.(violation);
  sendJson(settings, request, response, problem.status, problem, PROBLEM_JSON);
}

function serveAdmin(
  settings: Settings,
  request: IncomingMessage,
  response: ServerResponse,
  method: string,
  path: string,
  body: string,
): void {
  const answer = answerAdmin(method, path, body, settings);
  if (answer.body === undefined) {
    response.writeHead(answer.status, settings.cors ? corsHeaders(request.headers, '') : []);
    response.end();
    return;
  }
  const type = answer.status >= 400 ? PROBLEM_JSON : 'application/json';
  const extra = answer.allow === undefined ? [] : ['allow', answer.allow];
  sendJson(settings, request, response, answer.status, answer.body, type, extra);
}

function sendJson(
  settings: Settings,
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  body: unknown,
  type: string,
  extra: readonly string[] = [],
): void {
  const bytes = Buffer.from(JSON.stringify(body), 'utf8');
  const headers = ['content-type', type, 'content-length', String(bytes.length), ...extra];
  if (settings.cors) headers.push(...corsHeaders(request.headers, 'content-type'));
  response.writeHead(status, headers);
  response.end(bytes);
}

function hasBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  if (length !== undefined) return length !== '0';
  return request.headers['transfer-encoding'] !== undefined;
}

function readBody(
  settings: Settings,
  request: IncomingMessage,
  response: ServerResponse,
  then: (text: string) => void,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  const collect = (chunk: Buffer): void => {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) {
      chunks.push(chunk);
      return;
    }
    request.off('data', collect);
    request.off('end', finish);
    // Nothing more is read: the answer closes the connection, and the rest is never received.
    response.on('finish', () => request.destroy());
    const detail = `${request.method} ${request.url}: the request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB, the most abe mock reads.`;
    sendJson(settings, request, response, 413, tooLargeProblem(detail), PROBLEM_JSON, [
      'connection',
      'close',
    ]);
  };
  const finish = (): void => then(Buffer.concat(chunks).toString('utf8'));
  request.on('data', collect);
  request.on('end', finish);
}

function fullUrl(request: IncomingMessage, raw: string): string {
  return `http://${request.headers.host ?? 'localhost'}${raw}`;
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  if (error.code === 'EADDRINUSE') {
    return new AbeError(
      'mock.listen',
      `port ${port} on ${host} is in use: choose another with --port, or --port 0 for a free one`,
    );
  }
  return new AbeError(
    'mock.listen',
    `abe mock cannot listen on ${host}:${port}: ${error.message}.`,
    {
      hint: 'Check --host (an address of this machine, such as 127.0.0.1 or 0.0.0.0) and --port (ports below 1024 need privileges).',
      cause: error,
    },
  );
}
