// The ABE JSON Schema. spec/abe.schema.json is the published copy; a test keeps the two equal.
// It lives here as code so that the browser-safe entries can validate without reading files.
export const abeSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://abe-ts.dev/spec/abe.schema.json',
  title: 'API by Example (ABE) contract',
  description:
    'One HTTP endpoint described by labelled request/response examples. Strict about what the format says; extra documentation keys are allowed.',
  type: 'object',
  required: ['examples'],
  properties: {
    $schema: {
      type: 'string',
    },
    description: {
      type: 'string',
    },
    url: {
      type: 'string',
      minLength: 1,
      description:
        "Endpoint URL pattern: a literal path, or one with regex parts ([0-9]+) or parameters (:id, {id}). Inherited by each example's request.",
    },
    method: {
      $ref: '#/$defs/method',
      description: "HTTP method of the endpoint. Inherited by each example's request.",
    },
    examples: {
      description:
        'Examples keyed by label, or an array (labels are then the indexes "0", "1", …).',
      type: ['object', 'array'],
      if: {
        type: 'array',
      },
      then: {
        items: {
          $ref: '#/$defs/example',
        },
      },
      else: {
        additionalProperties: {
          $ref: '#/$defs/example',
        },
      },
    },
  },
  $defs: {
    method: {
      type: 'string',
      pattern: '^[A-Za-z]+$',
    },
    headers: {
      type: 'object',
      additionalProperties: {
        type: 'string',
      },
    },
    example: {
      type: 'object',
      required: ['response'],
      properties: {
        description: {
          type: 'string',
        },
        request: {
          $ref: '#/$defs/request',
        },
        response: {
          $ref: '#/$defs/response',
        },
        nonStrict: {
          description:
            'abe-ts extension: dot paths (through arrays) whose value is not compared; the key must still be present.',
          type: 'array',
          items: {
            type: 'string',
            minLength: 1,
          },
        },
      },
    },
    request: {
      type: 'object',
      properties: {
        url: {
          type: 'string',
          minLength: 1,
        },
        method: {
          $ref: '#/$defs/method',
        },
        queryParams: {
          type: 'object',
          additionalProperties: {
            type: ['string', 'array'],
            items: {
              type: 'string',
            },
          },
        },
        headers: {
          $ref: '#/$defs/headers',
        },
        body: {},
      },
    },
    response: {
      type: 'object',
      required: ['status'],
      properties: {
        status: {
          type: 'integer',
          minimum: 100,
          maximum: 599,
        },
        headers: {
          $ref: '#/$defs/headers',
        },
        body: {},
      },
    },
  },
} as const;
