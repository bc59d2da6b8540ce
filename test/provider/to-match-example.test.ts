import request from 'supertest';
import { describe, expect, test } from 'vitest';
import '../../src/vitest/index.js';
import { expressApp, honoApp, koaApp } from './apps.js';
import { ROOT, USERS } from './helpers.js';

const options = { root: ROOT };

describe('the vitest toMatchExample matcher', () => {
  test('passes when a target answers as the example says', async () => {
    await expect(expressApp()).toMatchExample(USERS, 'OK', options);
    await expect(honoApp()).toMatchExample(USERS, 'not found', options);
  });

  test('fails with the file, label, request and mismatches when it does not', async () => {
    await expect(expect(koaApp()).toMatchExample(USERS, 'gone', options)).rejects.toThrow(
      /example "gone" of users\/get-user\.json: the response to GET \/users\/7[\s\S]*\/status\s+expected 410, got 404/,
    );
  });

  test('asserts a response it is given instead of sending', async () => {
    await expect(await request(expressApp()).get('/users/1')).toMatchExample(USERS, 'OK', options);
    const response = await request(expressApp()).get('/users/3');
    await expect(expect(response).toMatchExample(USERS, 'with email', options)).rejects.toThrow(
      '/body/email',
    );
    await expect({ status: 404, body: { detail: 'Not found.' } }).toMatchExample(
      USERS,
      'not found',
      options,
    );
  });

  test('inverts with .not', async () => {
    await expect(expressApp()).not.toMatchExample(USERS, 'renamed', options);
    await expect(expect(expressApp()).not.toMatchExample(USERS, 'OK', options)).rejects.toThrow(
      'expected the response not to match example "OK"',
    );
  });

  test('throws bad input even under .not', async () => {
    await expect(expect(expressApp()).not.toMatchExample(USERS, 'KO', options)).rejects.toThrow(
      'has no example labelled "KO"',
    );
  });
});
