import { chmod, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach } from 'vitest';

/** One call the stand-in received. */
export interface KubectlCall {
  readonly args: string[];
  readonly stdin: string;
}

// A recording kubectl (POSIX sh, so each call is cheap): appends its argv and stdin to
// $KUBECTL_LOG and answers per verb (APPLY, DIFF, ROLLOUT_STATUS, ROLLOUT_UNDO):
//   KUBECTL_EXIT_<VERB>    exit code (default 0)
//   KUBECTL_FAIL_<VERB>    comma-separated rollout targets that exit 1
//   KUBECTL_STDOUT_<VERB>  what to print on stdout
//   KUBECTL_STDERR_<VERB>  what to print on stderr (instead of the stand-in's own error line)
//   KUBECTL_SLEEP_<VERB>   seconds to hang after printing (its pid is appended to $KUBECTL_PIDS)
// Log format: per call, \x1f-terminated arguments on one line, then stdin, then \x1e.
const SCRIPT = `#!/bin/sh
target=
case "$1 $2" in
  "rollout status"*) verb=ROLLOUT_STATUS; target=$3 ;;
  "rollout undo"*) verb=ROLLOUT_UNDO; target=$3 ;;
  apply*) verb=APPLY ;;
  diff*) verb=DIFF ;;
  *) verb=OTHER ;;
esac
{
  for arg in "$@"; do printf '%s\\037' "$arg"; done
  printf '\\n'
  cat
  printf '\\036'
} >> "$KUBECTL_LOG"
printenv "KUBECTL_STDOUT_$verb" || true
printenv "KUBECTL_STDERR_$verb" >&2 || true
pause=$(printenv "KUBECTL_SLEEP_$verb" || true)
if [ -n "$pause" ]; then
  echo $$ >> "\${KUBECTL_PIDS:-/dev/null}"
  sleep "$pause"
fi
code=$(printenv "KUBECTL_EXIT_$verb" || echo 0)
case ",$(printenv "KUBECTL_FAIL_$verb")," in
  *",$target,"*) [ -n "$target" ] && code=1 ;;
esac
if [ "$code" -gt 1 ] || { [ "$code" -eq 1 ] && [ "$verb" != DIFF ]; }; then
  printenv "KUBECTL_STDERR_$verb" > /dev/null || echo "error: stand-in $verb failed for \${target:--f -}" >&2
fi
exit "$code"
`;

/** What kubectl apply prints for the basic fixture: every object configured. */
export const APPLY_ALL_CONFIGURED =
  'configmap/settings configured\ndeployment.apps/api configured\nservice/api configured\nstatefulset.apps/worker configured';

export interface DeployWorkspace {
  /** The temp root: also the CLI's working directory. */
  readonly root: string;
  /** The deployment directory, relative to root. */
  readonly dir: string;
  /** Directory holding the stand-in `kubectl`. */
  readonly bin: string;
  readonly log: string;
  /** Where a hanging stand-in (KUBECTL_SLEEP_<VERB>) writes its pid. */
  readonly pids: string;
  /** Environment for the CLI: the stand-in first on PATH, every object reported as configured. */
  env(extra?: Record<string, string>): Record<string, string>;
  /** Calls the stand-in recorded, in order. */
  calls(): Promise<KubectlCall[]>;
  cleanup(): Promise<void>;
}

const FIXTURES = fileURLToPath(new URL('../../fixtures/deploy/', import.meta.url));

/** Copies a deployment fixture to `<tmp>/operations/production` and puts a recording kubectl on PATH. */
export async function makeWorkspace(fixture = 'basic'): Promise<DeployWorkspace> {
  const root = await mkdtemp(join(tmpdir(), 'abe-deploy-'));
  const dir = 'operations/production';
  await cp(join(FIXTURES, fixture), join(root, dir), { recursive: true });
  const bin = join(root, 'bin');
  await mkdir(bin);
  await writeFile(join(bin, 'kubectl'), SCRIPT);
  await chmod(join(bin, 'kubectl'), 0o755);
  const log = join(root, 'kubectl.log');
  const pids = join(root, 'kubectl.pids');
  return {
    root,
    dir,
    bin,
    log,
    pids,
    env: (extra = {}) => ({
      PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`,
      KUBECTL_LOG: log,
      KUBECTL_PIDS: pids,
      KUBECTL_STDOUT_APPLY: APPLY_ALL_CONFIGURED,
      ...extra,
    }),
    calls: async () => {
      const text = await readFile(log, 'utf8').catch(() => '');
      return text
        .split('\x1e')
        .filter(Boolean)
        .map((record) => {
          const newline = record.indexOf('\n');
          return {
            args: record.slice(0, newline).split('\x1f').slice(0, -1),
            stdin: record.slice(newline + 1),
          };
        });
    },
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

/** Copies a file from fixtures/deploy into the workspace (e.g. a broken template over a good one). */
export async function useFixture(
  workspace: DeployWorkspace,
  from: string,
  to: string,
): Promise<void> {
  await cp(join(FIXTURES, from), join(workspace.root, workspace.dir, to));
}

/**
 * A fresh workspace for each test of the file (made before, removed after), and the
 * `abe deploy` arguments that point at it with tag 1.4.2.
 */
export function useWorkspace(): {
  readonly ws: () => DeployWorkspace;
  readonly deployArgs: (...extra: string[]) => string[];
} {
  let current: DeployWorkspace | undefined;
  beforeEach(async () => {
    current = await makeWorkspace();
  });
  afterEach(async () => {
    await current?.cleanup();
  });
  const ws = (): DeployWorkspace => {
    if (current === undefined) throw new Error('useWorkspace: no test is running');
    return current;
  };
  return {
    ws,
    deployArgs: (...extra) => ['deploy', '--dir', ws().dir, '--tag', '1.4.2', ...extra],
  };
}
