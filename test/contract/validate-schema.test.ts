import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { type SchemaProblem, validateSchema } from '../../src/contract/validate-schema.js';

// validateSchema is ajv's code for spec/abe.schema.json; what is tested here is what abe makes of
// ajv's errors: which problems, at which pointer, with which keyword and message. lint maps
// minimum/maximum at a status and pattern at a method to codes of its own, so those matter too.

const repo = fileURLToPath(new URL('../../', import.meta.url));
const realAbe = join(repo, 'fixtures/real-abe');
const validFixtures = join(repo, 'fixtures/contracts/valid');

/** The problems as [pointer, keyword, message] rows, which read better in a failure. */
function rows(document: unknown): [string, string, string][] {
  return validateSchema(document).map(({ pointer, keyword, message }) => [
    pointer,
    keyword,
    message,
  ]);
}

/** A contract with one example, OK, whose request and response are as given. */
function withExample(example: Record<string, unknown>): unknown {
  return { url: '/users/1', method: 'GET', examples: { OK: example } };
}

function withStatus(status: unknown): unknown {
  return withExample({ response: { status } });
}

const OK = '/examples/OK';

describe('validateSchema', () => {
  test('a valid contract has no problems: the same frozen empty list every time', () => {
    const document = JSON.parse(readFileSync(join(validFixtures, 'users-get.json'), 'utf8'));
    const problems = validateSchema(document);
    expect(problems).toEqual([]);
    expect(Object.isFrozen(problems)).toBe(true);
    expect(validateSchema(withStatus(200))).toBe(problems);
  });

  test('a document without "examples" is missing it at the document', () => {
    expect(validateSchema({ url: '/x' })).toEqual<SchemaProblem[]>([
      {
        pointer: '',
        keyword: 'required',
        message: 'the document is missing the required property "examples"',
      },
    ]);
  });

  test('an example without "response" is missing it at the example', () => {
    expect(rows(withExample({ request: { url: '/users/1' } }))).toEqual([
      [OK, 'required', `${OK} is missing the required property "response"`],
    ]);
    expect(rows({ examples: [{ response: { status: 200 } }, {}] })).toEqual([
      ['/examples/1', 'required', '/examples/1 is missing the required property "response"'],
    ]);
  });

  test('a response without "status" is missing it at the response', () => {
    expect(rows(withExample({ response: { body: { id: 1 } } }))).toEqual([
      [`${OK}/response`, 'required', `${OK}/response is missing the required property "status"`],
    ]);
  });

  test('a document that is not an object is one type problem at the document', () => {
    for (const document of [[], null, 'OK', 200]) {
      expect(rows(document)).toEqual([['', 'type', 'the document must be an object']]);
    }
  });

  test('a value of the wrong type is reported where it is, saying in words what it must be', () => {
    const document = {
      $schema: 1,
      description: ['x'],
      url: 5,
      method: 7,
      examples: {
        a: null,
        b: { description: 2, request: [], response: 'OK', nonStrict: { id: 'x' } },
        c: {
          request: { url: false, method: [], queryParams: 'q=1', headers: [] },
          response: { status: '200', headers: { 'X-N': 1 } },
          nonStrict: [3],
        },
      },
    };
    expect(rows(document)).toEqual([
      ['/$schema', 'type', '/$schema must be a string'],
      ['/description', 'type', '/description must be a string'],
      ['/url', 'type', '/url must be a string'],
      ['/method', 'type', '/method must be a string'],
      ['/examples/a', 'type', '/examples/a must be an object'],
      ['/examples/b/description', 'type', '/examples/b/description must be a string'],
      ['/examples/b/request', 'type', '/examples/b/request must be an object'],
      ['/examples/b/response', 'type', '/examples/b/response must be an object'],
      ['/examples/b/nonStrict', 'type', '/examples/b/nonStrict must be an array'],
      ['/examples/c/request/url', 'type', '/examples/c/request/url must be a string'],
      ['/examples/c/request/method', 'type', '/examples/c/request/method must be a string'],
      [
        '/examples/c/request/queryParams',
        'type',
        '/examples/c/request/queryParams must be an object',
      ],
      ['/examples/c/request/headers', 'type', '/examples/c/request/headers must be an object'],
      ['/examples/c/response/status', 'type', '/examples/c/response/status must be an integer'],
      [
        '/examples/c/response/headers/X-N',
        'type',
        '/examples/c/response/headers/X-N must be a string',
      ],
      ['/examples/c/nonStrict/0', 'type', '/examples/c/nonStrict/0 must be a string'],
    ]);
  });

  test('"examples" must be an object or an array, and either kind is validated', () => {
    for (const examples of ['OK', 0, null, true]) {
      expect(rows({ examples })).toEqual([
        ['/examples', 'type', '/examples must be an object or an array'],
      ]);
    }
    expect(
      rows({ examples: [{ response: { status: 200 } }, { response: { status: 99 } }] }),
    ).toEqual([
      ['/examples/1/response/status', 'minimum', '/examples/1/response/status must be >= 100'],
    ]);
    expect(rows({ examples: { OK: { response: { status: 200 } }, bad: 1 } })).toEqual([
      ['/examples/bad', 'type', '/examples/bad must be an object'],
    ]);
  });

  test('a query parameter must be a string or an array of strings', () => {
    const query = (queryParams: unknown) =>
      withExample({ request: { queryParams }, response: { status: 200 } });
    const at = `${OK}/request/queryParams`;
    expect(rows(query({ q: 'x', tag: ['a', 'b'], none: [] }))).toEqual([]);
    expect(rows(query({ q: 3, flag: null, tag: ['a', 2] }))).toEqual([
      [`${at}/q`, 'type', `${at}/q must be a string or an array`],
      [`${at}/flag`, 'type', `${at}/flag must be a string or an array`],
      [`${at}/tag/1`, 'type', `${at}/tag/1 must be a string`],
    ]);
  });

  test('a blank url, request url or nonStrict entry "must not be empty"', () => {
    const document = {
      url: ' ',
      examples: {
        OK: {
          request: { url: '' },
          response: { status: 200 },
          nonStrict: ['id', '\t\n', '\u00a0'],
        },
      },
    };
    expect(rows(document)).toEqual([
      ['/url', 'pattern', '/url must not be empty'],
      [`${OK}/request/url`, 'pattern', `${OK}/request/url must not be empty`],
      [`${OK}/nonStrict/1`, 'pattern', `${OK}/nonStrict/1 must not be empty`],
      [`${OK}/nonStrict/2`, 'pattern', `${OK}/nonStrict/2 must not be empty`],
    ]);
  });

  test('a method that is not all letters must match the pattern, at the endpoint or in a request', () => {
    const document = {
      method: 'GE T',
      examples: {
        OK: { request: { method: 'G3T' }, response: { status: 200 } },
        other: { request: { method: 'propfind' }, response: { status: 200 } },
      },
    };
    expect(rows(document)).toEqual([
      ['/method', 'pattern', '/method must match the pattern ^[A-Za-z]+$'],
      [
        `${OK}/request/method`,
        'pattern',
        `${OK}/request/method must match the pattern ^[A-Za-z]+$`,
      ],
    ]);
  });

  test('a status above 599 breaks the maximum, and one below 100 the minimum', () => {
    const at = `${OK}/response/status`;
    expect(rows(withStatus(600))).toEqual([[at, 'maximum', `${at} must be <= 599`]]);
    expect(rows(withStatus(99))).toEqual([[at, 'minimum', `${at} must be >= 100`]]);
    expect(rows(withStatus(-1))).toEqual([[at, 'minimum', `${at} must be >= 100`]]);
    expect(rows(withStatus(100))).toEqual([]);
    expect(rows(withStatus(599))).toEqual([]);
  });

  test('a status that is not an integer is a type problem, and a range problem too when it is a number out of range', () => {
    const at = `${OK}/response/status`;
    const integer: [string, string, string] = [at, 'type', `${at} must be an integer`];
    expect(rows(withStatus(99.5))).toEqual([integer, [at, 'minimum', `${at} must be >= 100`]]);
    expect(rows(withStatus(599.5))).toEqual([integer, [at, 'maximum', `${at} must be <= 599`]]);
    expect(rows(withStatus(200.5))).toEqual([integer]);
    expect(rows(withStatus('700'))).toEqual([integer]);
    // JSON.parse reads 1e400 as Infinity: not an integer, and no range is checked for it.
    expect(rows(JSON.parse('{"examples": {"OK": {"response": {"status": 1e400}}}}'))).toEqual([
      integer,
    ]);
  });

  test('every problem of a document is reported at once, in the order of the schema', () => {
    const document = JSON.parse(
      JSON.stringify({
        url: ' ',
        method: 'GE T',
        examples: {
          'a/b~c': {
            description: 1,
            request: { url: '', method: 7, queryParams: { tag: ['a', 2], q: 3 }, headers: [] },
            response: { status: 99.5, headers: { 'X-N': 1 } },
            nonStrict: ['id', '\t'],
          },
          missing: {},
        },
      }),
    );
    // The label's "/" and "~" are escaped in pointers, as JSON Pointer says.
    const at = '/examples/a~1b~0c';
    expect(rows(document)).toEqual([
      ['/url', 'pattern', '/url must not be empty'],
      ['/method', 'pattern', '/method must match the pattern ^[A-Za-z]+$'],
      [`${at}/description`, 'type', `${at}/description must be a string`],
      [`${at}/request/url`, 'pattern', `${at}/request/url must not be empty`],
      [`${at}/request/method`, 'type', `${at}/request/method must be a string`],
      [
        `${at}/request/queryParams/tag/1`,
        'type',
        `${at}/request/queryParams/tag/1 must be a string`,
      ],
      [
        `${at}/request/queryParams/q`,
        'type',
        `${at}/request/queryParams/q must be a string or an array`,
      ],
      [`${at}/request/headers`, 'type', `${at}/request/headers must be an object`],
      [`${at}/response/status`, 'type', `${at}/response/status must be an integer`],
      [`${at}/response/status`, 'minimum', `${at}/response/status must be >= 100`],
      [`${at}/response/headers/X-N`, 'type', `${at}/response/headers/X-N must be a string`],
      [`${at}/nonStrict/1`, 'pattern', `${at}/nonStrict/1 must not be empty`],
      [
        '/examples/missing',
        'required',
        '/examples/missing is missing the required property "response"',
      ],
    ]);
  });

  test('"__proto__" is an ordinary key, as JSON.parse makes it: validated like any other, polluting nothing', () => {
    const before = Object.getOwnPropertyNames(Object.prototype);
    // At the top, a "__proto__" holding examples does not give the document any.
    expect(rows(JSON.parse('{"__proto__": {"examples": {}}}'))).toEqual([
      ['', 'required', 'the document is missing the required property "examples"'],
    ]);
    // As a label, it is an example like any other; so are "constructor" and "toString".
    const labels = JSON.parse(
      '{"examples": {"__proto__": {"response": {"status": 1}}, "constructor": 5, "toString": {"response": {"status": 200}}}}',
    );
    expect(rows(labels)).toEqual([
      [
        '/examples/__proto__/response/status',
        'minimum',
        '/examples/__proto__/response/status must be >= 100',
      ],
      ['/examples/constructor', 'type', '/examples/constructor must be an object'],
    ]);
    expect(Object.getOwnPropertyNames(Object.prototype)).toEqual(before);
    const fresh: Record<string, unknown> = {};
    expect([fresh.examples, fresh.response, fresh.status]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  test("the real ABE files of other projects validate, but for abe-python's example without a response", () => {
    const found: Record<string, string[]> = {};
    for (const file of readdirSync(realAbe, { recursive: true, encoding: 'utf8' }).sort()) {
      if (!file.endsWith('.json')) continue;
      const text = readFileSync(join(realAbe, file), 'utf8');
      let document: unknown;
      try {
        document = JSON.parse(text);
      } catch {
        found[file] = ['not JSON'];
        continue;
      }
      found[file] = validateSchema(document).map((problem) => problem.message);
    }
    expect(Object.keys(found)).toHaveLength(23);
    expect(Object.entries(found).filter(([, messages]) => messages.length > 0)).toEqual([
      [
        'abe-python/inline/TestAssertMatchesRequest.setUp.json',
        ['/examples/OK is missing the required property "response"'],
      ],
      // A missing comma, fixed upstream; lint reports it as a syntax error before the schema.
      ['abe-spec/history/samples-basic-post.pre-lintfix.json', ['not JSON']],
    ]);
  });

  test('the valid contract fixtures have no problems', () => {
    const files = readdirSync(validFixtures).filter((file) => file.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const document = JSON.parse(readFileSync(join(validFixtures, file), 'utf8'));
      expect([file, validateSchema(document)]).toEqual([file, []]);
    }
  });
});
