import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type SchemaProblem, validateSchema } from '../../src/contract/validate-schema.js';

// The oracle: ajv compiling spec/abe.schema.json, its errors mapped exactly as validate-schema.ts
// mapped them when it wrapped ajv's generated validator. If the schema changes and the
// hand-written validator does not, the property test below fails.
const schema = JSON.parse(readFileSync('spec/abe.schema.json', 'utf8')) as object;
const ajvValidate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(
  schema,
);

function oracle(document: unknown): SchemaProblem[] {
  if (ajvValidate(document)) return [];
  return (ajvValidate.errors ?? []).filter((error) => error.keyword !== 'if').map(toProblem);
}

function toProblem(error: ErrorObject): SchemaProblem {
  const params = error.params as Record<string, unknown>;
  const at = error.instancePath === '' ? 'the document' : error.instancePath;
  switch (error.keyword) {
    case 'required':
      return {
        pointer: error.instancePath,
        keyword: error.keyword,
        message: `${at} is missing the required property "${String(params.missingProperty)}"`,
      };
    case 'type':
      return {
        pointer: error.instancePath,
        keyword: error.keyword,
        message: `${at} must be ${describeType(params.type)}`,
      };
    case 'pattern':
      return {
        pointer: error.instancePath,
        keyword: error.keyword,
        message:
          params.pattern === '\\S'
            ? `${at} must not be empty`
            : `${at} must match the pattern ${String(params.pattern)}`,
      };
    default:
      return {
        pointer: error.instancePath,
        keyword: error.keyword,
        message: `${at} ${error.message ?? 'is invalid'}`,
      };
  }
}

function describeType(type: unknown): string {
  const types = Array.isArray(type) ? type : String(type).split(',');
  const names = types.map((name) =>
    name === 'object' || name === 'array' || name === 'integer' ? `an ${name}` : `a ${name}`,
  );
  return names.join(' or ');
}

// Documents are generated as JSON text and parsed, as lint sees them: an object is a list of
// entries, so "__proto__" stays an ordinary own key and duplicate keys are possible.
class Obj {
  constructor(readonly entries: readonly (readonly [string, Json])[]) {}
}
/** A number spelled as given (1e400 parses to Infinity, -0 to negative zero). */
class Raw {
  constructor(readonly text: string) {}
}
type Json = null | boolean | number | string | Raw | Obj | readonly Json[];

function serialize(value: Json): string {
  if (value instanceof Raw) return value.text;
  if (value instanceof Obj) {
    return `{${value.entries.map(([key, item]) => `${JSON.stringify(key)}:${serialize(item)}`).join(',')}}`;
  }
  if (Array.isArray(value)) return `[${value.map(serialize).join(',')}]`;
  return JSON.stringify(value);
}

const key = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'valueOf',
    'prototype',
    '~',
    '/',
    'a/b~c',
    '~1',
    '0',
    '7',
    '',
    ' ',
    'url',
    'method',
    'response',
    'status',
    'headers',
  ),
  fc.string({ maxLength: 6 }),
);
const text = fc.oneof(
  fc.constantFrom('', ' ', '\t\n', '\u00a0', '\u2028', '\u3000', '\ufeff', 'x', ' a ', '/users/1'),
  fc.string({ maxLength: 8 }),
);
const oddNumber = fc.oneof(
  fc.constantFrom(
    new Raw('1e400'),
    new Raw('-1e400'),
    new Raw('-0'),
    new Raw('1E2'),
    new Raw('5.99e2'),
    new Raw('200.0'),
    new Raw('99.5'),
    new Raw('599.5'),
    new Raw('600.5'),
  ),
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const { nonsense } = fc.letrec<{ nonsense: Json }>((tie) => ({
  nonsense: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    oddNumber,
    text,
    fc.array(tie('nonsense'), { maxLength: 3 }),
    fc.array(fc.tuple(key, tie('nonsense')), { maxLength: 3 }).map((entries) => new Obj(entries)),
  ),
}));

/** A good value, or when `bad`, sometimes a wrong one of the kind given or any JSON at all. */
function maybe(bad: boolean, good: fc.Arbitrary<Json>, wrong: fc.Arbitrary<Json>) {
  if (!bad) return good;
  return fc.oneof(
    { weight: 3, arbitrary: good },
    { weight: 1, arbitrary: wrong },
    { weight: 1, arbitrary: nonsense },
  );
}

