import { expect, test } from 'vitest';
import { selectedUpstream } from '../../src/runner/selected-upstream.js';
import { configOf } from './runner-fixtures.js';

test('each selected component waits for its selected upstream, in build order', () => {
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
    ['w', ['z', 'x', 'y']],
  ]);
});

test('a component waits for selected upstream reached through components not selected', () => {
  const { components } = configOf('/repo', [
    { name: 'api' },
    { name: 'db', upstream: ['api'] },
    { name: 'ui', upstream: ['db'] },
  ]);

  expect(selectedUpstream(components, new Set(['ui', 'api']))).toEqual(
    new Map([
      ['api', []],
      ['ui', ['api']],
    ]),
  );
});

test('upstream that is not selected is neither waited for nor listed', () => {
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
