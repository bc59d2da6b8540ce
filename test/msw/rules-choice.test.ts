import { describe, expect, test } from 'vitest';
import { contractFromObject } from '../../src/contract/parse-contract.js';
import { chooseExample } from '../../src/msw/choose-example.js';
import { EndpointIndex } from '../../src/msw/endpoint-index.js';

const events = contractFromObject(
  {
    url: '/events',
    method: 'GET',
    examples: {
      all: { response: { status: 200, body: ['every event'] } },
      since: {
        request: { url: '/events', queryParams: { since: '2026-01-01T00:00:00Z' } },
        response: { status: 200, body: ['recent events'] },
        rules: { 'request.query.since': 'date-time' },
      },
    },
  },
  { source: 'events.json' },
);

function label(url: string): string | undefined {
  const index = new EndpointIndex();
  index.addContract(events, new Map());
  const choice = chooseExample(index.find('GET', '/events'), { method: 'GET', url });
  return choice.allowed ? choice.example.label : undefined;
}

describe('chooseExample with request rules', () => {
  test('a value a rule allows counts as matched, so the more specific example still wins', () => {
    expect(label('/events?since=2031-05-06T07:08:09Z')).toBe('since');
    expect(label('/events')).toBe('all');
  });

  test('a value the rule refuses leaves the example out', () => {
    expect(label('/events?since=yesterday')).toBe('all');
  });
});
