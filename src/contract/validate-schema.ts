// A hand-written validator of exactly spec/abe.schema.json. It replaced ajv's generated code
// because that allocated ~1.3 KB per valid contract (option objects per nested call, pointer
// strings per key), and garbage collection dominated `abe lint` over thousands of files: this
// one allocates nothing for a valid document and builds pointers only when it reports.
//
// It is kept honest by validate-schema.test.ts, which compiles the schema with ajv and checks
// that both report the same problems for thousands of generated documents. When the schema
// changes, that test fails until this file is changed to match.
//
// One deliberate difference from ajv: only own properties count. ajv reads `data.url` and walks
// `for…in`, so it also sees inherited (prototype) properties; JSON.parse never makes any, but an
// object handed to contractFromObject can have them, and a polluted Object.prototype would add
// them to every object.

import { toPointer } from '../core/json-pointer.js';

export interface SchemaProblem {
  readonly pointer: string;
  readonly keyword: string;
  readonly message: string;
}

/** One step of a pointer below /examples: an object key or an array index. */
type Segment = string | number;
type Found = SchemaProblem[] | null;
type JsonObject = Record<string, unknown>;

const NON_BLANK = /\S/u;
const METHOD = /^[A-Za-z]+$/u;
const METHOD_SOURCE = '^[A-Za-z]+$';
/** The label of the endpoint itself, whose url and method sit at the top of the document. */
const TOP = null;
const NO_PROBLEMS: readonly SchemaProblem[] = Object.freeze([]);

/**
 * Validates a parsed document against spec/abe.schema.json, returning every problem (an empty,
 * frozen, shared list when there is none).
 *
 * @example
 * validateSchema({ examples: { OK: { response: { status: 700 } } } });
 * // [{ pointer: '/examples/OK/response/status', keyword: 'maximum',
 * //    message: '/examples/OK/response/status must be <= 599' }]
 */
export function validateSchema(document: unknown): readonly SchemaProblem[] {
  if (!isObject(document)) return addType(null, '', 'an object');
  let found: Found = null;
  const examples = own(document, 'examples');
  if (examples === undefined) found = add(found, '', 'required', missing('', 'examples'));
  found = checkString(found, own(document, '$schema'), '/$schema');
  found = checkString(found, own(document, 'description'), '/description');
  found = checkUrl(found, own(document, 'url'), TOP);
  found = checkMethod(found, own(document, 'method'), TOP);
  if (examples !== undefined) {
    if (Array.isArray(examples)) {
      for (let index = 0; index < examples.length; index++) {
        found = checkExample(found, examples[index], index);
      }
    } else if (isObject(examples)) {
      for (const label in examples) {
        if (Object.hasOwn(examples, label)) found = checkExample(found, examples[label], label);
      }
    } else {
      found = addType(found, '/examples', 'an object or an array');
    }
  }
  return found ?? NO_PROBLEMS;
}

function checkExample(found: Found, example: unknown, label: Segment): Found {
  if (!isObject(example)) return addType(found, pointer([label]), 'an object');
  const response = own(example, 'response');
  if (response === undefined) {
    const at = pointer([label]);
    found = add(found, at, 'required', missing(at, 'response'));
  }
  const description = own(example, 'description');
  if (description !== undefined && typeof description !== 'string') {
    found = addType(found, pointer([label, 'description']), 'a string');
  }
  const request = own(example, 'request');
  if (request !== undefined) found = checkRequest(found, request, label);
  if (response !== undefined) found = checkResponse(found, response, label);
  const nonStrict = own(example, 'nonStrict');
  if (nonStrict !== undefined) {
    if (!Array.isArray(nonStrict)) return addType(found, pointer([label, 'nonStrict']), 'an array');
    for (let index = 0; index < nonStrict.length; index++) {
      const path: unknown = nonStrict[index];
      if (typeof path !== 'string') {
        found = addType(found, pointer([label, 'nonStrict', index]), 'a string');
      } else if (!NON_BLANK.test(path)) {
        found = addBlank(found, pointer([label, 'nonStrict', index]));
      }
    }
  }
  return found;
}