function dictionary(value: fc.Arbitrary<Json>): fc.Arbitrary<Obj> {
  return fc.array(fc.tuple(key, value), { maxLength: 4 }).map((entries) => new Obj(entries));
}

type Field = readonly [name: string, value: fc.Arbitrary<Json>, required?: boolean];

/** An object with these fields (optional ones sometimes left out) and some extra keys. */
function object(bad: boolean, fields: readonly Field[]): fc.Arbitrary<Obj> {
  const present = fields.map(
    ([, value, required]): fc.Arbitrary<Json | undefined> =>
      required && !bad ? value : fc.option(value, { nil: undefined, freq: required ? 8 : 2 }),
  );
  return fc
    .tuple(fc.tuple(...present), fc.array(fc.tuple(key, nonsense), { maxLength: 2 }), fc.boolean())
    .map(([values, extras, reversed]) => {
      const entries: (readonly [string, Json])[] = [];
      fields.forEach(([name], index) => {
        const value = values[index];
        if (value !== undefined) entries.push([name, value]);
      });
      entries.push(...extras);
      return new Obj(reversed ? entries.reverse() : entries);
    });
}

const blank = fc.constantFrom('', ' ', '\t\n', '\u00a0', '\u2028', '\u3000', '\ufeff');
const url = (bad: boolean) =>
  maybe(bad, fc.constantFrom('/users/1', '/a b', ' x ', '/users/[0-9]+', '{id}'), blank);
const method = (bad: boolean) =>
  maybe(
    bad,
    fc.constantFrom('GET', 'post', 'Patch', 'PROPFIND'),
    fc.oneof(fc.constantFrom('', 'GE T', 'GET\n', 'G3T', 'ÄÖ', '-', ' GET'), fc.string()),
  );
const headers = (bad: boolean) =>
  maybe(bad, dictionary(text), dictionary(maybe(bad, text, fc.array(text, { maxLength: 2 }))));
const queryParams = (bad: boolean) => {
  const item = maybe(bad, text, oddNumber);
  return maybe(
    bad,
    dictionary(fc.oneof(text, fc.array(item, { maxLength: 3 }))),
    dictionary(fc.oneof(nonsense, fc.array(nonsense, { maxLength: 3 }))),
  );
};
const status = (bad: boolean) =>
  maybe(
    bad,
    fc.integer({ min: 100, max: 599 }),
    fc.oneof(oddNumber, fc.constantFrom(99, 600, 0, -1, 1000, '200', 200.5)),
  );

function example(bad: boolean): fc.Arbitrary<Json> {
  const request = object(bad, [
    ['url', url(bad)],
    ['method', method(bad)],
    ['queryParams', queryParams(bad)],
    ['headers', headers(bad)],
    ['body', nonsense],
  ]);
  const response = object(bad, [
    ['status', status(bad), true],
    ['headers', headers(bad)],
    ['body', nonsense],
  ]);
  const nonStrict = fc.array(maybe(bad, fc.constantFrom('id', 'owner.url', 'a b'), blank), {
    maxLength: 3,
  });
  return maybe(
    bad,
    object(bad, [
      ['description', maybe(bad, text, oddNumber)],
      ['request', maybe(bad, request, fc.array(request, { maxLength: 1 }))],
      ['response', maybe(bad, response, fc.array(response, { maxLength: 1 })), true],
      ['nonStrict', maybe(bad, nonStrict, dictionary(text))],
    ]),
    fc.constantFrom(null, 'OK', 200),
  );
}

function contract(bad: boolean): fc.Arbitrary<Json> {
  const examples = maybe(
    bad,
    fc.oneof(dictionary(example(bad)), fc.array(example(bad), { maxLength: 4 })),
    fc.constantFrom(null, 'OK', 0),
  );
  return maybe(
    bad,
    object(bad, [
      ['$schema', maybe(bad, fc.constant('../spec/abe.schema.json'), oddNumber)],
      ['description', maybe(bad, text, fc.array(text, { maxLength: 1 }))],
      ['url', url(bad)],
      ['method', method(bad)],
      ['examples', examples, true],
    ]),
    fc.array(nonsense, { maxLength: 2 }),
  );
}

