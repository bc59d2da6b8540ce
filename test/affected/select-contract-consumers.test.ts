// selectContractConsumers on hand-built components, changes and locks: who is rerun, with which
// reason, and who is left out with which uses.
import { describe, expect, test } from 'vitest';
import type { ContractChange } from '../../src/affected/compare-contract-versions.js';
import {
  type ExamplePrecision,
  selectContractConsumers,
} from '../../src/affected/select-contract-consumers.js';
import type { Component } from '../../src/config/types.js';
import type { UsageLock } from '../../src/contract/usage-lock.js';

function component(name: string, path: string, consumes: string[] = []): Component {
  return {
    name,
    path,
    downstream: [],
    upstream: [],
    releaseProcess: 'none',
    contracts: [],
    consumes,
    steps: ['build', 'test'],
    extra: {},
    line: 1,
  };
}

const FILE = 'api/contracts/users.json';
const DETAIL = 'contract api/contracts/users.json changed: example "OK" response.status';

const api = component('api', 'api', ['db']);
const components = [
  component('db', 'db'),
  api,
  component('mailer', 'mailer', ['api']),
  component('ui', 'ui', ['db', 'api']),
  component('reports', 'reports', ['api']),
  component('admin', 'admin', ['db']),
];

function precision(contracts: UsageLock['contracts']): ExamplePrecision {
  return { lock: { version: 1, contracts }, shown: 'locks/usage.json' };
}

function changed(
  changes: string[],
  examples: { changed?: string[]; removed?: string[]; added?: string[]; wide?: boolean },
): Exclude<ContractChange, { kind: 'same' }> {
  return {
    kind: 'changed',
    changes,
    examples: {
      wide: examples.wide ?? false,
      changed: examples.changed ?? [],
      removed: examples.removed ?? [],
      added: examples.added ?? [],
    },
  };
}

const everyone = {
  selected: [
    { name: 'mailer', detail: DETAIL },
    { name: 'ui', detail: DETAIL },
    { name: 'reports', detail: DETAIL },
  ],
  leftOut: [],
};

const LOCK = precision({
  [FILE]: { OK: ['mailer', 'ui'], 'not found': ['ui'], list: ['reports'] },
  'api/contracts/orders.json': { list: ['reports'] },
});

