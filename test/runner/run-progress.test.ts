import { appendFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { RunEvent } from '../../src/runner/run-event.js';
import { createRunProgress, type ProgressMode } from '../../src/runner/run-progress.js';
import type { StepResult, StepStatus } from '../../src/runner/run-result.js';
import { makeTempDir } from './runner-fixtures.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function tempRoot(): Promise<string> {
  const { dir, remove } = await makeTempDir('progress');
  cleanups.push(remove);
  return dir;
}

/** A progress writing to a string, as `runSteps` would set it up for `total` planned steps. */
function recordProgress(mode: ProgressMode, root: string, total: number) {
  let output = '';
  const progress = createRunProgress(
    { isTTY: mode === 'tty', write: (chunk: string) => (output += chunk) },
    { mode, color: false, root, total },
  );
  return { progress, output: () => output };
}

/** A step's start, with its log file written as run-step would have opened it. */
async function started(root: string, component: string, step: string): Promise<RunEvent> {
  const logFile = join(root, `${component}.${step}.log`);
  await writeFile(logFile, `$ make -C ${component} ${step}\n`);
  return {
    type: 'step-start',
    component,
    step,
    logFile,
    startedAt: new Date().toISOString(),
  };
}

function ended(
  root: string,
  component: string,
  step: string,
  status: StepStatus,
  note: string | null = null,
): RunEvent {
  const ran = status !== 'skipped';
  const result: StepResult = {
    component,
    step,
    status,
    durationMs: ran ? 1200 : 0,
    startedAt: ran ? new Date().toISOString() : null,
    logFile: ran ? join(root, `${component}.${step}.log`) : null,
    exitCode: status === 'failed' ? 2 : ran ? 0 : null,
    signal: null,
    note,
    blocked: status === 'skipped',
    logTail: status === 'failed' ? `$ make -C ${component} ${step}` : null,
  };
  return { type: 'step-end', result };
}

/**
 * What a terminal shows after `output`: lines written, less those erased by the live area's
 * cursor-up-and-clear.
 */
function screen(output: string): string[] {
  const lines: string[] = [];
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the live area erases itself with escapes
  for (const part of output.split(/(\u001b\[\d+A\u001b\[J)/)) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: same escape as the split
    const erase = /^\u001b\[(\d+)A\u001b\[J$/.exec(part);
    if (erase !== null) lines.splice(lines.length - Number(erase[1]));
    else lines.push(...part.split('\n').slice(0, -1));
  }
  return lines;
}

describe('createRunProgress', () => {
  test('plain mode leads each end line with the count of finished steps out of the planned total', async () => {
    const root = await tempRoot();
    const { progress, output } = recordProgress('plain', root, 3);

    progress.onEvent(await started(root, 'api', 'test'));
    progress.onEvent(ended(root, 'api', 'test', 'failed'));
    progress.onEvent(ended(root, 'web', 'test', 'skipped', 'upstream "api" failed'));
    progress.onEvent(await started(root, 'mailer', 'test'));
    progress.onEvent(ended(root, 'mailer', 'test', 'passed'));
    progress.stop();

    expect(output().split('\n')).toEqual([
      '▶ api test',
      '[1/3] ✖ api test failed in 1.2s (exit code 2)',
      '──── log of api test (api.test.log) ────',
      '$ make -C api test',
      '──── end of the log of api test ────',
      '[2/3] ○ web test skipped: upstream "api" failed',
      '▶ mailer test',
      '[3/3] ✔ mailer test passed in 1.2s',
      '',
    ]);
  });

  test('github mode puts the count in the title of each passing step’s group', async () => {
    const root = await tempRoot();
    const { progress, output } = recordProgress('github', root, 2);

    progress.onEvent(await started(root, 'api', 'build'));
    progress.onEvent(ended(root, 'api', 'build', 'passed'));
    progress.onEvent(await started(root, 'api', 'test'));
    progress.onEvent(ended(root, 'api', 'test', 'passed'));
    progress.stop();

    expect(output()).toContain(
      '::group::[1/2] ✔ api build passed in 1.2s\n$ make -C api build\n::endgroup::\n',
    );
    expect(output()).toContain(
      '::group::[2/2] ✔ api test passed in 1.2s\n$ make -C api test\n::endgroup::\n',
    );
  });

  test('the count of a 200-step run is padded so its end lines line up', async () => {
    const root = await tempRoot();
    const { progress, output } = recordProgress('plain', root, 200);

    for (let index = 1; index <= 10; index += 1) {
      progress.onEvent(ended(root, `c${index}`, 'build', 'skipped', 'nothing to do'));
    }
    progress.stop();

    const lines = output().split('\n');
    expect(lines[0]).toBe('[  1/200] ○ c1 build skipped: nothing to do');
    expect(lines[9]).toBe('[ 10/200] ○ c10 build skipped: nothing to do');
  });

  test('on a terminal a status line under the running steps counts finished steps and failures, and goes when the run stops', async () => {
    const root = await tempRoot();
    const { progress, output } = recordProgress('tty', root, 4);

    progress.onEvent(await started(root, 'api', 'build'));
    progress.onEvent(await started(root, 'web', 'build'));
    const twoRunning = screen(output());
    progress.onEvent(ended(root, 'api', 'build', 'failed'));
    const oneFailed = screen(output());
    progress.onEvent(ended(root, 'web', 'build', 'passed'));
    const nothingRunning = screen(output());
    progress.stop();

    expect(twoRunning).toHaveLength(3);
    expect(twoRunning[0]).toMatch(/^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] api build [0-9.]+s/);
    expect(twoRunning[1]).toMatch(/^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] web build [0-9.]+s/);
    expect(twoRunning[2]).toBe('[0/4] finished');
    expect(oneFailed[0]).toBe('✖ api build failed in 1.2s (exit code 2)');
    expect(oneFailed.at(-2)).toMatch(/^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] web build /);
    expect(oneFailed.at(-1)).toBe('[1/4] finished, 1 failed');
    expect(nothingRunning.at(-2)).toBe('✔ web build passed in 1.2s');
    expect(nothingRunning.at(-1)).toBe('[2/4] finished, 1 failed');
    expect(screen(output()).at(-1)).toBe('✔ web build passed in 1.2s');
  });

  test('the count shows once more than one step is planned, and not for a run of one step', async () => {
    const root = await tempRoot();
    const one = recordProgress('plain', root, 1);
    const two = recordProgress('plain', root, 2);
    const oneOnTerminal = recordProgress('tty', root, 1);

    for (const { progress } of [one, two]) {
      progress.onEvent(await started(root, 'mailer', 'test'));
      progress.onEvent(ended(root, 'mailer', 'test', 'passed'));
      progress.stop();
    }
    oneOnTerminal.progress.onEvent(await started(root, 'mailer', 'test'));
    const liveArea = screen(oneOnTerminal.output());
    oneOnTerminal.progress.stop();

    expect(two.output()).toContain('\n[1/2] ✔ mailer test passed in 1.2s\n');
    expect(one.output()).toBe('▶ mailer test\n✔ mailer test passed in 1.2s\n');
    expect(liveArea).toEqual([expect.stringMatching(/^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] mailer test [0-9.]+s/)]);
  });
});

