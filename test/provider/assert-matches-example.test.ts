import Fastify from 'fastify';
import request from 'supertest';
import { describe, expect, test } from 'vitest';
import { assertMatchesExample } from '../../src/provider/index.js';
import { expressApp, fastifyApp } from './apps.js';
import { assertionError, mismatchKinds, ROOT, USERS } from './helpers.js';

const options = { root: ROOT };

describe('assertMatchesExample', () => {
  test('accepts a supertest response that matches', async () => {
    const response = await request(expressApp()).get('/users/1');
    const seen = await assertMatchesExample(response, USERS, 'OK', options);
    expect(seen.body).toEqual({ id: 1, name: 'Ada' });
  });

  test('fails a supertest response on its body, naming the example request', async () => {
    const response = await request(expressApp()).get('/users/2');
    const error = await assertionError(assertMatchesExample(response, USERS, 'renamed', options));
    expect(mismatchKinds(error)).toEqual([['/body/name', 'value']]);
    expect(error.message).toContain('example request: GET /users/2');
  });

  test('reads the body of a fetch Response', async () => {
    const response = Response.json({ detail: 'Not found.' }, { status: 404 });
    await assertMatchesExample(response, USERS, 'not found', options);
    expect(response.bodyUsed).toBe(true);
  });

  test('fails a fetch Response on its status', async () => {
    const response = Response.json({ detail: 'Not found.' }, { status: 404 });
    const error = await assertionError(assertMatchesExample(response, USERS, 'gone', options));
    expect(mismatchKinds(error)).toEqual([['/status', 'status']]);
  });

  test('accepts a Fastify inject response', async () => {
    const app = fastifyApp();
    try {
      const response = await app.inject({ method: 'GET', url: '/users/1' });
      await assertMatchesExample(response, USERS, 'OK', options);
      const error = await assertionError(
        assertMatchesExample(response, USERS, 'uncached', options),
      );
      expect(mismatchKinds(error)).toEqual([['/headers/cache-control', 'header']]);
    } finally {
      await app.close();
    }
  });

  test('accepts { status, headers, body } with header names in any case', async () => {
    await assertMatchesExample(
      {
        status: 200,
        headers: { 'Content-Type': 'application/json; charset=utf-8' },
        body: { id: 1, name: 'Ada' },
      },
      USERS,
      'OK',
      options,
    );
  });

  test('parses a JSON text body of a plain response', async () => {
    const seen = await assertMatchesExample(
      {
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: '{"id":1,"name":"Ada"}',
      },
      USERS,
      'OK',
      options,
    );
    expect(seen.body).toEqual({ id: 1, name: 'Ada' });
  });

  test('compares a JSON-typed body that is not JSON as its text', async () => {
    const error = await assertionError(
      assertMatchesExample(
        { status: 200, headers: { 'content-type': 'application/json' }, body: '<html>oops' },
        USERS,
        'OK',
        options,
      ),
    );
    expect(mismatchKinds(error)).toEqual([['/body', 'type']]);
    expect(error.response?.body).toBe('<html>oops');
  });

  test('fails a plain response missing a key', async () => {
    const error = await assertionError(
      assertMatchesExample(
        { status: 200, body: { id: 3, name: 'Linus' } },
        USERS,
        'with email',
        options,
      ),
    );
    expect(mismatchKinds(error)).toEqual([['/body/email', 'missing']]);
  });

  test('refuses what is not a response', async () => {
    await expect(assertMatchesExample(Fastify, USERS, 'OK', options)).rejects.toThrow(
      'expected a response',
    );
  });
});
