import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { AbeError } from '../core/abe-error.js';
import { displayPath } from '../core/display-path.js';
import type { InitPlan } from '../init/types.js';
import type { CliContext } from './cli-context.js';

export interface InitCliOptions {
  /** The repository to set up; default: the working directory. */
  readonly dir?: string;
  /** Replace the files init writes when they exist. */
  readonly force?: boolean;
  /** Print the plan and write nothing. */
  readonly dryRun?: boolean;
}

/**
 * `abe init`: plans builder.ini, an example contract, Makefiles and a CI workflow for the
 * repository, prints the plan, writes it (unless `--dry-run`), and prints the next steps.
 * Exit 0 when written or nothing to do; a usage error (exit 2) for a directory that is not
 * there or holds no project.
 */
export async function runInit(options: InitCliOptions, context: CliContext): Promise<void> {
  const [{ planInit }, format] = await Promise.all([
    import('../init/plan-init.js'),
    import('../init/format-init-plan.js'),
  ]);
  const root = resolve(context.cwd, options.dir ?? '.');
  const plan = await planInit(root, { force: options.force === true, cwd: context.cwd });
  const dryRun = options.dryRun === true;
  context.stdout.write(format.formatInitPlan(plan, { cwd: context.cwd, color: context.color }));
  if (!dryRun) await writePlan(plan, context.cwd);
  context.stdout.write(`\n${format.formatInitOutcome(plan, { cwd: context.cwd, dryRun })}`);
  context.stdout.write(`\n${format.formatNextSteps(plan, { cwd: context.cwd })}`);
}

/**
 * Writes the files the plan creates or overwrites, in its order. A file to create that
 * appeared since planning is not touched (`wx`); any failure stops with what was written.
 */
async function writePlan(plan: InitPlan, cwd: string): Promise<void> {
  const written: string[] = [];
  for (const file of plan.files) {
    if (file.action !== 'create' && file.action !== 'overwrite') continue;
    const absolute = join(plan.root, file.path);
    const shown = displayPath(absolute, cwd);
    try {
      await mkdir(dirname(absolute), { recursive: true });
      await writeFile(absolute, file.contents, { flag: file.action === 'create' ? 'wx' : 'w' });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const done =
        written.length === 0 ? 'Nothing was written.' : `Written before it: ${written.join(', ')}.`;
      throw new AbeError(
        'usage',
        code === 'EEXIST'
          ? `${shown} appeared while abe init was writing, and was left as it is. ${done}`
          : `cannot write ${shown}: ${(error as Error).message}. ${done}`,
        {
          hint: 'Run abe init again: it plans from what is there now, and keeps the files already written.',
          cause: error,
        },
      );
    }
    written.push(shown);
  }
}
