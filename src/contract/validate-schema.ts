import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { abeSchema } from './abe-schema.js';

export interface SchemaProblem {
  readonly pointer: string;
  readonly keyword: string;
  readonly message: string;
}

let validator: ValidateFunction | undefined;

/** Validates a parsed document against the ABE schema; compiles the schema on first use. */
export function validateSchema(document: unknown): SchemaProblem[] {
  validator ??= new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(
    abeSchema,
  );
  if (validator(document)) return [];
  return (validator.errors ?? []).filter((error) => error.keyword !== 'if').map(toProblem);
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
    name === 'object' ? 'an object' : name === 'array' ? 'an array' : `a ${name}`,
  );
  return names.join(' or ');
}