const fixtures = ['valid', 'broken'].flatMap((kind) =>
  readdirSync(`fixtures/contracts/${kind}`).map((name) =>
    readFileSync(`fixtures/contracts/${kind}/${name}`, 'utf8'),
  ),
);

const documentText = fc.oneof(
  { weight: 3, arbitrary: contract(false).map(serialize) },
  { weight: 6, arbitrary: contract(true).map(serialize) },
  { weight: 1, arbitrary: nonsense.map(serialize) },
  { weight: 1, arbitrary: fc.constantFrom(...fixtures) },
);

describe('validateSchema', () => {
  test('reports exactly what ajv reports for spec/abe.schema.json, over generated documents', () => {
    let valid = 0;
    const keywords = new Set<string>();
    fc.assert(
      fc.property(documentText, (source) => {
        let document: unknown;
        try {
          document = JSON.parse(source);
        } catch {
          return; // a broken fixture that is not JSON
        }
        const problems = validateSchema(document);
        expect(problems).toEqual(oracle(document));
        if (problems.length === 0) valid++;
        for (const problem of problems) keywords.add(problem.keyword);
      }),
      { numRuns: 3000 },
    );
    // The generators must reach every kind of problem, and valid documents too.
    expect([...keywords].sort()).toEqual(['maximum', 'minimum', 'pattern', 'required', 'type']);
    expect(valid).toBeGreaterThan(600);
  });

  test('a valid contract has no problems, and the empty list is shared rather than allocated', () => {
    const document = JSON.parse(readFileSync('fixtures/contracts/valid/users-get.json', 'utf8'));
    const first = validateSchema(document);
    expect(first).toEqual([]);
    expect(validateSchema(document)).toBe(first);
  });

  test('a document that is not an object is one type problem at the document', () => {
    expect(validateSchema([])).toEqual([
      { pointer: '', keyword: 'type', message: 'the document must be an object' },
    ]);
  });

  test('problems come in schema order, with the messages lint shows', () => {
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
        },
      }),
    );
    const at = '/examples/a~1b~0c';
    expect(
      validateSchema(document).map(({ pointer, keyword, message }) => [pointer, keyword, message]),
    ).toEqual([
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
    ]);
  });

  test('missing required properties are reported where they are missing', () => {
    expect(validateSchema({ url: '/x' })).toEqual([
      {
        pointer: '',
        keyword: 'required',
        message: 'the document is missing the required property "examples"',
      },
    ]);
    expect(
      validateSchema({ examples: [{}, { response: { status: 700 } }, { response: {} }] }),
    ).toEqual([
      {
        pointer: '/examples/0',
        keyword: 'required',
        message: '/examples/0 is missing the required property "response"',
      },
      {
        pointer: '/examples/1/response/status',
        keyword: 'maximum',
        message: '/examples/1/response/status must be <= 599',
      },
      {
        pointer: '/examples/2/response',
        keyword: 'required',
        message: '/examples/2/response is missing the required property "status"',
      },
    ]);
  });

  test('"__proto__" and "constructor" labels are examples like any other', () => {
    const document = JSON.parse(
      '{"examples": {"__proto__": {"response": {"status": 1}}, "constructor": 5, "toString": {"response": {"status": 200}}}}',
    );
    expect(validateSchema(document)).toEqual([
      {
        pointer: '/examples/__proto__/response/status',
        keyword: 'minimum',
        message: '/examples/__proto__/response/status must be >= 100',
      },
      {
        pointer: '/examples/constructor',
        keyword: 'type',
        message: '/examples/constructor must be an object',
      },
    ]);
    expect(validateSchema(document)).toEqual(oracle(document));
  });

  test('inherited properties are not read, unlike ajv (JSON.parse never makes any)', () => {
    const inherited = Object.create({ examples: {}, url: 5 }) as object;
    expect(validateSchema(inherited)).toEqual([
      {
        pointer: '',
        keyword: 'required',
        message: 'the document is missing the required property "examples"',
      },
    ]);
    expect(oracle(inherited)).toEqual([
      { pointer: '/url', keyword: 'type', message: '/url must be a string' },
    ]);
    const examples = Object.create({ inheritedLabel: 5 }) as Record<string, unknown>;
    examples.OK = { response: { status: 200 } };
    expect(validateSchema({ examples })).toEqual([]);
  });
});
