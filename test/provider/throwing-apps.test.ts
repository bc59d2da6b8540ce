import { createServer } from 'node:http';
import { describe, expect, test } from 'vitest';
import { AbeError } from '../../src/core/abe-error.js';
import { expectMatchesExample, verifyProvider } from '../../src/provider/index.js';
import { faultyListener } from './apps.js';
import { ROOT } from './helpers.js';

const FAULTS = 'faults/get-user.json';
// Before the listener was guarded, its throw crashed the test worker and the request hung.
const WITHIN = { timeout: 5_000 };

describe('a node listener that throws', WITHIN, () => {
  test('fails each example it throws on with the error and where it was thrown, and the run goes on', async () => {
    const report = await verifyProvider(faultyListener, FAULTS, {
      root: ROOT,
      throw: false,
      only: (id) => !id.endsWith('#never answered'),
    });
    expect(report.passed.map((entry) => entry.label)).toEqual(['OK', 'OK again']);
    expect(report.failed.map((failure) => [failure.label, failure.error])).toEqual([
      [
        'throws',
        expect.stringMatching(
          /^the app threw while handling the request: Error: the users table is locked \(at faultyListener \(.*test\/provider\/apps\.ts:\d+:\d+\)\)$/,
        ),
      ],
      [
        'rejects',
        expect.stringMatching(
          /^the app threw while handling the request: Error: lost the database connection \(at faultyListener \(.*apps\.ts:\d+:\d+\)\)$/,
        ),
      ],
      [
        'throws mid-response',
        expect.stringMatching(
          /^the app threw while handling the request: Error: the serializer crashed \(at faultyListener /,
        ),
      ],
    ]);
    expect(report.failed.every((failure) => failure.mismatches.length === 0)).toBe(true);
  });

  test('fails expectMatchesExample with the contract, label, request and the error as its cause', async () => {
    const error = await expectMatchesExample(faultyListener, FAULTS, 'rejects', {
      root: ROOT,
    }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(AbeError);
    expect((error as AbeError).code).toBe('provider.target');
    expect((error as AbeError).message).toMatch(
      /^example "rejects" of faults\/get-user\.json: GET \/users\/4: the app threw while handling the request: Error: lost the database connection \(at faultyListener /,
    );
    expect(((error as AbeError).cause as Error).message).toBe('lost the database connection');
  });

  test('is caught in an http.Server that abe starts, whose listeners are put back afterwards', async () => {
    const server = createServer(faultyListener);
    const report = await verifyProvider(server, FAULTS, {
      root: ROOT,
      throw: false,
      only: /#(throws|OK)$/,
    });
    expect(report.passed.map((entry) => entry.label)).toEqual(['OK']);
    expect(report.failed[0]?.error).toContain('the users table is locked');
    expect(server.listening).toBe(false);
    expect(server.listeners('request')).toEqual([faultyListener]);
  });
});

describe('a fetch handler that throws', () => {
  test('fails its example with the error, synchronous or not', async () => {
    const broken = (request: Request): Response => {
      throw new TypeError(`cannot route ${new URL(request.url).pathname}`);
    };
    const error = await expectMatchesExample(broken, FAULTS, 'OK', { root: ROOT }).catch(
      (thrown: unknown) => thrown,
    );
    expect((error as AbeError).message).toContain(
      'GET /users/1: the app threw while handling the request: TypeError: cannot route /users/1 (at broken (',
    );

    const report = await verifyProvider(
      async (_request: Request): Promise<Response> => {
        throw new Error('no database');
      },
      FAULTS,
      { root: ROOT, throw: false, only: '#OK' },
    );
    expect(report.failed.map((failure) => failure.error)).toEqual([
      expect.stringContaining('the app threw while handling the request: Error: no database'),
      expect.stringContaining('the app threw while handling the request: Error: no database'),
    ]);
  });
});
