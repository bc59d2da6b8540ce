import type { ProjectMarker, Tooling } from './types.js';

/**
 * The tooling a component's Makefile delegates to, from its project files: go.mod first, then
 * pyproject.toml, then package.json (a Go or Python service often keeps a package.json for
 * tooling, a Node.js one rarely a go.mod), else none, and the Makefile gets placeholders.
 * Python tests run with pytest when the project mentions it (pyproject.toml, pytest.ini,
 * conftest.py), else with unittest.
 *
 * @example
 * chooseTooling(['package.json'], { pytest: false }); // { kind: 'npm' }
 * chooseTooling(['pyproject.toml'], { pytest: true }); // { kind: 'python', tests: 'pytest' }
 */
export function chooseTooling(
  markers: readonly ProjectMarker[],
  { pytest }: { readonly pytest: boolean },
): Tooling {
  if (markers.includes('go.mod')) return { kind: 'go' };
  if (markers.includes('pyproject.toml')) {
    return { kind: 'python', tests: pytest ? 'pytest' : 'unittest' };
  }
  if (markers.includes('package.json')) return { kind: 'npm' };
  return { kind: 'none' };
}
