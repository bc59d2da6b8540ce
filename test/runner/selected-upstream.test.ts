import { expect, test } from 'vitest';
import { selectedUpstream } from '../../src/runner/selected-upstream.js';
import { configOf } from './runner-fixtures.js';

test('each selected component waits for its direct selected upstream, the last listed first', () => {
  const { components } = configOf('/repo', [
    { name: 'x' },
    { name: 'y', upstream: ['x'] },
    { name: 'z', upstream: ['x'] },
    { name: 'w', upstream: ['y', 'z'] },
  ]);

  const waits = selectedUpstream(components, new Set(['w', 'z', 'y', 'x']));

  expect([...waits]).toEqual([
    ['x', []],
    ['y', ['x']],
    ['z', ['x']],
    ['w', ['z', 'y']],
  ]);
});

test('a component not selected between selected ones is a bridge with its own entry', () => {
  const { components } = configOf('/repo', [
    { name: 'api' },
    { name: 'db', upstream: ['api'] },
    { name: 'ui', upstream: ['db'] },
  ]);

  expect(selectedUpstream(components, new Set(['ui', 'api']))).toEqual(
    new Map([
      ['api', []],
      ['db', ['api']],
      ['ui', ['db']],
    ]),
  );
});

test('upstream with nothing selected above it is neither waited for nor listed', () => {
  const { components } = configOf('/repo', [
    { name: 'api' },
    { name: 'ui', upstream: ['api'] },
    { name: 'mailer' },
  ]);

  expect(selectedUpstream(components, new Set(['ui', 'mailer']))).toEqual(
    new Map([
      ['ui', []],
      ['mailer', []],
    ]),
  );
});

test('a component not selected below every selected one is not listed', () => {
  const { components } = configOf('/repo', [
    { name: 'api' },
    { name: 'ui', upstream: ['api'] },
    { name: 'e2e', upstream: ['ui'] },
  ]);

  expect(selectedUpstream(components, new Set(['api']))).toEqual(new Map([['api', []]]));
});

test('regression: a chain of 20,000 components lists 19,999 waits, not every ancestor of every component', () => {
  // Listing every selected ancestor made this 200 million names, 64 s and 2.4 GB.
  const { components } = configOf(
    '/repo',
    Array.from({ length: 20_000 }, (_, index) => ({
      name: `c${index + 1}`,
      upstream: index === 0 ? [] : [`c${index}`],
    })),
  );

  const waits = selectedUpstream(components, new Set(components.map((c) => c.name)));

  expect(waits.size).toBe(20_000);
  expect(waits.get('c20000')).toEqual(['c19999']);
  expect([...waits.values()].reduce((sum, list) => sum + list.length, 0)).toBe(19_999);
});

test('a bridge between 100 selected components above and 100 below is one entry, not one per pair', () => {
  const above = Array.from({ length: 100 }, (_, index) => ({ name: `lib${index}` }));
  const below = Array.from({ length: 100 }, (_, index) => ({
    name: `svc${index}`,
    upstream: ['hub'],
  }));
  const { components } = configOf('/repo', [
    ...above,
    { name: 'hub', upstream: above.map((spec) => spec.name) },
    ...below,
  ]);
  const selected = new Set([...above, ...below].map((spec) => spec.name));

  const waits = selectedUpstream(components, selected);

  expect(waits.get('hub')).toHaveLength(100);
  expect(waits.get('svc0')).toEqual(['hub']);
  expect([...waits.values()].reduce((sum, list) => sum + list.length, 0)).toBe(200);
});
