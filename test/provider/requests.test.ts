import { describe, expect, test } from 'vitest';
import { contractFromObject } from '../../src/contract/parse-contract.js';
import { AbeError } from '../../src/core/abe-error.js';
import { expectMatchesExample, verifyProvider } from '../../src/provider/index.js';
import '../../src/vitest/index.js';
import { expressApp, honoApp, koaApp } from './apps.js';
import { assertionError, mismatchKinds, ROOT, USERS } from './helpers.js';

const options = { root: ROOT };

describe('requests built from examples', () => {
  test('repeat a query key once per value, in order', async () => {
    const response = await expectMatchesExample(
      expressApp(),
      'users/search-users.json',
      'two tags',
      options,
    );
    expect(response.body).toEqual({ tags: ['admin', 'ops'], sort: 'name' });
  });

  test('name the request with its repeated keys when the example fails', async () => {
    const error = await assertionError(
      expectMatchesExample(expressApp(), 'users/search-users.json', 'tags reversed', options),
    );
    expect(error.failures[0]?.request).toBe('GET /users?tag=ops&tag=admin');
    expect(error.message).toContain('GET /users?tag=ops&tag=admin');
  });

  test('send a text body and compare a text response', async () => {
    const response = await expectMatchesExample(
      expressApp(),
      'notes/put-note.json',
      'saved',
      options,
    );
    expect(response.body).toBe('saved: buy milk');
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
  });

  test('show where a text body differs', async () => {
    const error = await assertionError(
      expectMatchesExample(expressApp(), 'notes/put-note.json', 'shouted', options),
    );
    expect(mismatchKinds(error)).toEqual([['/body', 'value']]);
    expect(error.failures[0]?.mismatches[0]?.actual).toBe('saved: call mum');
  });

  test('send a JSON body as application/json, with nonStrict paths not compared', async () => {
    const response = await expectMatchesExample(
      expressApp(),
      'users/create-user.json',
      'created',
      options,
    );
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ id: 101, name: 'Ada' });
  });

  test('leave out the empty body abe files put on GET requests', async () => {
    // Hono's fetch Request would throw on any GET body; "OK" carries "body": {}.
    await expectMatchesExample(honoApp(), USERS, 'OK', options);
  });

  test('reach a fetch handler with the method, headers and body of the example', async () => {
    const contract = contractFromObject(
      {
        url: '/echo',
        method: 'PATCH',
        examples: {
          echo: {
            request: { headers: { 'X-Trace': 'abc' }, queryParams: { q: 'a b' }, body: { n: 1 } },
            response: { status: 200, body: 'PATCH /echo?q=a+b abc application/json {"n":1}' },
          },
        },
      },
      { source: 'echo.json' },
    );
    const handler = async (request: Request) => {
      const url = new URL(request.url);
      const seen = `${request.method} ${url.pathname}${url.search} ${request.headers.get('x-trace')} ${request.headers.get('content-type')} ${await request.text()}`;
      return new Response(seen, { headers: { 'content-type': 'text/plain' } });
    };
    await expectMatchesExample(handler, contract, 'echo');
  });
});

describe('examples no request can be built from', () => {
  test('a pattern as the request url says so and how to fix it', async () => {
    const error = await expectMatchesExample(
      expressApp(),
      'broken/pattern-request-url.json',
      'OK',
      options,
    ).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(AbeError);
    expect((error as AbeError).code).toBe('contract.request');
    expect((error as AbeError).message).toContain('its url "/users/:id" is a pattern');
    expect((error as AbeError).message).toContain('Give the example a concrete "request"');
  });

  test('a body on a GET says so and how to fix it', async () => {
    const error = await expectMatchesExample(
      expressApp(),
      'broken/body-on-get.json',
      'filtered',
      options,
    ).catch((thrown: unknown) => thrown);
    // The loader refuses the file, at the body's position, before any request is built.
    expect((error as AbeError).code).toBe('contract.invalid');
    expect((error as AbeError).message).toMatch(
      /body-on-get\.json:6:20: .*\[request\.body-not-allowed\]/s,
    );
    expect((error as AbeError).message).toContain('remove "body" from the request');
  });
});

