import { createServer, Agent as HttpAgent, type Server } from 'node:http';
import request from 'supertest';
import { AbeError } from '../core/abe-error.js';
import { AppThrewError } from './app-threw-error.js';
import type { BuiltRequest } from './build-request.js';
import { type ClassifiedTarget, classifyTarget, describeTarget } from './classify-target.js';
import { decodeBody, firstHeader } from './decode-body.js';
import { guardListener, type ListenerGuard } from './guard-listener.js';
import type { ProviderResponse, Target } from './types.js';

/** A target ready to take requests, one at a time; `close` undoes what opening did (a server it started). */
export interface OpenTarget {
  /** Sends a request; when `signal` aborts, the target is told to give up where it can. */
  send(request: BuiltRequest, signal: AbortSignal): Promise<ProviderResponse>;
  close(): Promise<void>;
}

type Supertest = ReturnType<typeof request>;
type SupertestTest = ReturnType<Supertest['get']>;
// superagent types its parser's first argument as its Response; under node it is the IncomingMessage stream.
type Parser = Parameters<SupertestTest['parse']>[0];

/**
 * Opens a target for requests. Node listeners and servers go through supertest, to a server
 * started once for every request sent until `close`; what a listener throws fails the
 * request with an `AppThrewError` instead of escaping. Fastify goes through `inject`
 * (in-process, no socket), fetch handlers are called with a `Request`, and a base URL is
 * reached with the global `fetch`, redirects not followed.
 */
export async function openTarget(target: Target): Promise<OpenTarget> {
  const classified = classifyTarget(target);
  switch (classified.kind) {
    case 'listener':
    case 'server':
      return openSupertest(classified);
    case 'fastify': {
      const { app } = classified;
      return {
        send: async (built, signal) => {
          const response = await app.inject({
            method: built.method,
            url: built.url,
            headers: built.headers,
            signal,
            ...(built.body === undefined ? {} : { payload: built.body }),
          });
          return fromParts(response.statusCode, response.headers, response.payload);
        },
        close: async () => {},
      };
    }
    case 'fetch': {
      const { handle } = classified;
      return {
        send: async (built, signal) => {
          const fetchRequest = toRequest(new URL(`http://localhost${built.url}`), built, signal);
          let result: unknown;
          try {
            result = await handle(fetchRequest);
          } catch (error) {
            throw new AppThrewError(error);
          }
          return fromFetch(checkResponse(result, target));
        },
        close: async () => {},
      };
    }
    case 'url': {
      const { base } = classified;
      return {
        send: async (built, signal) =>
          fromFetch(await fetchOrExplain(base, joinUrl(base, built.url), built, signal)),
        close: async () => {},
      };
    }
  }
}

/**
 * What a fetch handler returned, if it is a `Response`. A handler that returns an app (or a
 * promise of one) is a factory passed by mistake: say so rather than fail on its shape.
 */
function checkResponse(result: unknown, handler: Target): Response {
  const shape = result as Partial<Response> | null | undefined;
  if (
    typeof shape?.status === 'number' &&
    typeof shape.text === 'function' &&
    typeof shape.headers?.forEach === 'function'
  ) {
    return result as Response;
  }
  const name = typeof handler === 'function' && handler.name !== '' ? handler.name : undefined;
  const made = typeof result === 'function' || (result !== null && typeof result === 'object');
  throw new AbeError(
    'provider.target',
    `the fetch handler${name === undefined ? '' : ` ${name}`} returned ${describeTarget(result)}, not a Response.`,
    {
      hint: made
        ? `If it makes the app, pass the app it returns: ${name ?? 'createApp'}() (await it if it is async).`
        : 'A fetch handler takes a Request and returns a Response, or a promise of one.',
    },
  );
}

// fetch's own error is a bare "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND) is its cause.
async function fetchOrExplain(
  base: URL,
  url: URL,
  built: BuiltRequest,
  signal: AbortSignal,
): Promise<Response> {
  try {
    return await fetch(toRequest(url, built, signal));
  } catch (error) {
    const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
    const why = typeof cause?.code === 'string' ? cause.code : String(cause?.message ?? error);
    // Nothing listens there: the usual cause is a provider not started yet, or another port.
    const refused =
      why === 'ECONNREFUSED'
        ? ` (connection refused): is the provider running at ${base.href}?`
        : '.';
    throw new AbeError('provider.target', `${built.method} ${url.href} failed: ${why}${refused}`, {
      hint: 'Check that the service is running and that the base URL (scheme, host, port) is right.',
      cause: error,
    });
  }
}

