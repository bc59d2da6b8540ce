import type { InitComponent } from './types.js';

/** The glob the example contract's component declares, relative to its path. */
export const CONTRACTS_GLOB = 'contracts/**/*.json';

export interface BuilderIniInput {
  readonly components: readonly Pick<InitComponent, 'name' | 'path' | 'upstream'>[];
  /** The component that gets `contracts=`, if any. */
  readonly provider: string | undefined;
  /** Root files whose change reruns everything, for `[abe] global-files`. */
  readonly globalFiles: readonly string[];
}

/**
 * The text of a new builder.ini: a comment explaining the keys the user fills in (`consumes`,
 * `downstream`, `contracts`), `[abe]` with the global files, and a section per component with
 * its path, the provider's `contracts=`, and the `upstream=` its package.json states.
 *
 * @example
 * renderBuilderIni({ components: [{ name: 'api', path: 'api', upstream: [] }], provider: 'api', globalFiles: [] });
 * // '; builder.ini: …\n[abe]\n…\n[api]\npath = api\ncontracts = contracts/**\/*.json\n'
 */
export function renderBuilderIni({ components, provider, globalFiles }: BuilderIniInput): string {
  const consumer = components.find((component) => component.name !== provider)?.name ?? 'web';
  const producer = provider ?? 'api';
  const header = `; builder.ini: the components of this repository, for abe (abe-ts). Written by
; \`abe init\`; edit it freely. \`abe check\` lints the contracts declared here, works out
; from git which components a change can break, and runs \`make build\` then \`make test\`
; in each of them, in dependency order. Reference: node_modules/abe-ts/docs/affected.md.
;
; Each [section] is a component (its name becomes a git tag, a label and a log file name):
;   path        its directory, relative to this file.
;   contracts   the ABE contract files it provides, as globs relative to path. When one
;               changes in meaning, every component that consumes it is rerun.
;   consumes    FILL IN: the components whose contracts its tests stub with mockFromAbe,
;               e.g. \`consumes = ${producer}\` under [${consumer}].
;   downstream  FILL IN: the components to rebuild and retest after it (integration tests,
;               a UI built on it); \`upstream\` states the same edge from the other side.
;   steps       the make targets it has: build test (the default), test, build or none.
;   release-process  docker, custom or none (the default), for \`abe release\`.
`;
  const global = [
    '[abe]',
    '; base = main   ; the branch to compare with when CI does not say (default: origin/main, …)',
    ...(globalFiles.length > 0
      ? [`global-files = ${globalFiles.join(', ')}   ; shared files: a change reruns everything`]
      : ['; global-files = tsconfig.base.json   ; shared files: a change reruns everything']),
  ];
  const sections = components.map((component) =>
    [
      `[${component.name}]`,
      `path = ${component.path}`,
      ...(component.name === provider ? [`contracts = ${CONTRACTS_GLOB}`] : []),
      ...(component.upstream.length > 0
        ? [`upstream = ${component.upstream.join(', ')}   ; from its package.json`]
        : []),
    ].join('\n'),
  );
  return `${header}\n${[global.join('\n'), ...sections].join('\n\n')}\n`;
}
