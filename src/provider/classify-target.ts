import type { Server } from 'node:http';
import { AbeError } from '../core/abe-error.js';
import type { FastifyLike, FetchHandler, FetchTarget, KoaLike, NodeListener } from './types.js';

/** A target, told apart by shape. */
export type ClassifiedTarget =
  | { readonly kind: 'url'; readonly base: URL }
  | { readonly kind: 'listener'; readonly listener: NodeListener }
  | { readonly kind: 'server'; readonly server: Server }
  | { readonly kind: 'fastify'; readonly app: FastifyLike }
  | { readonly kind: 'fetch'; readonly handle: (request: Request) => Response | Promise<Response> };

/**
 * Tells what kind of target this is. Functions are told apart by their declared parameters:
 * two or more (`(req, res)`, Express's `(req, res, next)`) is a node listener, one a fetch
 * handler (it takes a `Request`). A function declared with none is most likely an app
 * factory passed uncalled (`createApp` for `createApp()`), and is refused with that advice,
 * unless it is an `async function`: a Next route handler `GET()` that ignores its request.
 */
export function classifyTarget(target: unknown): ClassifiedTarget {
  if (typeof target === 'string' || target instanceof URL)
    return { kind: 'url', base: baseUrl(target) };
  if (typeof target === 'function') {
    if (target.length >= 2) return { kind: 'listener', listener: target as NodeListener };
    if (target.length === 1 || isAsyncFunction(target))
      return { kind: 'fetch', handle: target as FetchHandler };
    throw factoryError(target);
  }
  if (target !== null && typeof target === 'object') {
    const shape = target as Record<string, unknown>;
    if (typeof shape.inject === 'function' && typeof shape.ready === 'function') {
      return { kind: 'fastify', app: target as FastifyLike };
    }
    if (typeof shape.listen === 'function' && typeof shape.address === 'function') {
      return { kind: 'server', server: target as Server };
    }
    if (typeof shape.fetch === 'function') {
      const fetchTarget = target as FetchTarget;
      return { kind: 'fetch', handle: (request) => fetchTarget.fetch(request) };
    }
    if (typeof shape.callback === 'function' && typeof shape.use === 'function') {
      return { kind: 'listener', listener: (target as KoaLike).callback() };
    }
  }
  throw new AbeError(
    'provider.target',
    `cannot send requests to ${describeTarget(target)}${target !== null && typeof target === 'object' ? ' with none of the methods a target has' : ''}.`,
    {
      hint: 'Pass an Express app, a Koa app or app.callback(), a node (req, res) listener or http.Server, a Fastify instance, a fetch handler (request) => Response, an object with a fetch(request) method (a Hono app), or a base URL such as "http://localhost:3000".',
    },
  );
}

function baseUrl(target: string | URL): URL {
  let url: URL | undefined;
  try {
    url = new URL(target);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new AbeError(
      'provider.target',
      `the target "${String(target)}" is not an http(s) base URL.`,
      {
        hint: 'A string target is the base URL of a running service, e.g. "http://localhost:3000" or "https://api.example.com/v1". To test an app in-process, pass the app itself.',
      },
    );
  }
  return url;
}

// An async function cannot be a factory of a synchronous app; a sync one with no parameters
// could be a fetch handler that ignores its request, but a factory is the likelier mistake.
function isAsyncFunction(target: object): boolean {
  return target.constructor?.name === 'AsyncFunction';
}

function factoryError(target: { readonly name: string }): AbeError {
  const name = target.name === '' ? undefined : target.name;
  return new AbeError(
    'provider.target',
    `the target ${name === undefined ? 'is a function that' : `${name} is a function that`} takes no arguments, so it is neither a node (req, res) listener nor a fetch handler (request) => Response. ${name === undefined ? 'Is it an app factory? Pass the app it makes.' : `Did you mean ${name}()?`}`,
    {
      hint: 'Pass the app a factory makes (createApp(), not createApp). A fetch handler that ignores its request must still declare it, (request) => …; wrap a listener written with rest parameters as (req, res) => listener(req, res).',
    },
  );
}

/** How a value that is no target (or no response) is named in messages. */
export function describeTarget(target: unknown): string {
  if (target === null) return 'null';
  if (typeof target === 'function') {
    return target.name === '' ? 'a function' : `a function (${target.name})`;
  }
  if (typeof target !== 'object') return `a ${typeof target} (${String(target)})`;
  const name = (target as { constructor?: { name?: unknown } }).constructor?.name;
  return `an object${typeof name === 'string' && name !== 'Object' ? ` (${name})` : ''}`;
}