describe('selectContractConsumers', () => {
  test('with contract precision every consumer of the provider is rerun with the detail', () => {
    const change = changed(['example "OK" response.status'], { changed: ['OK'] });
    expect(selectContractConsumers(change, FILE, DETAIL, api, components, undefined)).toEqual(
      everyone,
    );
  });

  test.each([
    [{ kind: 'added' }],
    [{ kind: 'deleted' }],
    [{ kind: 'unparseable', side: 'new', problem: 'not JSON' }],
  ] as const)('a change of kind %j reruns every consumer (fail safe)', (change) => {
    expect(selectContractConsumers(change, FILE, DETAIL, api, components, LOCK)).toEqual(everyone);
  });

  test('a change of the contract-wide terms reruns every consumer', () => {
    const change = changed(['url'], { wide: true });
    expect(selectContractConsumers(change, FILE, DETAIL, api, components, LOCK)).toEqual(everyone);
  });

  test('only consumers whose locked examples changed or went are rerun, with those changes', () => {
    const change = changed(
      [
        'example "OK" response.body.id',
        'example "OK2" response.status',
        'example "not found"',
        'example "not found" removed',
        'example "new" added',
        'url',
      ],
      { changed: ['OK', 'OK2'], removed: ['not found'], added: ['new'] },
    );
    expect(selectContractConsumers(change, FILE, DETAIL, api, components, LOCK)).toEqual({
      selected: [
        {
          name: 'mailer',
          detail:
            'contract api/contracts/users.json changed: example "OK" response.body.id (used by this component per locks/usage.json)',
        },
        {
          name: 'ui',
          detail:
            'contract api/contracts/users.json changed: example "OK" response.body.id, example "not found", example "not found" removed (used by this component per locks/usage.json)',
        },
      ],
      leftOut: [{ name: 'reports', contract: FILE, uses: ['list'] }],
    });
  });

  test('a consumer the lock names only for another contract of the provider is left out with no uses', () => {
    const change = changed(['example "OK" response.status'], { changed: ['OK'] });
    const lock = precision({
      [FILE]: { OK: ['mailer'] },
      'api/contracts/orders.json': { list: ['reports', 'ui'] },
    });
    expect(selectContractConsumers(change, FILE, DETAIL, api, components, lock)).toEqual({
      selected: [
        {
          name: 'mailer',
          detail:
            'contract api/contracts/users.json changed: example "OK" response.status (used by this component per locks/usage.json)',
        },
      ],
      leftOut: [
        { name: 'ui', contract: FILE, uses: [] },
        { name: 'reports', contract: FILE, uses: [] },
      ],
    });
  });

  test('a consumer the lock never names for the provider is rerun with the reason', () => {
    const change = changed(['example "OK" response.status'], { changed: ['OK'] });
    // "ui" is named only under another component's directory, one whose name starts like "api".
    const lock = precision({
      [FILE]: { OK: ['mailer'], 'not found': [] },
      'apix/contracts/page.json': { home: ['ui'] },
    });
    const unknown =
      'contract api/contracts/users.json changed: example "OK" response.status (locks/usage.json names no use of api\'s contracts by this component, so every change reruns it)';
    expect(selectContractConsumers(change, FILE, DETAIL, api, components, lock)).toEqual({
      selected: [
        {
          name: 'mailer',
          detail:
            'contract api/contracts/users.json changed: example "OK" response.status (used by this component per locks/usage.json)',
        },
        { name: 'ui', detail: unknown },
        { name: 'reports', detail: unknown },
      ],
      leftOut: [],
    });
  });

  test('a provider at the repository root knows every consumer the lock names anywhere', () => {
    const root = component('api', '.');
    const change = changed(['example "OK" response.status'], { changed: ['OK'] });
    const lock = precision({
      'contracts/users.json': { OK: ['mailer'] },
      'other/x.json': { any: ['ui'], none: [] },
    });
    expect(
      selectContractConsumers(change, 'contracts/users.json', DETAIL, root, components, lock),
    ).toEqual({
      selected: [
        {
          name: 'mailer',
          detail:
            'contract contracts/users.json changed: example "OK" response.status (used by this component per locks/usage.json)',
        },
        {
          name: 'reports',
          detail:
            'contract api/contracts/users.json changed: example "OK" response.status (locks/usage.json names no use of api\'s contracts by this component, so every change reruns it)',
        },
      ],
      leftOut: [{ name: 'ui', contract: 'contracts/users.json', uses: [] }],
    });
  });

  test('an added example reruns no consumer the lock knows', () => {
    const change = changed(['example "new" added'], { added: ['new'] });
    expect(selectContractConsumers(change, FILE, DETAIL, api, components, LOCK)).toEqual({
      selected: [],
      leftOut: [
        { name: 'mailer', contract: FILE, uses: ['OK'] },
        { name: 'ui', contract: FILE, uses: ['OK', 'not found'] },
        { name: 'reports', contract: FILE, uses: ['list'] },
      ],
    });
  });

  test('a provider nobody consumes reruns nobody', () => {
    const change = changed(['example "OK" response.status'], { changed: ['OK'] });
    const lonely = component('lonely', 'lonely');
    expect(selectContractConsumers(change, FILE, DETAIL, lonely, components, LOCK)).toEqual({
      selected: [],
      leftOut: [],
    });
    expect(selectContractConsumers(change, FILE, DETAIL, lonely, components, undefined)).toEqual({
      selected: [],
      leftOut: [],
    });
  });
});