async function openSupertest(
  classified: Extract<ClassifiedTarget, { kind: 'listener' | 'server' }>,
): Promise<OpenTarget> {
  const guard = guardListener();
  let server: Server;
  let unwrap = (): void => {};
  if (classified.kind === 'listener') {
    server = createServer(guard.wrap(classified.listener));
  } else {
    server = classified.server;
    // A server that is listening serves others too: its listeners are left as they are.
    if (!server.listening) unwrap = wrapRequestListeners(server, guard);
  }
  const started = !server.listening;
  if (started) {
    try {
      await listen(server);
    } catch (error) {
      unwrap();
      throw error;
    }
  }
  const agent = request(server);
  // One kept-alive connection for every request: a new TCP connection per example costs more
  // than the rest of the check. Requests are sequential, so one socket is enough.
  const connections = new HttpAgent({ keepAlive: true, maxSockets: 1 });
  return {
    send: async (built, signal) => {
      guard.reset();
      let response: ProviderResponse;
      try {
        response = await sendSupertest(agent, built, connections, signal);
      } catch (error) {
        guard.check();
        throw error;
      }
      guard.check();
      return response;
    },
    close: async () => {
      connections.destroy();
      if (started) {
        const closed = new Promise<void>((done) => server.close(() => done()));
        // A request abandoned on its timeout may still hold a connection open.
        server.closeAllConnections();
        await closed;
      }
      unwrap();
    },
  };
}

/** Routes a server's request listeners through the guard; returns what puts them back. */
function wrapRequestListeners(server: Server, guard: ListenerGuard): () => void {
  const listeners = server.listeners('request') as Parameters<ListenerGuard['wrap']>[0][];
  server.removeAllListeners('request');
  for (const listener of listeners) server.on('request', guard.wrap(listener));
  return () => {
    server.removeAllListeners('request');
    for (const listener of listeners) server.on('request', listener);
  };
}

async function sendSupertest(
  agent: Supertest,
  built: BuiltRequest,
  connections: HttpAgent,
  signal: AbortSignal,
): Promise<ProviderResponse> {
  const start = (agent as unknown as Record<string, ((url: string) => SupertestTest) | undefined>)[
    built.method.toLowerCase()
  ];
  if (start === undefined) throw new Error(`supertest cannot send ${built.method} requests.`);
  let test = start
    .call(agent, built.url)
    .redirects(0)
    .buffer(true)
    .parse(collectText as unknown as Parser)
    .agent(connections);
  for (const [name, value] of Object.entries(built.headers)) test = test.set(name, value);
  if (built.body !== undefined) test = test.send(built.body);
  // Aborting destroys the socket, so the next request gets a fresh one, not a busy one.
  const abort = (): void => {
    test.abort();
  };
  signal.addEventListener('abort', abort, { once: true });
  try {
    const response = await test;
    return fromParts(
      response.status,
      response.headers as Record<string, string | string[]>,
      response.body as string,
    );
  } finally {
    signal.removeEventListener('abort', abort);
  }
}

// Keeps the raw text: decoding is ours, the same for every target, and never throws on bad JSON.
function collectText(
  response: NodeJS.ReadableStream,
  callback: (error: Error | null, body: string) => void,
): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('error', (error: Error) => callback(error, ''));
  response.on('end', () => callback(null, Buffer.concat(chunks).toString('utf8')));
}

function listen(server: Server): Promise<void> {
  return new Promise((done, fail) => {
    server.once('error', fail);
    // The address supertest connects to; a wildcard bind could share a port with another listener.
    server.listen(0, '127.0.0.1', () => {
      server.off('error', fail);
      done();
    });
  });
}

function toRequest(url: URL, built: BuiltRequest, signal: AbortSignal): Request {
  return new Request(url, {
    method: built.method,
    headers: built.headers,
    redirect: 'manual',
    signal,
    ...(built.body === undefined ? {} : { body: built.body }),
  });
}

/** The base URL's path is kept: `https://host/api` + `/users/1` is `https://host/api/users/1`. */
function joinUrl(base: URL, pathAndQuery: string): URL {
  const url = new URL(base);
  const cut = pathAndQuery.indexOf('?');
  const path = cut === -1 ? pathAndQuery : pathAndQuery.slice(0, cut);
  url.pathname = url.pathname.replace(/\/+$/, '') + path;
  url.search = cut === -1 ? '' : pathAndQuery.slice(cut);
  url.hash = '';
  return url;
}

async function fromFetch(response: Response): Promise<ProviderResponse> {
  const headers = new Map<string, string | string[]>();
  response.headers.forEach((value, name) => {
    headers.set(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers.set('set-cookie', cookies);
  return fromParts(response.status, Object.fromEntries(headers), await response.text());
}

function fromParts(
  status: number,
  headers: Readonly<Record<string, string | readonly string[] | number | undefined>>,
  text: string,
): ProviderResponse {
  const lowered = new Map<string, string | readonly string[]>();
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined)
      lowered.set(name.toLowerCase(), typeof value === 'number' ? String(value) : value);
  }
  const normalized = Object.fromEntries(lowered);
  return {
    status,
    headers: normalized,
    body: decodeBody(text, firstHeader(lowered.get('content-type'))),
  };
}
