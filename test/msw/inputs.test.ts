import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { loadContract } from '../../src/contract/load-contract.js';
import { AbeError } from '../../src/core/abe-error.js';
import { abeMocks, mockFromAbe } from '../../src/msw/index.js';
import { statusOf } from './status-of.js';

const fixtures = fileURLToPath(new URL('../../fixtures/msw/', import.meta.url));
const contracts = join(fixtures, 'contracts');
const usersGet = JSON.parse(readFileSync(join(contracts, 'users/get.json'), 'utf8')) as Record<
  string,
  unknown
>;

afterEach(() => abeMocks.reset());

describe('what mockFromAbe accepts', () => {
  test('a file path, relative to opts.cwd', async () => {
    const handlers = mockFromAbe('contracts/users/get.json', { cwd: fixtures });
    expect(await statusOf(handlers, 'http://a.test/users/9')).toBe(404);
    expect(await statusOf(handlers, 'http://a.test/projects')).toBe('unhandled');
  });

  test('a directory, meaning every *.json file below it', async () => {
    const handlers = mockFromAbe(contracts);
    expect(await statusOf(handlers, 'http://a.test/users/1')).toBe(200);
    expect(await statusOf(handlers, 'http://a.test/files/readme.txt')).toBe(200);
  });

  test('a glob, matched without the glob package', async () => {
    const handlers = mockFromAbe('contracts/{users,files}/*.json', { cwd: fixtures });
    expect(await statusOf(handlers, 'http://a.test/files/readme.txt')).toBe(200);
    expect(await statusOf(handlers, 'http://a.test/users/1')).toBe(200);
    expect(await statusOf(handlers, 'http://a.test/projects')).toBe('unhandled');
  });

  test('a loaded Contract, a parsed document and a path, mixed in one array', async () => {
    const handlers = mockFromAbe([
      await loadContract(join(contracts, 'files/get.json')),
      usersGet,
      join(contracts, 'notes/create.json'),
    ]);
    expect(await statusOf(handlers, 'http://a.test/files/readme.txt')).toBe(200);
    expect(await statusOf(handlers, 'http://a.test/users/9')).toBe(404);
    expect(
      await statusOf(handlers, 'http://a.test/notes', {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: 'remember the milk',
      }),
    ).toBe(201);
  });

  test.each([
    ['an empty object', {}],
    ['null', null],
    ['an empty string', ''],
  ])(
    '%s as the body of a GET example, as ABE files often write, stands for no body',
    async (_, body) => {
      const handlers = mockFromAbe({
        url: '/users/[0-9]+',
        method: 'GET',
        examples: {
          OK: {
            request: { url: '/users/1', headers: {}, body },
            response: { status: 200, body: { id: 1 } },
          },
        },
      });
      expect(await statusOf(handlers, 'http://a.test/users/1')).toBe(200);
      expect(abeMocks.usedExamples().map((used) => used.label)).toEqual(['OK']);
    },
  );

  test('a parsed document is named after its endpoint in messages', async () => {
    const handlers = mockFromAbe(usersGet);
    await getResponse(handlers, new Request('http://a.test/users/3'));
    expect(abeMocks.violations()[0]?.endpoint).toBe(
      'GET /users/[0-9]+ (<contract #0: GET /users/[0-9]+>)',
    );
  });

  test('a path that matches nothing is an error naming the path and where it looked', () => {
    expect(() => mockFromAbe('contracts/nope/*.json', { cwd: fixtures })).toThrow(
      expect.objectContaining({
        code: 'msw.input',
        message: expect.stringContaining(
          `no contract file matches "contracts/nope/*.json" (looked in ${fixtures})`,
        ),
      }),
    );
  });

  test('an invalid contract is an error naming the file', () => {
    expect(() => mockFromAbe({ url: '/x', examples: {} })).toThrow(
      expect.objectContaining({
        code: 'contract.invalid',
        message: expect.stringContaining('<contract #0: /x>'),
      }),
    );
  });

  test('a file that is not JSON fails when loaded, at its line and column', () => {
    expect(() => mockFromAbe('broken/trailing-comma.json', { cwd: fixtures })).toThrow(
      expect.objectContaining({
        code: 'contract.parse',
        message: expect.stringContaining('broken/trailing-comma.json:5:'),
      }),
    );
  });

  test('a JSON file that is not a valid contract fails when loaded, at its line and column, before any request', () => {
    let thrown: unknown;
    try {
      mockFromAbe('broken/status-range.json', { cwd: fixtures });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AbeError);
    expect((thrown as AbeError).message).toMatch(
      /broken\/status-range\.json:5:\d+.*response status 999 is outside 100–599/,
    );
  });

  test('a value that is no contract is an error that says what is accepted', () => {
    expect(() => mockFromAbe([42 as never])).toThrow(
      expect.objectContaining({
        code: 'msw.input',
        message: expect.stringContaining('contract #0 is a number'),
      }),
    );
  });
});

