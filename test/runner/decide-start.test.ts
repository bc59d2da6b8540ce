import { describe, expect, test } from 'vitest';
import {
  type ComponentVerdict,
  componentVerdict,
  decideStart,
  decideStepStart,
} from '../../src/runner/decide-start.js';
import type { StepResult, StepStatus } from '../../src/runner/run-result.js';

const OK: ComponentVerdict = { ok: true };
const failed = (name: string): ComponentVerdict => ({
  ok: false,
  blame: `upstream "${name}" failed`,
});

function step(name: string, status: StepStatus): StepResult {
  return {
    component: 'api',
    step: name,
    status,
    durationMs: 1,
    startedAt: status === 'skipped' ? null : '2024-01-01T00:00:00.000Z',
    logFile: null,
    exitCode: status === 'failed' ? 2 : 0,
    signal: null,
    note: null,
    blocked: false,
    logTail: null,
  };
}

describe('decideStart', () => {
  test('a component with nothing to wait for starts', () => {
    expect(decideStart([], new Map(), false)).toEqual({ action: 'start' });
  });

  test('a component waits until every upstream has finished', () => {
    expect(decideStart(['x', 'y'], new Map([['x', OK]]), false)).toEqual({ action: 'wait' });
    expect(
      decideStart(
        ['x', 'y'],
        new Map([
          ['x', OK],
          ['y', OK],
        ]),
        false,
      ),
    ).toEqual({ action: 'start' });
  });

  test('a failed upstream does not skip a component before its other upstream has finished', () => {
    expect(decideStart(['x', 'y'], new Map([['x', failed('x')]]), false)).toEqual({
      action: 'wait',
    });
  });

  test('a component whose upstream failed is skipped with that upstream named', () => {
    expect(
      decideStart(
        ['x', 'y'],
        new Map([
          ['x', OK],
          ['y', failed('y')],
        ]),
        false,
      ),
    ).toEqual({ action: 'skip', note: 'upstream "y" failed' });
  });

  test('with several failed upstreams the first in upstream order is named, not the first to finish', () => {
    const finished = new Map([
      ['y', failed('y')],
      ['x', failed('x')],
    ]);
    expect(decideStart(['x', 'y'], finished, false)).toEqual({
      action: 'skip',
      note: 'upstream "x" failed',
    });
  });

  test('a skipped upstream passes its own note on, so the whole chain names the root failure', () => {
    expect(decideStart(['b'], new Map([['b', failed('a')]]), false)).toEqual({
      action: 'skip',
      note: 'upstream "a" failed',
    });
  });

  test('after an abort a component is cancelled at once, even with upstream still running', () => {
    expect(decideStart(['x'], new Map(), true)).toEqual({ action: 'skip', note: 'cancelled' });
    expect(decideStart([], new Map(), true)).toEqual({ action: 'skip', note: 'cancelled' });
  });
});

describe('decideStepStart', () => {
  test('the first step, and a step after passed or skipped ones, starts', () => {
    expect(decideStepStart([], false)).toEqual({ action: 'start' });
    expect(decideStepStart([step('build', 'passed'), step('release', 'skipped')], false)).toEqual({
      action: 'start',
    });
  });

  test('a step after a failed one is skipped, naming the first step that failed', () => {
    expect(decideStepStart([step('build', 'failed'), step('test', 'failed')], false)).toEqual({
      action: 'skip',
      note: '"build" failed',
    });
  });

  test('after an abort the next step is cancelled, but a failure before it is still named', () => {
    expect(decideStepStart([step('build', 'passed')], true)).toEqual({
      action: 'skip',
      note: 'cancelled',
    });
    expect(decideStepStart([step('build', 'failed')], true)).toEqual({
      action: 'skip',
      note: '"build" failed',
    });
  });
});

describe('componentVerdict', () => {
  test('a component whose steps passed or had nothing to do lets its downstream run', () => {
    expect(
      componentVerdict('api', [step('build', 'passed'), step('release', 'skipped')], false),
    ).toEqual({ ok: true });
    expect(componentVerdict('api', [], false)).toEqual({ ok: true });
  });

  test('a failed step blames the component for its downstream', () => {
    expect(
      componentVerdict('api', [step('build', 'failed'), step('test', 'skipped')], false),
    ).toEqual({ ok: false, blame: 'upstream "api" failed' });
  });

  test('a component the abort cut short cancels its downstream instead of blaming itself', () => {
    expect(
      componentVerdict('api', [step('build', 'failed'), step('test', 'skipped')], true),
    ).toEqual({ ok: false, blame: 'cancelled' });
  });

  test('a component whose steps all passed before the abort is not blamed', () => {
    expect(componentVerdict('api', [step('build', 'passed')], true)).toEqual({ ok: true });
  });
});
