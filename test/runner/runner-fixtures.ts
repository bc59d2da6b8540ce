import { closeSync, openSync, readdirSync, readlinkSync, realpathSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BuilderConfig, Component, MakeStep, ReleaseProcess } from '../../src/config/types.js';
import { type GitRepo, makeGitRepo } from '../helpers/git-repo.js';

export interface ComponentSpec {
  readonly name: string;
  readonly path?: string;
  readonly upstream?: readonly string[];
  readonly releaseProcess?: ReleaseProcess;
  readonly contracts?: readonly string[];
  readonly steps?: readonly MakeStep[];
}

/** A temp dir that the returned function removes. */
export async function makeTempDir(
  prefix: string,
): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `abe-${prefix}-`));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * A `BuilderConfig` built directly, as `loadConfig` would return it: components in the order
 * given (which must be a build order), downstream derived from upstream.
 */
export function configOf(
  root: string,
  specs: readonly ComponentSpec[],
  options: { registry?: string } = {},
): BuilderConfig {
  const downstream = new Map<string, string[]>();
  for (const spec of specs) {
    for (const name of spec.upstream ?? []) {
      const list = downstream.get(name);
      if (list === undefined) downstream.set(name, [spec.name]);
      else list.push(spec.name);
    }
  }
  const components: Component[] = specs.map((spec, index) => ({
    name: spec.name,
    path: spec.path ?? spec.name,
    upstream: spec.upstream ?? [],
    downstream: downstream.get(spec.name) ?? [],
    releaseProcess: spec.releaseProcess ?? 'none',
    contracts: spec.contracts ?? [],
    consumes: [],
    steps: spec.steps ?? ['build', 'test'],
    extra: {},
    line: index * 3 + 1,
  }));
  return {
    file: join(root, 'builder.ini'),
    root,
    components,
    base: undefined,
    globalFiles: ['builder.ini'],
    registry: options.registry,
  };
}

/** Writes `<dir>/Makefile` from target → recipe lines (tabs added). */
export async function writeMakefile(
  dir: string,
  rules: Readonly<Record<string, readonly string[]>>,
): Promise<void> {
  await mkdir(dir, { recursive: true });
  const text = Object.entries(rules)
    .map(([target, recipe]) => `${target}:\n${recipe.map((line) => `\t${line}\n`).join('')}`)
    .join('\n');
  await writeFile(join(dir, 'Makefile'), `.PHONY: ${Object.keys(rules).join(' ')}\n${text}`);
}

/** Recipe lines that append `start <NAME>` / `end <NAME>` around a short sleep to `$ORDER_LOG`. */
export function orderedRecipe(seconds = 0.2, exit = 0): string[] {
  return [
    '@echo "start $$NAME" >> "$$ORDER_LOG"',
    `@sleep ${seconds}`,
    '@echo "end $$NAME" >> "$$ORDER_LOG"',
    ...(exit === 0 ? [] : [`@echo "$$NAME is failing on purpose"; exit ${exit}`]),
  ];
}

export async function readLines(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.split('\n').filter((line) => line !== '');
}

/** Index of a line in an event log; fails loudly when absent. */
export function at(lines: readonly string[], line: string): number {
  const index = lines.indexOf(line);
  if (index === -1) throw new Error(`"${line}" is not in the log:\n${lines.join('\n')}`);
  return index;
}

/** The most events open at once in a start/end log. */
export function maxConcurrent(lines: readonly string[]): number {
  let open = 0;
  let max = 0;
  for (const line of lines) {
    if (line.startsWith('start ')) open += 1;
    else if (line.startsWith('end ')) open -= 1;
    max = Math.max(max, open);
  }
  return max;
}

/**
 * A real git repository holding `files` and a `.gitignore` for abe's `.abe/` state, committed
 * once on `main` and recorded as `origin/main`; work continues on branch `feature`.
 */
export function makeRepo(files: Readonly<Record<string, string>>): Promise<GitRepo> {
  return makeGitRepo({ '.gitignore': '.abe/\n', ...files }, { feature: true });
}

/** builder.ini components: web is downstream of api, mailer stands alone. */
export const API_WEB_MAILER_INI = `[api]
path=api
downstream=web

[web]
path=web

[mailer]
path=mailer
`;

/** A Makefile text from target → recipe lines (tabs added). */
export function makefile(rules: Readonly<Record<string, readonly string[]>>): string {
  return `.PHONY: ${Object.keys(rules).join(' ')}\n${Object.entries(rules)
    .map(([target, recipe]) => `${target}:\n${recipe.map((line) => `\t${line}\n`).join('')}`)
    .join('\n')}`;
}

/** A valid ABE contract; `status` may be made invalid to provoke a lint error. */
export function contract(status: unknown = 200): string {
  return `${JSON.stringify(
    {
      description: 'Retrieve a user',
      url: '/users/[0-9]+',
      method: 'GET',
      examples: { OK: { request: { url: '/users/1' }, response: { status, body: { id: 1 } } } },
    },
    null,
    2,
  )}\n`;
}

/**
 * Points the descriptor this process has open on `file` at `/dev/full`, where every write fails
 * with ENOSPC: from then on, for whoever writes through it, the disk is full. Closing the
 * descriptor frees its number, and `open` returns the lowest free number, so opening `/dev/full`
 * takes it over (lower free numbers are filled first, then released). Linux only.
 */
export function fillDiskUnder(file: string): void {
  const target = realpathSync(file);
  const fd = readdirSync('/proc/self/fd')
    .map(Number)
    .find((candidate) => {
      try {
        return readlinkSync(`/proc/self/fd/${candidate}`) === target;
      } catch {
        return false;
      }
    });
  if (fd === undefined) throw new Error(`${file} is not open in this process`);
  closeSync(fd);
  const fillers: number[] = [];
  try {
    for (let next = openSync('/dev/full', 'w'); next !== fd; next = openSync('/dev/full', 'w')) {
      fillers.push(next);
      if (next > fd) throw new Error(`descriptor ${fd} was taken before /dev/full could have it`);
    }
  } finally {
    for (const filler of fillers) closeSync(filler);
  }
}
