// The workload of bench/verify: 50 request/response pairs (25 endpoints × 2 examples: GETs with
// a header or a query condition, GETs with a 404, POSTs with JSON bodies), written three ways:
// ABE files for abe verify, an OpenAPI 2 document (with a hooks file) for Dredd, and a Pact file
// for Pact's provider verifier.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cart, item, NOT_FOUND } from './shop-data.js';

export const ENDPOINTS = 25;
const JSON_TYPE = 'application/json';
const EXPRESS_JSON_TYPE = 'application/json; charset=utf-8';

function get(label, path, { query = {}, headers = {} } = {}, status, body) {
  return { label, request: { method: 'GET', path, query, headers }, response: { status, body } };
}

function post(label, path, requestBody, status, body) {
  return {
    label,
    request: {
      method: 'POST',
      path,
      query: {},
      headers: { 'Content-Type': JSON_TYPE },
      body: requestBody,
    },
    response: { status, body },
  };
}

/** The 25 endpoints, each `{ method, url, examples: [...] }` with 2 examples. */
export function endpoints() {
  const out = [];
  for (let shop = 0; shop < ENDPOINTS; shop += 1) {
    const base = `/shop${shop}`;
    if (shop < 15) {
      out.push({
        method: 'GET',
        url: `${base}/items/[0-9]+`,
        examples: [
          get('item 1 for a tenant', `${base}/items/1`, { headers: { 'X-Tenant': 'acme' } }, 200, {
            ...item(shop, 1, { tenant: 'acme' }),
          }),
          get(
            'item 2, verbose',
            `${base}/items/2`,
            { query: { verbose: '1' } },
            200,
            item(shop, 2, { verbose: true }),
          ),
        ],
      });
    } else if (shop < 20) {
      out.push({
        method: 'GET',
        url: `${base}/items/[0-9]+`,
        examples: [
          get('OK', `${base}/items/3`, {}, 200, item(shop, 3)),
          get('not found', `${base}/items/999`, {}, 404, NOT_FOUND),
        ],
      });
    } else {
      const one = { sku: 'SKU-1', quantity: 1 };
      const three = { sku: 'SKU-2', quantity: 3 };
      out.push({
        method: 'POST',
        url: `${base}/carts/[0-9]+/items`,
        examples: [
          post('add one', `${base}/carts/1/items`, one, 201, cart(shop, 1, one)),
          post('add three', `${base}/carts/2/items`, three, 201, cart(shop, 2, three)),
        ],
      });
    }
  }
  return out;
}

function abeContract(endpoint) {
  const examples = {};
  for (const { label, request, response } of endpoint.examples) {
    examples[label] = {
      request: {
        url: request.path,
        ...(Object.keys(request.query).length > 0 ? { queryParams: request.query } : {}),
        ...(Object.keys(request.headers).length > 0 ? { headers: request.headers } : {}),
        ...(request.body !== undefined ? { body: request.body } : {}),
      },
      response: {
        status: response.status,
        headers: { 'Content-Type': JSON_TYPE },
        body: response.body,
      },
    };
  }
  return { url: endpoint.url, method: endpoint.method, examples };
}

// OpenAPI 2 holds one request per operation and one example per status, so each example is
// an operation on its own literal path (Dredd makes one transaction of each).
function swaggerDocument(all) {
  const paths = {};
  for (const endpoint of all) {
    for (const { label, request, response } of endpoint.examples) {
      const parameters = [];
      for (const [name, value] of Object.entries(request.query)) {
        parameters.push({ name, in: 'query', required: true, type: 'string', 'x-example': value });
      }
      for (const [name, value] of Object.entries(request.headers)) {
        if (name.toLowerCase() === 'content-type') continue;
        parameters.push({ name, in: 'header', required: true, type: 'string', 'x-example': value });
      }
      if (request.body !== undefined) {
        parameters.push({
          name: 'body',
          in: 'body',
          required: true,
          schema: { type: 'object', example: request.body },
        });
      }
      paths[request.path] = {
        [request.method.toLowerCase()]: {
          summary: label,
          ...(request.body !== undefined ? { consumes: [JSON_TYPE] } : {}),
          // Dredd compares Content-Type with `produces` as a whole string, parameters included.
          produces: [EXPRESS_JSON_TYPE],
          parameters,
          responses: {
            [response.status]: {
              description: label,
              examples: { [EXPRESS_JSON_TYPE]: response.body },
            },
          },
        },
      };
    }
  }
  return { swagger: '2.0', info: { title: 'bench/verify shop', version: '1.0.0' }, paths };
}

// Dredd tests only 2xx responses of an OpenAPI 2 document unless a hook un-skips the others
// (the 5 "not found" examples).
const DREDD_HOOKS = `const hooks = require('hooks');

hooks.beforeEach((transaction, done) => {
  transaction.skip = false;
  done();
});
`;

function pactFile(all) {
  const interactions = [];
  for (const endpoint of all) {
    for (const { label, request, response } of endpoint.examples) {
      interactions.push({
        description: `${endpoint.method} ${endpoint.url}: ${label}`,
        request: {
          method: request.method,
          path: request.path,
          ...(Object.keys(request.query).length > 0
            ? {
                query: Object.fromEntries(
                  Object.entries(request.query).map(([key, value]) => [key, [value]]),
                ),
              }
            : {}),
          ...(Object.keys(request.headers).length > 0 ? { headers: request.headers } : {}),
          ...(request.body !== undefined ? { body: request.body } : {}),
        },
        response: {
          status: response.status,
          headers: { 'Content-Type': JSON_TYPE },
          body: response.body,
        },
      });
    }
  }
  return {
    consumer: { name: 'bench-consumer' },
    provider: { name: 'bench-shop' },
    interactions,
    metadata: { pactSpecification: { version: '3.0.0' } },
  };
}

/**
 * Writes the workload below `work`: `contracts/` (ABE), `swagger.json` + `dredd-hooks.cjs`
 * (Dredd), `pact.json` (Pact). Returns the paths and the number of examples.
 */
export function writeVerifyWorkload(work) {
  const all = endpoints();
  const contracts = join(work, 'contracts');
  mkdirSync(contracts, { recursive: true });
  all.forEach((endpoint, index) => {
    writeFileSync(
      join(contracts, `shop${String(index).padStart(2, '0')}.json`),
      `${JSON.stringify(abeContract(endpoint), null, 2)}\n`,
    );
  });
  const swagger = join(work, 'swagger.json');
  writeFileSync(swagger, `${JSON.stringify(swaggerDocument(all), null, 2)}\n`);
  const hooks = join(work, 'dredd-hooks.cjs');
  writeFileSync(hooks, DREDD_HOOKS);
  const pact = join(work, 'pact.json');
  writeFileSync(pact, `${JSON.stringify(pactFile(all), null, 2)}\n`);
  const examples = all.reduce((sum, endpoint) => sum + endpoint.examples.length, 0);
  return { contracts, swagger, hooks, pact, examples };
}
