import { runGit } from '../affected/run-git.js';
import { readLogTail } from '../runner/read-log-tail.js';
import {
  outcomeOf,
  type StepAction,
  type StepContext,
  type StepOutcome,
} from '../runner/step-action.js';
import { readReleaseRecord } from './release-record.js';

export interface TagActionOptions {
  /** Full sha of HEAD: the commit tagged, which must be the commit released. */
  readonly head: string;
}

/**
 * The `tag` step: an annotated git tag `<component>-<version>` on HEAD, only for a component
 * whose release at HEAD succeeded. The version is what `make -s -C <path> version` prints,
 * or the short sha when the Makefile has no `version` target. A tag that already names HEAD
 * passes; one that names another commit fails.
 *
 * @example
 * await runComponents({ …, steps: ['tag'], actions: { tag: createTagAction({ head }) } });
 */
export function createTagAction(options: TagActionOptions): StepAction {
  // Whether git has an identity does not change during a run (all components share the
  // repository): ask on the first tag that needs it, rather than once per component.
  let identity: Promise<boolean> | undefined;
  const hasIdentity = (root: string): Promise<boolean> => {
    identity ??= runGit(['config', 'user.email'], { cwd: root }).then(
      (configured) => configured.code === 0,
    );
    return identity;
  };
  return async (context) => {
    const { config, component, log } = context;
    const shortHead = options.head.slice(0, 7);
    const record = await readReleaseRecord(config.root, component.name);
    if (record === undefined || record.sha !== options.head) {
      const nothingToRelease = component.releaseProcess === 'none';
      const why = nothingToRelease
        ? 'no release-process in the config, nothing to tag'
        : `not released at ${shortHead}: tags are created only after a successful "abe release"`;
      log(`abe: ${why}`);
      return { status: 'skipped', exitCode: null, note: why, blocked: !nothingToRelease };
    }
    const version = await readVersion(context, shortHead);
    if ('status' in version) return version;
    const name = `${component.name}-${version.value}`;
    const existing = await runGit(['rev-parse', '-q', '--verify', `refs/tags/${name}^{commit}`], {
      cwd: config.root,
    });
    if (existing.code === 0) {
      const sha = existing.stdout.toString('utf8').trim();
      if (sha === options.head)
        return { status: 'passed', exitCode: 0, note: `${name} already tags HEAD` };
      log(`abe: tag ${name} already exists on ${sha}, not on HEAD ${options.head}.`);
      return {
        status: 'failed',
        exitCode: null,
        note: `tag ${name} already exists on ${sha.slice(0, 7)}: bump the version`,
      };
    }
    const message = `${component.name} ${version.value}${record.image === null ? '' : `\n\nImage: ${record.image}`}`;
    const tagged = outcomeOf(
      // Options first, then `--`: a name from builder.ini must never be read as an option.
      await context.exec('git', ['tag', '-a', '-m', message, '--', name, options.head], {
        env: await withTagger(context.env, () => hasIdentity(config.root)),
      }),
      'git',
    );
    return tagged.status === 'passed' ? { ...tagged, note: `tagged ${name}` } : tagged;
  };
}

async function readVersion(
  context: StepContext,
  shortHead: string,
): Promise<{ value: string } | StepOutcome> {
  const { component, exec, log, logFile } = context;
  // LC_ALL=C keeps make's "No rule to make target" message in English, so it can be recognised.
  const result = await exec('make', ['-s', '-C', component.path, 'version'], {
    captureStdout: true,
    env: { ...context.env, LC_ALL: 'C' },
  });
  if (result.exitCode !== 0 || result.error !== null) {
    const tail = await readLogTail(logFile, { lines: 5 });
    if (result.error === null && /No rule to make target [`'‘"]?version\b/.test(tail)) {
      log(`abe: no version target, using the short sha ${shortHead}`);
      return { value: shortHead };
    }
    return outcomeOf(result, 'make');
  }
  const value = result.stdout.trim().split('\n').pop()?.trim() ?? '';
  if (
    !/^[A-Za-z0-9][A-Za-z0-9._+-]*$/.test(value) ||
    value.includes('..') ||
    value.endsWith('.lock')
  ) {
    log(
      `abe: "make version" printed ${JSON.stringify(value)}, which cannot be part of a git tag name.`,
    );
    return {
      status: 'failed',
      exitCode: 0,
      note: `"make version" printed ${JSON.stringify(value.slice(0, 40))}, not a version such as 1.4.2`,
    };
  }
  return { value };
}

/** CI checkouts often have no git identity, and an annotated tag needs a tagger. */
async function withTagger(
  env: Readonly<Record<string, string>>,
  hasIdentity: () => Promise<boolean>,
): Promise<Readonly<Record<string, string>>> {
  if (env.GIT_COMMITTER_EMAIL !== undefined || env.EMAIL !== undefined) return env;
  if (await hasIdentity()) return env;
  return {
    ...env,
    GIT_COMMITTER_NAME: env.GIT_COMMITTER_NAME ?? 'abe',
    GIT_COMMITTER_EMAIL: 'abe@localhost',
  };
}
