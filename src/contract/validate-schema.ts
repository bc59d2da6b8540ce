// Contracts are validated by the code ajv generates from spec/abe.schema.json, compiled ahead of
// time into abe-schema-validator.ts by scripts/compile-schema.js (a test fails when that file is
// not what the schema compiles to). Importing ajv and compiling the schema at run time instead
// cost ~150 ms of every abe start that reads a contract, and made reading + validating 10,000
// files ~30% slower (bench/schema); the generated code imports nothing, so ajv stays a dev
// dependency and the msw browser bundle does not carry it.
//
// ajv's code reads `data.url` and walks objects with for…in, so it would also see inherited
// (prototype) properties, which the hand-written validator this replaced ignored. That no longer
// matters: documents reach it from JSON.parse (lint, parseContract) or, for contractFromObject,
// from JSON.parse(JSON.stringify(x)), and JSON.parse makes own properties only; "__proto__" is
// an ordinary own key there. Only a polluted Object.prototype could add some, and that would
// break far more than this.

import generated from './abe-schema-validator.js';
import { type SchemaError, type SchemaProblem, toSchemaProblem } from './schema-problem.js';

export type { SchemaProblem } from './schema-problem.js';

/** What ajv's generated function is: whether the document is valid, and why not on itself. */
interface GeneratedValidator {
  (document: unknown): boolean;
  readonly errors?: readonly SchemaError[] | null;
}

const validateAbeSchema: GeneratedValidator = generated;
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
  if (validateAbeSchema(document)) return NO_PROBLEMS;
  // An if/then/else in the schema adds an `if` error ('must match "then" schema') on top of the
  // failing branch's own errors, which say it better. (The schema has none today.)
  const errors = (validateAbeSchema.errors ?? []).filter((error) => error.keyword !== 'if');
  return errors.map(toSchemaProblem);
}
