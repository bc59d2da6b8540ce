import { createServer, Agent as HttpAgent, type Server } from 'node:http';
import request from 'supertest';
import { AbeError } from '../core/abe-error.js';
import type { BuiltRequest } from './build-request.js';
import { type ClassifiedTarget, classifyTarget } from './classify-target.js';
import { decodeBody, firstHeader } from './decode-body.js';
import type { ProviderResponse, Target } from './types.js';

/** A target ready to take requests; `close` undoes what opening did (a server it started). */
export interface OpenTarget {
  send(request: BuiltRequest): Promise<ProviderResponse>;
  close(): Promise<void>;
}

type Supertest = ReturnType<typeof request>;
type SupertestTest = ReturnType<Supertest['get']>;
// superagent types its parser's first argument as its Response; under node it is the IncomingMessage stream.
type Parser = Parameters<SupertestTest['parse']>[0];

/**
 * Opens a target for requests. Node listeners and servers go through supertest; with
 * `reuse`, one server is started for every request and closed by `close` (one request at a
 * time may otherwise pay for a listen and a close each). Fastify goes through `inject`
 * (in-process, no socket), fetch handlers are called with a `Request`, and a base URL is
 * reached with the global `fetch`, redirects not followed.
 */
export async function openTarget(target: Target, reuse: boolean): Promise<OpenTarget> {
  const classified = classifyTarget(target);
  switch (classified.kind) {
    case 'listener':
    case 'server':
      return openSupertest(classified, reuse);
    case 'fastify': {
      const { app } = classified;
      return {
        send: async (built) => {
          const response = await app.inject({
            method: built.method,
            url: built.url,
            headers: built.headers,
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
        send: async (built) =>
          fromFetch(await handle(toRequest(new URL(`http://localhost${built.url}`), built))),
        close: async () => {},
      };
    }
    case 'url': {
      const { base } = classified;
      return {
        send: async (built) => fromFetch(await fetchOrExplain(joinUrl(base, built.url), built)),
        close: async () => {},
      };
    }
  }
}

// fetch's own error is a bare "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND) is its cause.
async function fetchOrExplain(url: URL, built: BuiltRequest): Promise<Response> {
  try {
    return await fetch(toRequest(url, built));
  } catch (error) {
    const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
    const why = typeof cause?.code === 'string' ? cause.code : String(cause?.message ?? error);
    throw new AbeError('provider.target', `${built.method} ${url.href} failed: ${why}.`, {
      hint: 'Check that the service is running and that the base URL (scheme, host, port) is right.',
      cause: error,
    });
  }
}

async function openSupertest(
  classified: Extract<ClassifiedTarget, { kind: 'listener' | 'server' }>,
  reuse: boolean,
): Promise<OpenTarget> {
  if (!reuse) {
    // supertest starts and closes a server around each request of an app it is given.
    const app = classified.kind === 'listener' ? classified.listener : classified.server;
    return {
      send: (built) => sendSupertest(request(app as Server), built, undefined),
      close: async () => {},
    };
  }
  const server =
    classified.kind === 'listener' ? createServer(classified.listener) : classified.server;
  const started = !server.listening;
  if (started) await listen(server);
  const agent = request(server);
  // One kept-alive connection for the whole run: a new TCP connection per example costs more
  // than the rest of the check. Requests are sequential, so one socket is enough.
  const connections = new HttpAgent({ keepAlive: true, maxSockets: 1 });
  return {
    send: (built) => sendSupertest(agent, built, connections),
    close: async () => {
      connections.destroy();
      if (started) await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

async function sendSupertest(
  agent: Supertest,
  built: BuiltRequest,
  connections: HttpAgent | undefined,
): Promise<ProviderResponse> {
  const start = (agent as unknown as Record<string, ((url: string) => SupertestTest) | undefined>)[
    built.method.toLowerCase()
  ];
  if (start === undefined) throw new Error(`supertest cannot send ${built.method} requests.`);
  let test = start
    .call(agent, built.url)
    .redirects(0)
    .buffer(true)
    .parse(collectText as unknown as Parser);
  if (connections !== undefined) test = test.agent(connections);
  for (const [name, value] of Object.entries(built.headers)) test = test.set(name, value);
  if (built.body !== undefined) test = test.send(built.body);
  const response = await test;
  return fromParts(
    response.status,
    response.headers as Record<string, string | string[]>,
    response.body as string,
  );
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

function toRequest(url: URL, built: BuiltRequest): Request {
  return new Request(url, {
    method: built.method,
    headers: built.headers,
    redirect: 'manual',
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
