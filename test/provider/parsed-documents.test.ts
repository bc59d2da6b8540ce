import { describe, expect, test } from 'vitest';
import usersDocument from '../../fixtures/provider/users/get-user.json' with { type: 'json' };
import { loadContract } from '../../src/contract/load-contract.js';
import type { AbeError } from '../../src/core/abe-error.js';
import { expectMatchesExample, verifyProvider } from '../../src/provider/index.js';
import '../../src/vitest/index.js';
import { expressApp } from './apps.js';
import { assertionError, ROOT } from './helpers.js';

const NAME = '<contract #0: GET /users/[0-9]+>';

describe('a parsed ABE document (an imported JSON module)', () => {
  test('is verified as its file would be, named after its endpoint', async () => {
    const report = await verifyProvider(expressApp(), usersDocument, { throw: false });
    expect(report.passed).toEqual([
      { file: NAME, label: 'OK' },
      { file: NAME, label: 'not found' },
    ]);
    expect(report.failed.map((failure) => failure.label)).toEqual([
      'renamed',
      'with email',
      'gone',
      'uncached',
    ]);
  });

  test('mixes with paths and loaded contracts in a list, each named by its place', async () => {
    const orders = await loadContract(`${ROOT}orders/get-order.json`);
    const report = await verifyProvider(
      expressApp(),
      ['notes/put-note.json', usersDocument, orders],
      { root: ROOT, throw: false, only: /#(saved|OK|no such order)$/ },
    );
    expect(report.passed).toEqual([
      { file: 'notes/put-note.json', label: 'saved' },
      { file: '<contract #1: GET /users/[0-9]+>', label: 'OK' },
      { file: orders.source, label: 'no such order' },
    ]);
  });

  test('is taken by expectMatchesExample and toMatchExample', async () => {
    await expectMatchesExample(expressApp(), usersDocument, 'OK');
    await expect(expressApp()).toMatchExample(usersDocument, 'not found');
    const error = await assertionError(expectMatchesExample(expressApp(), usersDocument, 'gone'));
    expect(error.message).toContain(`example "gone" of ${NAME}`);
  });

  test('that is not a valid contract is refused with what is wrong', async () => {
    const error = await verifyProvider(expressApp(), { url: '/users', examples: {} }).catch(
      (thrown: unknown) => thrown,
    );
    expect((error as AbeError).code).toBe('contract.invalid');
    expect((error as AbeError).message).toContain('<contract #0: /users>');
  });

  test('a value that is no contract at all says what to pass', async () => {
    const error = await verifyProvider(expressApp(), ['users/get-user.json', 42 as never], {
      root: ROOT,
    }).catch((thrown: unknown) => thrown);
    expect((error as AbeError).code).toBe('usage');
    expect((error as AbeError).message).toContain(
      'contract #1 is a number, which is not a contract',
    );
    expect((error as AbeError).message).toContain('a parsed ABE document');
  });
});