describe('labels and targets that do not exist', () => {
  test('an unknown label lists the labels and suggests the nearest', async () => {
    const error = await expectMatchesExample(expressApp(), USERS, 'not fond', options).catch(
      (thrown: unknown) => thrown,
    );
    expect((error as AbeError).code).toBe('contract.label');
    expect((error as AbeError).message).toContain(
      'has no example labelled "not fond". Did you mean "not found"?',
    );
    expect((error as AbeError).message).toContain('"OK", "not found", "renamed"');
  });

  test('an object that is no target says what a target can be', async () => {
    const error = await expectMatchesExample({ get: () => 1 } as never, USERS, 'OK', options).catch(
      (thrown: unknown) => thrown,
    );
    expect((error as AbeError).code).toBe('provider.target');
    expect((error as AbeError).message).toContain('a Fastify instance');
  });

  test('a string that is no URL is refused, with the way to test in-process', async () => {
    const error = await expectMatchesExample('users/get-user.json', USERS, 'OK', options).catch(
      (thrown: unknown) => thrown,
    );
    expect((error as AbeError).code).toBe('provider.target');
    expect((error as AbeError).message).toContain('is not an http(s) base URL');
  });

  test('an app factory passed uncalled asks whether the app was meant', async () => {
    // Regression: it was called as a fetch handler, and failed on `undefined.forEach`.
    for (const factory of [expressApp, koaApp, honoApp]) {
      const error = await expectMatchesExample(factory as never, USERS, 'OK', options).catch(
        (thrown: unknown) => thrown,
      );
      expect((error as AbeError).code).toBe('provider.target');
      expect((error as AbeError).message).toContain(
        `the target ${factory.name} is a function that takes no arguments`,
      );
      expect((error as AbeError).message).toContain(`Did you mean ${factory.name}()?`);
    }
    const error = await verifyProvider(expressApp as never, USERS, options).catch(
      (thrown: unknown) => thrown,
    );
    expect((error as AbeError).message).toContain('Did you mean expressApp()?');
  });

  test('an async factory, called as a fetch handler, is told by the app it returns', async () => {
    const createApp = async () => expressApp();
    const report = await verifyProvider(createApp as never, USERS, {
      ...options,
      throw: false,
      only: '#OK',
    });
    expect(report.failed[0]?.error).toContain(
      'the fetch handler createApp returned a function (app), not a Response.',
    );
    expect(report.failed[0]?.error).toContain('pass the app it returns: createApp()');
  });

  test('an async route handler that declares no request is still a fetch handler', async () => {
    async function GET(): Promise<Response> {
      return Response.json({ id: 1, name: 'Ada' });
    }
    await expectMatchesExample(GET, USERS, 'OK', options);
  });
});

describe('numeric labels', () => {
  const contract = contractFromObject(
    {
      url: '/users/[0-9]+',
      method: 'GET',
      examples: [
        { request: { url: '/users/1' }, response: { status: 200, body: { id: 1, name: 'Ada' } } },
        { request: { url: '/users/9' }, response: { status: 404, body: { detail: 'Not found.' } } },
      ],
    },
    { source: 'users-array.json' },
  );

  test('name the example at that index of an examples array', async () => {
    await expectMatchesExample(expressApp(), contract, 0);
    const response = await expectMatchesExample(expressApp(), contract, 1);
    expect(response.status).toBe(404);
    await expect(expressApp()).toMatchExample(contract, 1);
  });

  test('that name no example are reported as unknown labels, not a crash in the suggestion', async () => {
    // Regression: the suggestion called toLowerCase on the number.
    const error = await expectMatchesExample(expressApp(), USERS, 200, options).catch(
      (thrown: unknown) => thrown,
    );
    expect((error as AbeError).code).toBe('contract.label');
    expect((error as AbeError).message).toContain('has no example labelled "200"');
    const near = await expectMatchesExample(expressApp(), contract, 10).catch(
      (thrown: unknown) => thrown,
    );
    expect((near as AbeError).message).toContain('users-array.json has no example labelled "10".');
    expect((near as AbeError).message).toContain('Its examples are: "0", "1".');
  });
});
