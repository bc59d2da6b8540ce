import type { MakeStep } from '../config/types.js';
import type { Tooling } from './types.js';

const STEPS: readonly MakeStep[] = ['build', 'test'];

/**
 * The Makefile of a component that has none: `.PHONY: build test` (so a `test/` directory
 * never makes make do nothing), and recipes that call the component's own tooling — npm
 * (`npm run build --if-present`, `npm test`), Python (compileall, then pytest or unittest),
 * Go (`go build ./...`, `go test ./...`). Without tooling, each target is a placeholder that
 * fails with a message saying what to write: a target that did nothing would let
 * `abe check` pass a component nobody builds or tests.
 *
 * @example
 * renderMakefile('api', { kind: 'npm' });
 * // '# …\n.PHONY: build test\n\nbuild:\n\tnpm run build --if-present\n\ntest:\n\tnpm test\n'
 */
export function renderMakefile(component: string, tooling: Tooling): string {
  const header = `# ${component}: \`abe check\` runs \`make build\` then \`make test\` here (make -C <path>).
# Written by \`abe init\`; edit the recipes to build and test ${component} your way.
`;
  const recipes = recipesFor(component, tooling);
  const body = STEPS.map(
    (step) => `${step}:\n${recipes[step].map((line) => `\t${line}`).join('\n')}`,
  );
  const preamble = tooling.kind === 'python' ? PYTHON_PREAMBLE : '';
  return `${header}${preamble}.PHONY: build test\n\n${body.join('\n\n')}\n`;
}

const PYTHON_PREAMBLE = `PYTHON ?= python3

# build byte-compiles the sources, which catches syntax errors (dot directories such as .venv
# left out); replace it with your own build (a wheel, an image) if you have one.
`;

type Recipes = Readonly<Record<MakeStep, readonly string[]>>;

function recipesFor(component: string, tooling: Tooling): Recipes {
  switch (tooling.kind) {
    case 'npm':
      return { build: ['npm run build --if-present'], test: ['npm test'] };
    case 'python':
      return {
        build: [`$(PYTHON) -m compileall -q -x '/(\\.|venv/|node_modules/)' .`],
        test: [tooling.tests === 'pytest' ? '$(PYTHON) -m pytest' : '$(PYTHON) -m unittest'],
      };
    case 'go':
      return { build: ['go build ./...'], test: ['go test ./...'] };
    case 'none':
      return { build: placeholder(component, 'build'), test: placeholder(component, 'test') };
  }
}

/**
 * A recipe that fails with a message. The component name is safe inside single quotes: it
 * holds only letters, digits, `.`, `_` and `-`.
 */
function placeholder(component: string, step: MakeStep): string[] {
  return [
    `@echo '${component}: "make ${step}" is a placeholder written by abe init. Write the ${step} recipe of ${component} in this Makefile.' >&2`,
    '@exit 1',
  ];
}