describe('reading directories and globs', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'abe-msw-'));
    const text = readFileSync(join(contracts, 'users/get.json'), 'utf8');
    await mkdir(join(root, 'api/deep/er'), { recursive: true });
    await mkdir(join(root, 'api/node_modules/pkg'), { recursive: true });
    await mkdir(join(root, 'api/.cache'), { recursive: true });
    await writeFile(join(root, 'api/deep/er/users.json'), text);
    await writeFile(join(root, 'api/deep/notes.txt'), 'not a contract');
    await writeFile(join(root, 'api/node_modules/pkg/package.json'), '{}');
    await writeFile(join(root, 'api/.cache/x.json'), '{}');
    // A link back up the tree must not make the walk loop.
    await symlink(join(root, 'api'), join(root, 'api/deep/loop'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  test('a directory skips node_modules, dot directories, non-JSON files and linked directories', async () => {
    const handlers = mockFromAbe('api', { cwd: root });
    expect(await statusOf(handlers, 'http://a.test/users/1')).toBe(200);
    expect(handlers[0]?.info.header).toBe('abe-ts 1 endpoint (api/deep/er/users.json)');
  });

  test('** matches any depth, including none', async () => {
    expect(mockFromAbe('api/**/users.json', { cwd: root })[0]?.info.header).toContain(
      'api/deep/er/users.json',
    );
    expect(mockFromAbe(join(root, 'api/deep/**/*.json'))[0]?.info.header).toContain('1 endpoint');
  });
});

describe('opts.baseUrl', () => {
  test('limits the mocks to the given origin and mount path', async () => {
    const handlers = mockFromAbe(usersGet, { baseUrl: 'https://api.example.test/v1/' });
    expect(await statusOf(handlers, 'https://api.example.test/v1/users/1')).toBe(200);
    expect(await statusOf(handlers, 'https://api.example.test/users/1')).toBe('unhandled');
    expect(await statusOf(handlers, 'https://other.test/v1/users/1')).toBe('unhandled');
    expect(await statusOf(handlers, 'https://api.example.test/v10/users/1')).toBe('unhandled');
  });

  test('accepts several origins, and a bare path for any origin', async () => {
    const handlers = mockFromAbe(usersGet, { baseUrl: ['https://a.test', '/api'] });
    expect(await statusOf(handlers, 'https://a.test/users/1')).toBe(200);
    expect(await statusOf(handlers, 'http://b.test/api/users/1')).toBe(200);
    expect(await statusOf(handlers, 'http://b.test/users/1')).toBe('unhandled');
  });

  test('rejects a base that is neither an absolute URL nor a path', () => {
    expect(() => mockFromAbe(usersGet, { baseUrl: 'api.example.test' })).toThrow(
      expect.objectContaining({
        code: 'msw.input',
        message: expect.stringContaining('"api.example.test"'),
      }),
    );
  });
});

describe('opts.examples and opts.example', () => {
  test('a file key matches by the end of the path, on whole segments', async () => {
    const handlers = mockFromAbe(contracts, { examples: { 'users/get.json': 'not found' } });
    expect(await statusOf(handlers, 'http://a.test/users/1')).toBe(404);
    expect(() => mockFromAbe(contracts, { examples: { 'ers/get.json': 'OK' } })).toThrow(
      expect.objectContaining({
        code: 'msw.example',
        message: expect.stringContaining('"ers/get.json", which is none of the contracts'),
      }),
    );
  });

  test('a key may name the endpoint instead of the file', async () => {
    const handlers = mockFromAbe(usersGet, { examples: { 'GET /users/[0-9]+': 'not found' } });
    expect(await statusOf(handlers, 'http://a.test/users/1')).toBe(404);
  });

  test('a key that fits several contracts is an error listing them', () => {
    expect(() => mockFromAbe(contracts, { examples: { 'get.json': 'OK' } })).toThrow(
      expect.objectContaining({
        code: 'msw.example',
        message: expect.stringMatching(/"get\.json", which fits 4 contracts/),
      }),
    );
  });

  test('an unknown label is an error with a suggestion', () => {
    expect(() => mockFromAbe(contracts, { examples: { 'users/get.json': 'not fund' } })).toThrow(
      expect.objectContaining({
        code: 'msw.example',
        message: expect.stringContaining('Did you mean "not found"?'),
      }),
    );
    expect(() => mockFromAbe(contracts, { example: 'not found' })).toThrow(
      expect.objectContaining({
        code: 'msw.example',
        message: expect.stringContaining('opts.example is "not found", but'),
      }),
    );
  });

  test('opts.delay holds the mocked response back for that many milliseconds', async () => {
    const handlers = mockFromAbe(usersGet, { delay: 1000 });
    vi.useFakeTimers();
    try {
      let settled = false;
      const pending = getResponse(handlers, new Request('http://a.test/users/1')).finally(() => {
        settled = true;
      });
      await vi.advanceTimersByTimeAsync(999);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect((await pending)?.status).toBe(200);
    } finally {
      vi.useRealTimers();
    }
  });

  test('opts.onViolation sees each violation as it happens', async () => {
    const seen: string[] = [];
    const handlers = mockFromAbe(usersGet, {
      onViolation: (violation) => seen.push(`${violation.kind} ${violation.nearest}`),
    });
    const response = await getResponse(handlers, new Request('http://a.test/users/2'));
    expect(response?.type).toBe('error');
    expect(seen).toEqual(['unmatched OK']);
  });
});
