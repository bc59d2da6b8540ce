import type { Component } from '../config/types.js';
import { readLogTailSync } from './read-log-tail.js';

/**
 * How make ran nothing for the step's own target. `up-to-date`: it has a recipe, but a file or
 * directory of its name is up to date (a `test/` folder and no `.PHONY`). `no-recipe`: make
 * found nothing to run for it.
 */
export type MakeNoOp = 'up-to-date' | 'no-recipe';

/**
 * Whether the `make -C <path> <target>` that wrote `logFile` ran nothing for `target`: GNU make
 * then exits 0 after `make: 'test' is up to date.` or `make: Nothing to be done for 'test'.`,
 * the last line before its `Leaving directory` line. Only the top-level make counts, the one
 * abe started: its prefix is `make:`, or `make[N]:` when abe itself runs under make at
 * `MAKELEVEL` N; a sub-make's line (one level deeper) is not about the step's target. Reads
 * only the end of the log, synchronously: it runs after every passing step. Make 3.81's
 * `` `test' `` quotes are recognised too.
 *
 * make prints these lines in the language of its locale (`LANGUAGE`, `LC_ALL`, `LC_MESSAGES`,
 * `LANG`); abe recognises the English ones only, and leaves the locale to the build: make
 * hands its environment to every recipe, so a locale set for make's sake would change the
 * compilers and tests too, and `LC_MESSAGES=C` alone loses to `LC_ALL` and `LANGUAGE` anyway.
 *
 * @example
 * findMakeNoOp('.abe/logs/api.test.log', 'test', env.MAKELEVEL);
 * // 'up-to-date' after "make: 'test' is up to date."
 */
export function findMakeNoOp(
  logFile: string,
  target: string,
  makeLevel: string | undefined,
): MakeNoOp | null {
  const prefix = makePrefix(makeLevel);
  // The message is short, and the `Leaving directory` line after it holds one path.
  const lines = readLogTailSync(logFile, { lines: 2, bytes: 8 * 1024 }).split('\n');
  if (lines.at(-1)?.startsWith(`${prefix} Leaving directory `) === true) lines.pop();
  const last = lines.at(-1);
  for (const [open, close] of [
    ["'", "'"],
    ['`', "'"],
  ] as const) {
    const quoted = `${open}${target}${close}`;
    if (last === `${prefix} ${quoted} is up to date.`) return 'up-to-date';
    if (last === `${prefix} Nothing to be done for ${quoted}.`) return 'no-recipe';
  }
  return null;
}

/**
 * The note of a step failed because make did nothing: the component, the target and the fix.
 *
 * @example
 * makeNoOpNote(api, 'test', 'up-to-date');
 * // 'make did nothing for api\'s "test": a file or directory named test is up to date, … (.PHONY: build test)'
 */
export function makeNoOpNote(
  component: Pick<Component, 'name' | 'steps'>,
  target: string,
  noOp: MakeNoOp,
): string {
  const listed: readonly string[] = component.steps;
  const phony = `.PHONY: ${(listed.includes(target) ? listed : [...listed, target]).join(' ')}`;
  const what = `make did nothing for ${component.name}'s "${target}"`;
  return noOp === 'up-to-date'
    ? `${what}: a file or directory named ${target} is up to date, so its recipe did not run; declare the targets phony (${phony})`
    : `${what}: it has no recipe; give it one and declare the targets phony (${phony}), or leave the step out with steps= in builder.ini`;
}

function makePrefix(makeLevel: string | undefined): string {
  // make reads its level as C's atoi does: anything else is level 0.
  const level = Number.parseInt(makeLevel ?? '', 10);
  return Number.isInteger(level) && level > 0 ? `make[${level}]:` : 'make:';
}
