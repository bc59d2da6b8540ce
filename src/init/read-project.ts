import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isRecord } from '../core/is-record.js';
import { HTTP_FRAMEWORKS } from './choose-provider.js';
import { chooseTooling } from './choose-tooling.js';
import { markersOf, readEntries } from './find-projects.js';
import type { ProjectFacts } from './types.js';

const NPM_DEPENDENCY_KINDS = [
  'dependencies',
  'devDependencies',
  'peerDependencies',
  'optionalDependencies',
] as const;

/**
 * What init needs to know of a project directory: its project files, its package name, what
 * it depends on, and the tooling its Makefile can call. A file that does not parse is read as
 * saying nothing; init never fails on one.
 *
 * @example
 * readProject('/repo', 'services/api');
 * // { markers: ['package.json'], packageName: '@shop/api', dependencies: ['express'], …, tooling: { kind: 'npm' } }
 */
export function readProject(root: string, path: string): ProjectFacts {
  const directory = join(root, path);
  const markers = markersOf(readEntries(directory));
  const pkg = markers.includes('package.json')
    ? readPackageJson(join(directory, 'package.json'))
    : undefined;
  const pyproject = markers.includes('pyproject.toml')
    ? readText(join(directory, 'pyproject.toml'))
    : '';
  const goMod = markers.includes('go.mod') ? readText(join(directory, 'go.mod')) : '';
  const pytest =
    /\bpytest\b/.test(pyproject) ||
    existsSync(join(directory, 'pytest.ini')) ||
    existsSync(join(directory, 'conftest.py'));
  return {
    markers,
    packageName: pkg?.name,
    dependencies: [
      ...(pkg?.dependencies ?? []),
      ...pythonFrameworks(pyproject),
      ...goRequirements(goMod),
    ],
    packageLinks: pkg?.links ?? [],
    tooling: chooseTooling(markers, { pytest }),
  };
}

interface PackageJson {
  readonly name: string | undefined;
  readonly dependencies: readonly string[];
  readonly links: readonly string[];
}

function readPackageJson(file: string): PackageJson | undefined {
  let json: unknown;
  try {
    json = JSON.parse(readText(file));
  } catch {
    return undefined;
  }
  if (!isRecord(json)) return undefined;
  const namesOf = (kind: string): string[] => {
    const value = json[kind];
    return isRecord(value) ? Object.keys(value) : [];
  };
  return {
    name: typeof json.name === 'string' && json.name !== '' ? json.name : undefined,
    dependencies: namesOf('dependencies'),
    links: [...new Set(NPM_DEPENDENCY_KINDS.flatMap(namesOf))],
  };
}

/**
 * The Python HTTP frameworks pyproject.toml names. init reads no TOML: a framework's name as
 * a word of the file (a dependency line, almost always) is enough for a guess the user
 * confirms.
 */
function pythonFrameworks(pyproject: string): string[] {
  return HTTP_FRAMEWORKS.python.filter((name) =>
    new RegExp(`(^|[^\\w.-])${name}([^\\w.-]|$)`, 'im').test(pyproject),
  );
}

/** The module paths go.mod requires, from `require x v1` lines and `require ( … )` blocks. */
function goRequirements(goMod: string): string[] {
  return [...goMod.matchAll(/^\s*(?:require\s+)?([\w.-]+\.[\w.-]+\/\S+)\s+v\d/gm)].map(
    (match) => match[1] ?? '',
  );
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
