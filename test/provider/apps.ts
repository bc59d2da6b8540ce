// The same small users API written natively in every framework a provider can be, so each
// target kind is tested against a real app. User 2 is "Grace", user 3 has no email, user
// responses carry `Cache-Control: private`: the fixtures' failing examples rely on that.
import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type ServerResponse,
} from 'node:http';
import express from 'express';
import Fastify, { type FastifyInstance } from 'fastify';
import { Hono } from 'hono';
import Koa from 'koa';

const USERS = new Map([
  [1, { id: 1, name: 'Ada' }],
  [2, { id: 2, name: 'Grace' }],
  [3, { id: 3, name: 'Linus' }],
]);
const NOT_FOUND = { detail: 'Not found.' };

function findUser(id: string): { status: number; body: unknown } {
  const user = USERS.get(Number(id));
  return user === undefined ? { status: 404, body: NOT_FOUND } : { status: 200, body: user };
}

/** Express 5: users, tag search (repeated keys), JSON create, text notes, and orders from `orders`. */
export function expressApp(orders: Map<number, unknown> = new Map()): express.Express {
  const app = express();
  let nextId = 100;
  app.use(express.json());
  app.use(express.text());
  app.get('/users', (req, res) => {
    const tag = req.query.tag;
    res.json({ tags: Array.isArray(tag) ? tag : [tag], sort: req.query.sort });
  });
  app.post('/users', (req, res) => {
    nextId += 1;
    res.status(201).json({ id: nextId, name: (req.body as { name: string }).name });
  });
  app.get('/users/:id', (req, res) => {
    const { status, body } = findUser(req.params.id);
    res.status(status).set('Cache-Control', 'private').json(body);
  });
  app.put('/notes/:id', (req, res) => {
    res.type('text/plain').send(`saved: ${String(req.body)}`);
  });
  app.get('/orders/:id', (req, res) => {
    const order = orders.get(Number(req.params.id));
    if (order === undefined) res.status(404).json(NOT_FOUND);
    else res.json(order);
  });
  return app;
}

/** Koa 3: GET /users/:id. */
export function koaApp(): Koa {
  const app = new Koa();
  app.use((ctx) => {
    const match = /^\/users\/(\d+)$/.exec(ctx.path);
    if (ctx.method !== 'GET' || match === null) return;
    const { status, body } = findUser(match[1] as string);
    ctx.status = status;
    ctx.set('Cache-Control', 'private');
    ctx.body = body;
  });
  return app;
}

/** A bare node listener: GET /users/:id. */
export const nodeListener: RequestListener = (req: IncomingMessage, res: ServerResponse) => {
  const match = /^\/users\/(\d+)(?:\?|$)/.exec(req.url ?? '');
  if (req.method !== 'GET' || match === null) {
    res.writeHead(404).end();
    return;
  }
  const { status, body } = findUser(match[1] as string);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'private',
  });
  res.end(JSON.stringify(body));
};

/** An `http.Server` around the node listener, not listening. */
export function nodeServer(): ReturnType<typeof createServer> {
  return createServer(nodeListener);
}

/** Fastify 5: GET /users/:id. */
export function fastifyApp(): FastifyInstance {
  const app = Fastify();
  app.get<{ Params: { id: string } }>('/users/:id', async (request, reply) => {
    const { status, body } = findUser(request.params.id);
    return reply.code(status).header('cache-control', 'private').send(body);
  });
  return app;
}

/** Hono: GET /users/:id, used both as `app` (a `fetch` method) and as `app.fetch`. */
export function honoApp(): Hono {
  const app = new Hono();
  app.get('/users/:id', (c) => {
    const { status, body } = findUser(c.req.param('id'));
    c.header('Cache-Control', 'private');
    return c.json(body as object, status as 200 | 404);
  });
  return app;
}

/**
 * A node listener with broken routes, for what the provider does when an app misbehaves:
 * user 1 answers as `nodeListener` does, user 2 never answers, user 3 throws, user 4 returns
 * a rejected promise (an async handler's error), user 5 throws after sending its headers.
 */
export function faultyListener(req: IncomingMessage, res: ServerResponse): unknown {
  const id = /^\/users\/(\d+)/.exec(req.url ?? '')?.[1];
  switch (id) {
    case '2':
      return undefined;
    case '3':
      throw new Error('the users table is locked');
    case '4':
      return Promise.reject(new Error('lost the database connection'));
    case '5':
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"id":5,');
      throw new Error('the serializer crashed');
    default:
      nodeListener(req, res);
      return undefined;
  }
}
