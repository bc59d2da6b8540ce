// The workload of bench/mock, written three ways: 20 ABE files of 3 examples each (for abe
// mock), the OpenAPI 3 document with the same examples (for Prism), and a json-server
// database with the same "OK" bodies (json-server cannot express the other two examples).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const ENDPOINTS = 20;
export const TOKEN = 'Bearer bench-token';

/** A realistic item of service `service`, about 0.7 KB as JSON. */
export function item(service) {
  return {
    id: 1,
    sku: `SVC${service}-ITEM-0001`,
    name: `Trail backpack 28 L, service ${service}`,
    description:
      'Water-resistant 28 litre day pack with a padded laptop sleeve, a hip belt with two zip pockets and a rain cover stowed in the base.',
    price: { amount: 8950, currency: 'EUR', vatRate: 0.21, discounted: false },
    stock: { available: 42, reserved: 3, warehouse: 'AMS-2', restockDate: null },
    tags: ['outdoor', 'hiking', 'bags', 'bestseller'],
    dimensions: { widthMm: 300, heightMm: 480, depthMm: 200, weightG: 950 },
    owner: { id: 7, username: 'alice', url: '/users/7' },
    rating: { average: 4.6, count: 128 },
    createdAt: '2026-01-15T09:30:00Z',
    updatedAt: '2026-11-02T17:45:12Z',
    links: {
      self: `/svc${service}/items/1`,
      reviews: `/svc${service}/items/1/reviews`,
      images: `/svc${service}/items/1/images`,
    },
  };
}

const NOT_FOUND = { detail: 'Not found.', code: 'item.not-found' };
const UNAUTHENTICATED = { detail: 'Sign in first.', code: 'auth.required' };
const JSON_HEADERS = { 'Content-Type': 'application/json' };

/** The request every tool is loaded with, in a fixed rotation: the "OK" path of each endpoint. */
export function okRequests() {
  return Array.from({ length: ENDPOINTS }, (_, service) => ({
    method: 'GET',
    path: `/svc${service}/items/1`,
    headers: { authorization: TOKEN, accept: 'application/json' },
    body: item(service),
  }));
}

function abeContract(service) {
  const base = `/svc${service}/items`;
  return {
    description: `Retrieve an item of service ${service}`,
    url: `${base}/[0-9]+`,
    method: 'GET',
    examples: {
      // The header condition: with the token the item, without it 401 ("unauthenticated").
      OK: {
        request: { url: `${base}/1`, headers: { Authorization: TOKEN } },
        response: { status: 200, headers: JSON_HEADERS, body: item(service) },
      },
      'not found': {
        request: { url: `${base}/9`, headers: { Authorization: TOKEN } },
        response: { status: 404, headers: JSON_HEADERS, body: NOT_FOUND },
      },
      unauthenticated: {
        request: { url: `${base}/1` },
        response: { status: 401, headers: JSON_HEADERS, body: UNAUTHENTICATED },
      },
    },
  };
}

// A JSON Schema of a value's shape, so that the OpenAPI document is the kind Prism is given in
// practice (Prism validates requests and, in static mode, answers with the examples).
function schemaOf(value) {
  if (value === null) return { nullable: true };
  if (Array.isArray(value)) return { type: 'array', items: schemaOf(value[0]) };
  if (typeof value === 'object') {
    const properties = {};
    for (const [key, inner] of Object.entries(value)) properties[key] = schemaOf(inner);
    return { type: 'object', required: Object.keys(value), properties };
  }
  if (typeof value === 'number') return { type: Number.isInteger(value) ? 'integer' : 'number' };
  return { type: typeof value };
}

function jsonResponse(description, label, body, schema) {
  return {
    description,
    content: { 'application/json': { schema, examples: { [label]: { value: body } } } },
  };
}

function openApiDocument() {
  const paths = {};
  const problem = { $ref: '#/components/schemas/Problem' };
  for (let service = 0; service < ENDPOINTS; service += 1) {
    paths[`/svc${service}/items/{id}`] = {
      get: {
        operationId: `getItem${service}`,
        summary: `Retrieve an item of service ${service}`,
        security: [{ bearer: [] }],
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
        ],
        responses: {
          200: jsonResponse('OK', 'OK', item(service), { $ref: '#/components/schemas/Item' }),
          401: jsonResponse('unauthenticated', 'unauthenticated', UNAUTHENTICATED, problem),
          404: jsonResponse('not found', 'not found', NOT_FOUND, problem),
        },
      },
    };
  }
  return {
    openapi: '3.0.3',
    info: { title: 'bench/mock: 20 services', version: '1.0.0' },
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Item: schemaOf(item(0)), Problem: schemaOf(NOT_FOUND) },
    },
  };
}

/**
 * Writes the workload below `work` and returns where each tool's input is:
 * `contracts/` (ABE), `openapi.json` (Prism), `db.json` + `routes.json` (json-server).
 */
export function writeMockWorkload(work) {
  const contracts = join(work, 'contracts');
  mkdirSync(contracts, { recursive: true });
  for (let service = 0; service < ENDPOINTS; service += 1) {
    writeFileSync(
      join(contracts, `svc${String(service).padStart(2, '0')}-items.json`),
      `${JSON.stringify(abeContract(service), null, 2)}\n`,
    );
  }
  // OpenAPI is a superset of JSON for YAML readers; Prism reads a .json document as well.
  const openapi = join(work, 'openapi.json');
  writeFileSync(openapi, `${JSON.stringify(openApiDocument(), null, 2)}\n`);
  // json-server: one collection per service, rewritten from the same URL the others serve.
  const db = {};
  for (let service = 0; service < ENDPOINTS; service += 1) db[`svc${service}`] = [item(service)];
  const database = join(work, 'db.json');
  writeFileSync(database, `${JSON.stringify(db, null, 2)}\n`);
  const routes = join(work, 'routes.json');
  writeFileSync(routes, `${JSON.stringify({ '/:service/items/:id': '/:service/:id' }, null, 2)}\n`);
  return { contracts, openapi, database, routes };
}
