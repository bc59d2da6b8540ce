import type { MakeStep } from '../config/types.js';

export interface MakefileGaps {
  /** Steps abe runs that the Makefile has no rule for. */
  readonly missing: readonly MakeStep[];
  /** Steps it has a rule for but does not declare `.PHONY`. */
  readonly notPhony: readonly MakeStep[];
}

/** A rule line: targets, one or two colons, and no `=` (which would make it an assignment). */
const RULE = /^([^\s#=:][^#=:]*?)\s*::?(?!=)(.*)$/;

/**
 * What an existing Makefile lacks for abe: a rule for each of `steps`, and `.PHONY` for it
 * (without it, a `test/` directory makes `make test` do nothing, which abe reports as a
 * failure). Undefined when the Makefile includes another file, where the rules may live: init
 * reads no more than the file itself and does not guess.
 *
 * @example
 * checkMakefile('build:\n\tgo build ./...\n', ['build', 'test']);
 * // { missing: ['test'], notPhony: ['build'] }
 */
export function checkMakefile(text: string, steps: readonly MakeStep[]): MakefileGaps | undefined {
  const targets = new Set<string>();
  const phony = new Set<string>();
  for (const line of text.replace(/\\\r?\n/g, ' ').split(/\r?\n/)) {
    if (/^-?s?include\s/.test(line)) return undefined;
    const rule = RULE.exec(line);
    if (rule === null) continue;
    const names = (rule[1] ?? '').split(/\s+/);
    if (names.includes('.PHONY')) {
      for (const name of (rule[2] ?? '').split('#')[0]?.split(/\s+/) ?? []) phony.add(name);
    } else {
      for (const name of names) targets.add(name);
    }
  }
  return {
    missing: steps.filter((step) => !targets.has(step)),
    notPhony: steps.filter((step) => targets.has(step) && !phony.has(step)),
  };
}
