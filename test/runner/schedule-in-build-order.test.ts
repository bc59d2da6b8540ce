import { expect, test } from 'vitest';
import type { ComponentVerdict } from '../../src/runner/decide-start.js';
import {
  type BuildOrderSchedule,
  scheduleInBuildOrder,
} from '../../src/runner/schedule-in-build-order.js';
import { selectedUpstream } from '../../src/runner/selected-upstream.js';
import { configOf } from './runner-fixtures.js';

/** A run that finishes when the test says so. */
interface Pending {
  readonly finish: (verdict: ComponentVerdict) => void;
  readonly fail: (error: Error) => void;
}

/** A schedule whose runs wait for the test to finish them, with a log of what it did. */
function scheduleOf(
  specs: Parameters<typeof configOf>[1],
  options: { concurrency: number; waitFor?: ReadonlyMap<string, readonly string[]> },
): { schedule: BuildOrderSchedule; log: string[]; runs: Map<string, Pending> } {
  const { components } = configOf('/repo', specs);
  const log: string[] = [];
  const runs = new Map<string, Pending>();
  let aborted = false;
  const schedule: BuildOrderSchedule = {
    components,
    waitFor:
      options.waitFor ??
      new Map(components.map((component) => [component.name, component.upstream])),
    concurrency: options.concurrency,
    isAborted: () => aborted,
    run: (component) =>
      new Promise((resolve, reject) => {
        log.push(`run ${component.name}`);
        runs.set(component.name, {
          finish: (verdict) => {
            log.push(`finish ${component.name}`);
            resolve(verdict);
          },
          fail: reject,
        });
      }),
    skip: (component, note) => log.push(`skip ${component.name}: ${note}`),
    stop: () => {
      log.push('stop');
      aborted = true;
    },
  };
  return { schedule, log, runs };
}

/** Lets the scheduler react to a run that finished. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

test('a component whose upstream failed is skipped at once, even while -j is full', async () => {
  const { schedule, log, runs } = scheduleOf(
    [{ name: 'a' }, { name: 'b' }, { name: 'c', upstream: ['a'] }],
    { concurrency: 1 },
  );

  const done = scheduleInBuildOrder(schedule);
  runs.get('a')?.finish({ ok: false, blame: 'upstream "a" failed' });
  await settle();
  runs.get('b')?.finish({ ok: true });
  await done;

  expect(log).toEqual(['run a', 'finish a', 'run b', 'skip c: upstream "a" failed', 'finish b']);
});

test('no more than -j components run at once, and the next starts as one finishes', async () => {
  const { schedule, log, runs } = scheduleOf([{ name: 'a' }, { name: 'b' }, { name: 'c' }], {
    concurrency: 2,
  });

  const done = scheduleInBuildOrder(schedule);
  await settle();
  expect(log).toEqual(['run a', 'run b']);
  runs.get('b')?.finish({ ok: true });
  await settle();
  runs.get('a')?.finish({ ok: true });
  await settle();
  runs.get('c')?.finish({ ok: true });
  await done;

  expect(log).toEqual(['run a', 'run b', 'finish b', 'run c', 'finish a', 'finish c']);
});

test('when a run throws, the others are stopped and awaited before the error is rethrown', async () => {
  const { schedule, log, runs } = scheduleOf([{ name: 'a' }, { name: 'b' }], { concurrency: 2 });

  const done = scheduleInBuildOrder(schedule).catch((error: Error) => {
    log.push(`threw ${error.message}`);
  });
  runs.get('a')?.fail(new Error('EACCES: a.build.log'));
  await settle();
  expect(log).toEqual(['run a', 'run b', 'stop']);
  runs.get('b')?.finish({ ok: false, blame: 'cancelled' });
  await done;

  expect(log).toEqual(['run a', 'run b', 'stop', 'finish b', 'threw EACCES: a.build.log']);
});

test('waiting for a component that is not scheduled is an error, not a hang', async () => {
  const { schedule } = scheduleOf([{ name: 'a' }], {
    concurrency: 1,
    waitFor: new Map([['a', ['ghost']]]),
  });

  await expect(scheduleInBuildOrder(schedule)).rejects.toThrow(
    'runComponents: dependencies can never be met',
  );
});

test('a bridge (a component not selected) keeps the order between selected ones and passes on their failure', async () => {
  const { components } = configOf('/repo', [
    { name: 'api' },
    { name: 'db', upstream: ['api'] },
    { name: 'ui', upstream: ['db'] },
    { name: 'mailer' },
  ]);
  const wanted = new Set(['api', 'ui', 'mailer']);
  const log: string[] = [];

  await scheduleInBuildOrder({
    components: components.filter((component) => wanted.has(component.name)),
    waitFor: selectedUpstream(components, wanted),
    concurrency: 3,
    isAborted: () => false,
    run: async (component) => {
      log.push(`run ${component.name}`);
      await settle();
      log.push(`finish ${component.name}`);
      return component.name === 'api'
        ? { ok: false, blame: 'upstream "api" failed' }
        : { ok: true };
    },
    skip: (component, note) => log.push(`skip ${component.name}: ${note}`),
    stop: () => log.push('stop'),
  });

  expect(log).toEqual([
    'run api',
    'run mailer',
    'finish api',
    'skip ui: upstream "api" failed',
    'finish mailer',
  ]);
});

/** A map that counts how often each list of waits is read. */
class CountingMap extends Map<string, readonly string[]> {
  reads = 0;
  override get(name: string): readonly string[] | undefined {
    this.reads += 1;
    return super.get(name);
  }
}

test('regression: a chain of 20,000 components runs in order, reading each one’s waits a bounded number of times', async () => {
  // Looking at every waiting component each time one finished took minutes for this chain.
  const { components } = configOf(
    '/repo',
    Array.from({ length: 20_000 }, (_, index) => ({
      name: `c${index + 1}`,
      upstream: index === 0 ? [] : [`c${index}`],
    })),
  );
  const waitFor = new CountingMap(
    components.map((component) => [component.name, component.upstream]),
  );
  const started: string[] = [];

  await scheduleInBuildOrder({
    components,
    waitFor,
    concurrency: 4,
    isAborted: () => false,
    run: async (component) => {
      started.push(component.name);
      return { ok: true };
    },
    skip: () => {
      throw new Error('nothing is skipped');
    },
    stop: () => {},
  });

  expect(started).toEqual(components.map((component) => component.name));
  expect(waitFor.reads).toBeLessThanOrEqual(2 * components.length);
});

test('an abort skips every component not started yet as cancelled, in build order', async () => {
  const { schedule, log, runs } = scheduleOf(
    [{ name: 'a' }, { name: 'b', upstream: ['a'] }, { name: 'c' }, { name: 'd', upstream: ['b'] }],
    { concurrency: 1 },
  );

  const done = scheduleInBuildOrder(schedule);
  schedule.stop();
  runs.get('a')?.finish({ ok: true });
  await done;

  expect(log).toEqual([
    'run a',
    'stop',
    'finish a',
    'skip b: cancelled',
    'skip c: cancelled',
    'skip d: cancelled',
  ]);
});
