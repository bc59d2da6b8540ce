import { existsSync } from 'node:fs';
import { join, posix } from 'node:path';

/** Where the example contract goes, relative to its component's path. */
export const EXAMPLE_CONTRACT = 'contracts/example/get.json';

/** The schema inside an installed abe-ts, relative to a node_modules directory's parent. */
const INSTALLED_SCHEMA = 'node_modules/abe-ts/spec/abe.schema.json';

/**
 * The example contract: one endpoint with a URL pattern and two labelled examples, valid for
 * `abe lint`, pointing `$schema` at the installed package's schema for editor help, and
 * saying in its description that it is there to be replaced.
 *
 * @example
 * renderExampleContract('api', '../../node_modules/abe-ts/spec/abe.schema.json');
 * // '{\n  "$schema": "../../node_modules/abe-ts/spec/abe.schema.json",\n  "description": …'
 */
export function renderExampleContract(component: string, schema: string): string {
  const description = `An example endpoint of ${component}, written by abe init: replace it with a real endpoint of ${component} (one file per endpoint; the format is node_modules/abe-ts/spec/README.md).`;
  // Written out rather than by JSON.stringify, for the layout the docs use: one line per
  // request and per small object, so the examples read at a glance.
  return `{
  "$schema": ${JSON.stringify(schema)},
  "description": ${JSON.stringify(description)},
  "url": "/examples/[0-9]+",
  "method": "GET",
  "examples": {
    "OK": {
      "request": { "url": "/examples/1" },
      "response": {
        "status": 200,
        "headers": { "Content-Type": "application/json" },
        "body": { "id": 1, "name": "first example" }
      }
    },
    "not found": {
      "request": { "url": "/examples/99" },
      "response": { "status": 404 }
    }
  }
}
`;
}

/**
 * The `$schema` reference of a contract file: the relative path to abe-ts's schema in the
 * nearest `node_modules/abe-ts` from the contract's directory up to the root, else in the
 * root's node_modules, where the workflow init writes installs abe-ts (`npm ci`).
 *
 * @example
 * schemaReference('/repo', 'services/api/contracts/example/get.json');
 * // '../../../../node_modules/abe-ts/spec/abe.schema.json'
 */
export function schemaReference(root: string, contract: string): string {
  const from = posix.dirname(contract);
  const segments = from === '.' ? [] : from.split('/');
  for (let depth = segments.length; depth > 0; depth--) {
    const directory = segments.slice(0, depth).join('/');
    if (existsSync(join(root, directory, INSTALLED_SCHEMA))) {
      return posix.relative(from, posix.join(directory, INSTALLED_SCHEMA));
    }
  }
  return posix.relative(from, INSTALLED_SCHEMA);
}