describe('createRunProgress: long logs', () => {
  test('a failed step’s log of more than 200 lines shows its last 200, after a line that says how much is left out and where the whole log is', async () => {
    const root = await tempRoot();
    const { progress, output } = recordProgress('plain', root, 1);
    const start = await started(root, 'api', 'test');
    const lines = Array.from({ length: 1000 }, (_, index) => `line ${index + 1}`);
    await appendFile(join(root, 'api.test.log'), `${lines.join('\n')}\n`);

    progress.onEvent(start);
    progress.onEvent(ended(root, 'api', 'test', 'failed'));
    progress.stop();

    const shown = output().split('\n');
    const from = shown.indexOf('──── log of api test (api.test.log) ────');
    expect(shown[from + 1]).toBe(
      '[… 6.9 KiB of 8.7 KiB left out: the last 200 lines follow. The whole log is api.test.log]',
    );
    expect(shown.slice(from + 2, from + 202)).toEqual(lines.slice(800));
    expect(shown[from + 202]).toBe('──── end of the log of api test ────');
  });

  test('regression: a failed step’s 1 GiB log is shown, from its end, without reading the rest', async () => {
    const root = await tempRoot();
    const { progress, output } = recordProgress('plain', root, 1);
    const start = await started(root, 'api', 'test');
    // Sparse: 1 GiB long, next to nothing on disk. Reading it whole failed, and showed nothing.
    await truncate(join(root, 'api.test.log'), 2 ** 30);
    await appendFile(join(root, 'api.test.log'), '\nmake: *** [Makefile:2: test] Error 1\n');

    progress.onEvent(start);
    progress.onEvent(ended(root, 'api', 'test', 'failed'));
    progress.stop();

    expect(output()).toMatch(
      /\n\[… 1\.0 GiB of 1\.0 GiB left out: the last line follows\. The whole log is api\.test\.log\]\nmake: \*\*\* \[Makefile:2: test\] Error 1\n──── end of the log of api test ────\n$/,
    );
  });

  test('github mode puts only the end of a long passing log in its group', async () => {
    const root = await tempRoot();
    const { progress, output } = recordProgress('github', root, 1);
    const start = await started(root, 'api', 'build');
    await appendFile(join(root, 'api.build.log'), 'x'.repeat(100 * 1024));
    await appendFile(join(root, 'api.build.log'), '\nbuilt\n');

    progress.onEvent(start);
    progress.onEvent(ended(root, 'api', 'build', 'passed'));
    progress.stop();

    expect(output()).toBe(
      [
        '▶ api build',
        '::group::✔ api build passed in 1.2s',
        '[… 100.0 KiB of 100.0 KiB left out: the last line follows. The whole log is api.build.log]',
        'built',
        '::endgroup::',
        '',
      ].join('\n'),
    );
  });
});

test('a failed step whose last line is longer than what is shown shows the end of that line', async () => {
  const root = await tempRoot();
  const { progress, output } = recordProgress('plain', root, 1);
  const start = await started(root, 'api', 'test');
  await appendFile(join(root, 'api.test.log'), `${'x'.repeat(100 * 1024)}THE END\n`);

  progress.onEvent(start);
  progress.onEvent(ended(root, 'api', 'test', 'failed'));
  progress.stop();

  expect(output()).toContain(
    `[… 36.0 KiB of 100.0 KiB left out: the last line follows. The whole log is api.test.log]\n${'x'.repeat(64 * 1024 - 8)}THE END\n──── end`,
  );
});
