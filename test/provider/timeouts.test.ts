import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { afterEach, describe, expect, test } from 'vitest';
import { AbeError } from '../../src/core/abe-error.js';
import { DEFAULT_TIMEOUT, requestTimeout } from '../../src/provider/configure.js';
import { configure, expectMatchesExample, verifyProvider } from '../../src/provider/index.js';
import { faultyListener } from './apps.js';
import { ROOT } from './helpers.js';

const FAULTS = 'faults/get-user.json';
// Each test would hang until vitest's 30 s without a timeout of its own: fail it sooner.
const WITHIN = { timeout: 5_000 };

afterEach(() => configure({ timeout: undefined }));

/** How `check` settled: its value or its error. */
async function settle<T>(check: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  try {
    return { value: await check };
  } catch (error) {
    return { error };
  }
}

describe('a listener that never answers', WITHIN, () => {
  test('fails its example after the timeout, and verifyProvider goes on with the others', async () => {
    const report = await verifyProvider(faultyListener, FAULTS, {
      root: ROOT,
      throw: false,
      timeout: 200,
      only: /#(OK|never answered|OK again)$/,
    });
    expect(report.failed).toEqual([
      {
        file: FAULTS,
        label: 'never answered',
        request: 'GET /users/2',
        mismatches: [],
        error: expect.stringMatching(/^no response within 200 ms \(the timeout\)\. /),
      },
    ]);
    // The example after the hung one gets a connection of its own, not the stuck one.
    expect(report.passed.map((entry) => entry.label)).toEqual(['OK', 'OK again']);
  });

  test('names the contract, the label, the request and the timeout in the thrown report', async () => {
    const error = await verifyProvider(faultyListener, FAULTS, {
      root: ROOT,
      timeout: 200,
      only: '#never answered',
    }).catch((thrown: unknown) => thrown);
    expect((error as Error).message).toContain(
      'faults/get-user.json#never answered  GET /users/2\n  no response within 200 ms (the timeout).',
    );
  });

  test('fails expectMatchesExample with an error naming the contract, label, request and timeout', async () => {
    const { error } = await settle(
      expectMatchesExample(faultyListener, FAULTS, 'never answered', {
        root: ROOT,
        timeout: 200,
      }),
    );
    expect(error).toBeInstanceOf(AbeError);
    expect((error as AbeError).code).toBe('provider.target');
    expect((error as AbeError).message).toContain(
      'example "never answered" of faults/get-user.json: GET /users/2: no response within 200 ms (the timeout).',
    );
    expect((error as AbeError).message).toContain('configure({ timeout })');
  });

  test('takes the timeout set with configure, and a call option before it', async () => {
    configure({ timeout: 150 });
    const configured = await expectMatchesExample(faultyListener, FAULTS, 'never answered', {
      root: ROOT,
    }).catch((thrown: unknown) => thrown);
    expect((configured as Error).message).toContain('no response within 150 ms');

    const own = await expectMatchesExample(faultyListener, FAULTS, 'never answered', {
      root: ROOT,
      timeout: 100,
    }).catch((thrown: unknown) => thrown);
    expect((own as Error).message).toContain('no response within 100 ms');
  });
});

describe('the timeout', WITHIN, () => {
  test('is 10 s unless configured, and configure({ timeout: undefined }) restores it', () => {
    expect(DEFAULT_TIMEOUT).toBe(10_000);
    expect(requestTimeout(undefined)).toBe(10_000);
    configure({ timeout: 2_500 });
    expect(requestTimeout(undefined)).toBe(2_500);
    configure({ timeout: undefined });
    expect(requestTimeout(undefined)).toBe(10_000);
  });

  test('configure with only a timeout leaves the root as it was', async () => {
    configure({ root: ROOT });
    try {
      configure({ timeout: 1_000 });
      await expectMatchesExample(faultyListener, FAULTS, 'OK');
    } finally {
      configure({ root: undefined });
    }
  });

  test('that is not a number of milliseconds above 0 is refused', async () => {
    const error = await expectMatchesExample(faultyListener, FAULTS, 'OK', {
      root: ROOT,
      timeout: 0,
    }).catch((thrown: unknown) => thrown);
    expect((error as AbeError).code).toBe('usage');
    expect((error as AbeError).message).toContain('the timeout 0 is not a number of milliseconds');
    expect(() => configure({ timeout: Number.NaN })).toThrow('configure: the timeout NaN');
  });

  test('aborts a fetch handler request, which sees its signal fire', async () => {
    let seen: AbortSignal | undefined;
    const handler = (request: Request): Promise<Response> => {
      seen = request.signal;
      return new Promise(() => {});
    };
    const error = await expectMatchesExample(handler, FAULTS, 'OK', {
      root: ROOT,
      timeout: 100,
    }).catch((thrown: unknown) => thrown);
    expect((error as Error).message).toContain('GET /users/1: no response within 100 ms');
    expect(seen?.aborted).toBe(true);
  });

  test('fails a Fastify route that never replies, and the app still closes', async () => {
    const app = Fastify();
    app.get('/users/:id', () => new Promise(() => {}));
    try {
      const report = await verifyProvider(app, FAULTS, {
        root: ROOT,
        throw: false,
        timeout: 100,
        only: /#OK/,
      });
      expect(report.failed.map((failure) => failure.error)).toEqual([
        expect.stringMatching(/^no response within 100 ms/),
        expect.stringMatching(/^no response within 100 ms/),
      ]);
    } finally {
      await app.close();
    }
  });

  test('aborts a request to a base URL whose service never answers, closing the connection', async () => {
    let closed = false;
    const server = createServer((req: IncomingMessage, _res: ServerResponse) => {
      req.socket.on('close', () => {
        closed = true;
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const report = await verifyProvider(base, FAULTS, {
        root: ROOT,
        throw: false,
        timeout: 100,
        only: '#OK again',
      });
      expect(report.failed[0]?.error).toMatch(/^no response within 100 ms/);
      await expect.poll(() => closed).toBe(true);
    } finally {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    }
  });
});

describe('an AbortSignal', WITHIN, () => {
  test('stops verifyProvider at once, with its reason, long before the timeout', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('the user pressed Ctrl-C')), 100);
    const ran: string[] = [];
    const { error } = await settle(
      verifyProvider(faultyListener, FAULTS, {
        root: ROOT,
        signal: controller.signal,
        beforeEach: ({ label }) => {
          ran.push(label);
        },
      }),
    );
    expect((error as Error).message).toBe('the user pressed Ctrl-C');
    expect(ran).toEqual(['OK', 'never answered']);
  });

  test('stops a provider state that never settles', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const { error } = await settle(
      verifyProvider(faultyListener, FAULTS, {
        root: ROOT,
        signal: controller.signal,
        states: { OK: () => new Promise<void>(() => {}) },
      }),
    );
    expect((error as Error).name).toBe('AbortError');
  });

  test('stops expectMatchesExample, and one already aborted sends nothing', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stop')), 100);
    const { error } = await settle(
      expectMatchesExample(faultyListener, FAULTS, 'never answered', {
        root: ROOT,
        signal: controller.signal,
      }),
    );
    expect((error as Error).message).toBe('stop');

    let called = false;
    const handler = (_request: Request) => {
      called = true;
      return new Response('');
    };
    await expect(
      expectMatchesExample(handler, FAULTS, 'OK', { root: ROOT, signal: AbortSignal.abort() }),
    ).rejects.toThrow('aborted');
    expect(called).toBe(false);
  });
});
