import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import { analyzeText } from '../../src/contract/analyze-contract.js';
import * as positions from '../../src/contract/json-positions.js';
import { parseContract } from '../../src/index.js';

const seeds = readdirSync('fixtures/contracts/valid').map((name) =>
  readFileSync(`fixtures/contracts/valid/${name}`, 'utf8'),
);

/** One random edit of a text: delete, insert, duplicate or swap a slice. */
const mutation = fc
  .tuple(
    fc.constantFrom(...seeds),
    fc.array(
      fc.record({
        kind: fc.constantFrom('delete', 'insert', 'duplicate', 'swap'),
        at: fc.nat(),
        length: fc.integer({ min: 1, max: 40 }),
        text: fc.oneof(
          fc.string(),
          fc.constantFrom(
            '"',
            '{',
            '}',
            '[',
            ']',
            ',',
            ':',
            '\\',
            '"__proto__": {"x": 1},',
            '"OK": {},',
            '\u0000',
            '\n',
          ),
        ),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  )
  .map(([seed, edits]) =>
    edits.reduce((text, edit) => {
      const at = edit.at % (text.length + 1);
      switch (edit.kind) {
        case 'delete':
          return text.slice(0, at) + text.slice(at + edit.length);
        case 'insert':
          return text.slice(0, at) + edit.text + text.slice(at);
        case 'duplicate':
          return text.slice(0, at) + text.slice(at, at + edit.length) + text.slice(at);
        default: {
          const other = (at * 7) % (text.length + 1);
          return (
            text.slice(0, Math.min(at, other)) +
            text.slice(Math.max(at, other)) +
            text.slice(Math.min(at, other), Math.max(at, other))
          );
        }
      }
    }, seed),
  );

function expectOnlyDiagnostics(text: string): void {
  const { contract, diagnostics } = analyzeText(text, 'fuzz.json', positions);
  if (contract === undefined) expect(diagnostics.length).toBeGreaterThan(0);
  for (const diagnostic of diagnostics) {
    expect(diagnostic.file).toBe('fuzz.json');
    expect(diagnostic.line).toBeGreaterThanOrEqual(1);
    expect(diagnostic.column).toBeGreaterThanOrEqual(1);
    expect(typeof diagnostic.code).toBe('string');
    expect(diagnostic.message.length).toBeGreaterThan(0);
  }
}

describe('contract parsing under hostile input', () => {
  afterEach(() => {
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('8,000 mutated contracts produce diagnostics or a contract, never an exception', () => {
    fc.assert(fc.property(mutation, expectOnlyDiagnostics), { numRuns: 8_000 });
  });

  test('2,000 random JSON documents and texts produce diagnostics or a contract, never an exception', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.json(),
          fc.string(),
          fc
            .jsonValue()
            .map((value) => JSON.stringify({ url: '/a', method: 'GET', examples: value })),
        ),
        expectOnlyDiagnostics,
      ),
      {
        numRuns: 2_000,
      },
    );
  });

  test('__proto__ and constructor keys stay ordinary keys and pollute nothing', () => {
    const text = `{
      "url": "/a", "method": "POST",
      "examples": {
        "__proto__": {
          "request": { "queryParams": { "__proto__": "q" }, "headers": { "constructor": "h" }, "body": { "__proto__": { "polluted": true } } },
          "response": { "status": 200, "body": { "constructor": { "prototype": { "polluted": true } } } }
        },
        "constructor": { "response": { "status": 201 } }
      }
    }`;
    const contract = parseContract(text);
    expect(contract.examples.map((example) => example.label)).toEqual(['__proto__', 'constructor']);
    const [first] = contract.examples;
    expect(Object.hasOwn(first?.request.queryParams ?? {}, '__proto__')).toBe(true);
    expect(Object.hasOwn(first?.request.body as object, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(first?.request.body)).toBe(Object.prototype);
    expect(Object.hasOwn(first?.response.body as object, 'constructor')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