function checkRequest(found: Found, request: unknown, label: Segment): Found {
  if (!isObject(request)) return addType(found, pointer([label, 'request']), 'an object');
  found = checkUrl(found, own(request, 'url'), label);
  found = checkMethod(found, own(request, 'method'), label);
  const queryParams = own(request, 'queryParams');
  if (queryParams !== undefined) {
    if (!isObject(queryParams)) {
      found = addType(found, pointer([label, 'request', 'queryParams']), 'an object');
    } else {
      for (const name in queryParams) {
        if (!Object.hasOwn(queryParams, name)) continue;
        const value = queryParams[name];
        if (typeof value === 'string') continue;
        if (!Array.isArray(value)) {
          found = addType(
            found,
            pointer([label, 'request', 'queryParams', name]),
            'a string or an array',
          );
          continue;
        }
        for (let index = 0; index < value.length; index++) {
          if (typeof value[index] !== 'string') {
            found = addType(
              found,
              pointer([label, 'request', 'queryParams', name, index]),
              'a string',
            );
          }
        }
      }
    }
  }
  const headers = own(request, 'headers');
  if (headers !== undefined) found = checkHeaders(found, headers, label, 'request');
  return found;
}

function checkResponse(found: Found, response: unknown, label: Segment): Found {
  if (!isObject(response)) return addType(found, pointer([label, 'response']), 'an object');
  const status = own(response, 'status');
  if (status === undefined) {
    const at = pointer([label, 'response']);
    found = add(found, at, 'required', missing(at, 'status'));
  } else if (typeof status !== 'number') {
    found = addType(found, pointer([label, 'response', 'status']), 'an integer');
  } else {
    // As ajv: a non-integer is a type problem and, when finite, a range problem too.
    if (!Number.isInteger(status)) {
      found = addType(found, pointer([label, 'response', 'status']), 'an integer');
    }
    if (Number.isFinite(status)) {
      if (status > 599) found = addLimit(found, label, 'maximum', '<= 599');
      if (status < 100) found = addLimit(found, label, 'minimum', '>= 100');
    }
  }
  const headers = own(response, 'headers');
  if (headers !== undefined) found = checkHeaders(found, headers, label, 'response');
  return found;
}

function checkHeaders(
  found: Found,
  headers: unknown,
  label: Segment,
  part: 'request' | 'response',
): Found {
  if (!isObject(headers)) return addType(found, pointer([label, part, 'headers']), 'an object');
  for (const name in headers) {
    if (Object.hasOwn(headers, name) && typeof headers[name] !== 'string') {
      found = addType(found, pointer([label, part, 'headers', name]), 'a string');
    }
  }
  return found;
}

/** Checks an optional string; `value` is undefined when the property is absent. */
function checkString(found: Found, value: unknown, at: string): Found {
  return value === undefined || typeof value === 'string' ? found : addType(found, at, 'a string');
}

/** Checks an optional non-blank URL, of the endpoint (TOP) or of the example with this label. */
function checkUrl(found: Found, value: unknown, label: Segment | typeof TOP): Found {
  if (value === undefined || (typeof value === 'string' && NON_BLANK.test(value))) return found;
  const at = label === TOP ? '/url' : pointer([label, 'request', 'url']);
  return typeof value === 'string' ? addBlank(found, at) : addType(found, at, 'a string');
}

/** Checks an optional method, of the endpoint (TOP) or of the example with this label. */
function checkMethod(found: Found, value: unknown, label: Segment | typeof TOP): Found {
  if (value === undefined || (typeof value === 'string' && METHOD.test(value))) return found;
  const at = label === TOP ? '/method' : pointer([label, 'request', 'method']);
  if (typeof value !== 'string') return addType(found, at, 'a string');
  return add(found, at, 'pattern', `${at} must match the pattern ${METHOD_SOURCE}`);
}

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** An own property's value; undefined when absent or inherited (ajv would see inherited ones). */
function own(object: JsonObject, key: string): unknown {
  const value = object[key];
  return value !== undefined && Object.hasOwn(object, key) ? value : undefined;
}

/** The JSON pointer of a place inside the example with this label (or array index). */
function pointer(segments: readonly Segment[]): string {
  return toPointer('/examples', segments);
}

function add(found: Found, at: string, keyword: string, message: string): SchemaProblem[] {
  const problem: SchemaProblem = { pointer: at, keyword, message };
  if (found === null) return [problem];
  found.push(problem);
  return found;
}

function addType(found: Found, at: string, expected: string): SchemaProblem[] {
  return add(found, at, 'type', `${where(at)} must be ${expected}`);
}

function addBlank(found: Found, at: string): SchemaProblem[] {
  return add(found, at, 'pattern', `${at} must not be empty`);
}

function addLimit(found: Found, label: Segment, keyword: string, limit: string): SchemaProblem[] {
  const at = pointer([label, 'response', 'status']);
  return add(found, at, keyword, `${at} must be ${limit}`);
}

function missing(at: string, property: string): string {
  return `${where(at)} is missing the required property "${property}"`;
}

function where(at: string): string {
  return at === '' ? 'the document' : at;
}
