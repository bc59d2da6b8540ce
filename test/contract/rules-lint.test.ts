import { describe, expect, test } from 'vitest';
import { analyzeText } from '../../src/contract/analyze-contract.js';
import * as positions from '../../src/contract/json-positions.js';

function lint(document: unknown) {
  const text = JSON.stringify(document, null, 2);
  return analyzeText(text, 'users.json', positions).diagnostics.map(
    ({ line, column, pointer, code, severity, message }) => ({
      line,
      column,
      pointer,
      code,
      severity,
      message,
    }),
  );
}

function withRules(rules: Record<string, string>, contractRules?: Record<string, string>) {
  return {
    url: '/users',
    method: 'POST',
    ...(contractRules === undefined ? {} : { rules: contractRules }),
    examples: {
      created: {
        request: { url: '/users?page=1', body: { name: 'ann' } },
        response: {
          status: 201,
          headers: { Location: '/users/1' },
          body: { id: 1, createdAt: '2026-12-07T04:00:00Z', tags: ['a'], empty: [] },
        },
        rules,
      },
    },
  };
}

describe('lint of rules', () => {
  test('rules that fit their examples lint clean, and build into the example', () => {
    const document = withRules(
      {
        'response.body.id': 'type',
        'response.body.createdAt': 'date-time',
        'response.body.tags': 'each-like min 1',
        'response.body.deletedAt': 'optional nullable date-time',
        'response.headers.Location': 'regex ^/users/[0-9]+$',
        'request.query.page': 'range 1..10',
      },
      { 'request.body.name': 'type' },
    );
    const text = JSON.stringify(document);
    const analysis = analyzeText(text, 'users.json', positions);
    expect(analysis.diagnostics).toEqual([]);
    expect(analysis.contract?.examples[0]?.rules).toEqual({
      'request.body.name': 'type',
      ...document.examples.created.rules,
    });
  });

  test('a rule on a path the example does not have, unless optional, at the rule key', () => {
    const found = lint(withRules({ 'response.body.createdAT': 'date-time' }));
    expect(found).toEqual([
      {
        line: 27,
        column: 9,
        pointer: '/examples/created/rules/response.body.createdAT',
        code: 'rule.no-path',
        severity: 'error',
        message:
          'example "created": rule "response.body.createdAT" names a value the example does not have: fix the path (dot notation from request/response: response.body.user.id, a dot in a key written \\.), or add "optional" if the value may be absent.',
      },
    ]);
  });

  test('an unknown word or format, with a suggestion', () => {
    const [found] = lint(withRules({ 'response.body.createdAt': 'dat-time' }));
    expect(found?.code).toBe('rule.unknown');
    expect(found?.message).toBe(
      'example "created": rule "response.body.createdAt": unknown rule word "dat-time": use optional, nullable, type, each-like [min N], date-time, date, uuid, email, uri, range A..B or regex PATTERN. Did you mean "date-time"?.',
    );
  });

  test("a regex, format or range the example's own value does not satisfy", () => {
    const found = lint(
      withRules({
        'response.headers.Location': 'regex ^/people/',
        'response.body.createdAt': 'date',
        'response.body.id': 'range 5..9',
      }),
    );
    expect(found.map((d) => [d.code, d.message])).toEqual([
      [
        'rule.example-value',
        'example "created": rule "response.headers.Location" "regex ^/people/" wants a string matching ^/people/, but the example\'s value is "/users/1" in example "created": mocks answer with the example\'s value, so it must keep to the rule. Fix the value or the rule.',
      ],
      [
        'rule.example-value',
        'example "created": rule "response.body.createdAt" "date" wants a date, but the example\'s value is "2026-12-07T04:00:00Z" in example "created": mocks answer with the example\'s value, so it must keep to the rule. Fix the value or the rule.',
      ],
      [
        'rule.example-value',
        'example "created": rule "response.body.id" "range 5..9" wants an integer in 5..9, but the example\'s value is 1 in example "created": mocks answer with the example\'s value, so it must keep to the rule. Fix the value or the rule.',
      ],
    ]);
  });

  test('an unsafe or invalid regex, a malformed range, each-like on a non-array or an empty one', () => {
    const found = lint(
      withRules({
        'response.body.createdAt': 'regex ^(a+)+\\1$',
        'request.body.name': 'regex [a-',
        'response.body.id': 'range 9..1',
        'response.body.tags': 'each-like min x',
        'request.query.page': 'type date',
      }),
    );
    const more = lint(
      withRules({ 'response.body.empty': 'each-like', 'response.body.id': 'each-like' }),
    );
    expect([...found, ...more].map((d) => d.code)).toEqual([
      'rule.unsafe-regex',
      'rule.regex',
      'rule.range',
      'rule.range',
      'rule.conflict',
      'rule.each-like',
      'rule.each-like',
    ]);
  });

  test('a contract-wide rule is checked against every example it applies to', () => {
    const found = lint(withRules({}, { 'response.body.id': 'uuid', 'response.body.nope': 'type' }));
    expect(found.map((d) => [d.pointer, d.code])).toEqual([
      ['/rules/response.body.id', 'rule.example-value'],
      ['/rules/response.body.nope', 'rule.no-path'],
    ]);
    // The example's own rule for the path wins, so the contract-wide one no longer applies.
    expect(lint(withRules({ 'response.body.id': 'type' }, { 'response.body.id': 'uuid' }))).toEqual(
      [],
    );
  });

  test('a rule path outside request and response, or query on a response, is named', () => {
    const found = lint(withRules({ 'body.id': 'type', 'response.query.page': 'type' }));
    expect(found.map((d) => [d.pointer, d.code])).toEqual([
      ['/examples/created/rules/body.id', 'rule.path'],
      ['/examples/created/rules/response.query.page', 'rule.path'],
    ]);
  });
});
