import { validate } from './abe-schema-validator.js';

export interface SchemaProblem {
  readonly pointer: string;
  readonly keyword: string;
  readonly message: string;
}

/** The error objects of ajv's validators (the fields read here). */
interface SchemaError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly params: Record<string, unknown>;
  readonly message?: string;
}

const validator = validate as unknown as {
  (data: unknown): boolean;
  errors?: SchemaError[] | null;
};

/**
 * Validates a parsed document against spec/abe.schema.json, with the validator generated
 * from it at build time (scripts/generate-schema-validator.js): no schema compilation at run
 * time, and no ajv in a browser bundle.
 */
export function validateSchema(document: unknown): SchemaProblem[] {
  if (validator(document)) return [];
  return (validator.errors ?? []).filter((error) => error.keyword !== 'if').map(toProblem);
}

function toProblem(error: SchemaError): SchemaProblem {
  const params = error.params;
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
    name === 'object' ? 'an object' : name === 'array' ? 'an array' : `a ${name}`,
  );
  return names.join(' or ');
}
