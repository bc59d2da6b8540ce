import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  AbeError,
  contractFromObject,
  loadContract,
  loadContracts,
  parseContract,
} from '../../src/index.js';

const fixture = (name: string): string => `fixtures/contracts/${name}`;
const read = (name: string): string => readFileSync(fixture(name), 'utf8');

describe('parseContract', () => {
  test('inherits url and method into every example request', async () => {
    const contract = await loadContract(fixture('valid/users-get.json'));
    expect(contract.method).toBe('GET');
    expect(contract.url).toBe('/users/[0-9]+');
    expect(contract.examples.map((example) => example.label)).toEqual(['OK', 'not found']);
    expect(contract.examples[1]?.request).toEqual({ url: '/users/9', method: 'GET' });
    expect(contract.examples[0]?.request.queryParams).toEqual({ verbose: '0' });
    expect(contract.pattern.regex.test('/users/42')).toBe(true);
  });

  test('a literal endpoint url stands in for a missing request url', () => {
    const contract = parseContract(read('valid/projects-list.json'));
    expect(contract.examples.map((example) => example.request.url)).toEqual([
      '/projects/',
      '/projects/',
    ]);
  });

  test('array examples are labelled by their index, in order', () => {
    const contract = parseContract(read('valid/array-examples.json'));
    expect(contract.examples.map((example) => example.label)).toEqual(['0', '1']);
    expect(contract.examples[0]?.request.queryParams).toEqual({ tag: ['red', 'blue'], page: '1' });
    expect(contract.examples[0]?.pointer).toBe('/examples/0');
  });

  test('a query string in request.url becomes queryParams', () => {
    const contract = parseContract(read('valid/array-examples.json'));
    expect(contract.examples[1]?.request).toMatchObject({
      url: '/tags/search',
      queryParams: { tag: 'green' },
    });
  });

  test('string bodies, lower-case methods, :params and extra documentation keys load', () => {
    const contract = parseContract(read('valid/script-string-body.json'));
    expect(contract.method).toBe('GET');
    expect(contract.examples[0]?.response.body).toBe('window.SETTINGS = { debug: false };');
    expect(contract.pattern.regex.test('/config/staging/settings.js')).toBe(true);
  });

  test('examples keep file order even when labels look like numbers', () => {
    const contract = parseContract(read('valid/numeric-labels.json'));
    expect(contract.examples.map((example) => example.label)).toEqual(['teapot', '200', '404']);
  });

  test('nonStrict paths are read from the example', () => {
    const contract = parseContract(read('valid/abe-python-readme.json'));
    expect(contract.examples[0]?.nonStrict).toEqual(['id', 'author.url']);
    expect(contract.examples[1]?.nonStrict).toEqual([]);
  });

  test('a byte order mark is ignored', () => {
    const contract = parseContract(`\uFEFF${read('valid/users-get.json')}`);
    expect(contract.examples).toHaveLength(2);
  });

  test('locate finds the line and column of a pointer', () => {
    const contract = parseContract(read('valid/users-get.json'));
    expect(contract.locate('/examples/not found/response/status')).toEqual({
      line: 11,
      column: 68,
    });
  });

  test('an invalid contract throws one AbeError naming the file, line and every problem', () => {
    const error = (() => {
      try {
        parseContract(read('broken/duplicate-label.json'), { source: 'api/get.json' });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(AbeError);
    expect(error).toMatchObject({
      code: 'contract.parse',
      file: 'api/get.json',
      line: 6,
      column: 5,
    });
    expect((error as Error).message).toContain('duplicate key "OK"');
    expect((error as Error).message).toContain('abe lint');
  });

  test('loadContract on a missing file says so', async () => {
    await expect(loadContract('fixtures/contracts/nope.json')).rejects.toMatchObject({
      code: 'contract.read',
      message: expect.stringContaining('no such file'),
    });
  });

  test('contractFromObject normalises an already parsed document', () => {
    const contract = contractFromObject(JSON.parse(read('valid/users-get.json')), {
      source: 'users.json',
    });
    expect(contract.source).toBe('users.json');
    expect(contract.examples[0]?.response.status).toBe(200);
    expect(() => contractFromObject({ examples: {} })).toThrow(AbeError);
  });

  test('contractFromObject reads only what JSON would hold, and rejects what it cannot', () => {
    const inherited = Object.assign(Object.create({ method: 7, url: '/elsewhere' }), {
      url: '/users',
      examples: { OK: { request: { method: 'GET' }, response: { status: 200 } } },
    });
    const contract = contractFromObject(inherited);
    expect(contract.url).toBe('/users');
    expect(contract.method).toBe('GET');

    const cyclic: Record<string, unknown> = { url: '/users', examples: {} };
    cyclic.self = cyclic;
    expect(() => contractFromObject(cyclic, { source: 'cyclic' })).toThrow(
      expect.objectContaining({
        code: 'contract.schema',
        message: expect.stringContaining('cannot be written as JSON'),
      }),
    );
  });

  test('a body nested thousands deep is a contract.parse error, not a RangeError', () => {
    // Regression: parseContract overflowed the stack from about 5,000 levels.
    const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const text = `{"url": "/a", "method": "POST", "examples": {"OK": {"request": {"body": ${deep}}, "response": {"status": 201}}}}`;
    expect(() => parseContract(text, { source: 'deep.json' })).toThrow(
      expect.objectContaining({
        code: 'contract.parse',
        message: expect.stringContaining('deep.json:1:'),
      }),
    );
    expect(() => parseContract(text)).toThrow(/more than 1000 levels deep.*\[json\.too-deep\]/);
    // Deep, but within the limit: read as written.
    const fine = `${'['.repeat(900)}${']'.repeat(900)}`;
    const contract = parseContract(
      `{"url": "/a", "method": "GET", "examples": {"OK": {"response": {"status": 200, "body": ${fine}}}}}`,
    );
    expect(JSON.stringify(contract.examples[0]?.response.body)).toBe(fine);
  });

  test('contractFromObject refuses a document nested too deep, without a RangeError', () => {
    for (const depth of [3_000, 10_000]) {
      const body = JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`);
      expect(() =>
        contractFromObject({ url: '/a', examples: { OK: { response: { status: 200, body } } } }),
      ).toThrow(
        expect.objectContaining({
          code: 'contract.parse',
          message: expect.stringContaining('[json.too-deep]'),
        }),
      );
    }
  });

  test('loadContract and loadContracts refuse a file that is not UTF-8, at its first bad byte', async () => {
    // Regression: Latin-1 bytes were read as U+FFFD and the contract loaded.
    const file = 'fixtures/contracts/broken/latin-1.json';
    const expected = {
      code: 'contract.parse',
      file,
      line: 5,
      message: expect.stringContaining('[json.invalid-utf8]'),
    };
    await expect(loadContract(file)).rejects.toMatchObject(expected);
    await expect(loadContracts([file])).rejects.toMatchObject(expected);
  });
});
