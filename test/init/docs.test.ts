import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { renderExampleContract } from '../../src/init/render-example-contract.js';
import { renderMakefile } from '../../src/init/render-makefile.js';
import { renderWorkflow } from '../../src/init/render-workflow.js';

const DOC = readFileSync('docs/init.md', 'utf8');

describe('docs/init.md', () => {
  test('shows the contract, Makefile and workflow exactly as init writes them', () => {
    expect(DOC).toContain(
      `\`\`\`json\n${renderExampleContract('users', '../../../../node_modules/abe-ts/spec/abe.schema.json')}\`\`\``,
    );
    expect(DOC).toContain(`\`\`\`make\n${renderMakefile('users', { kind: 'npm' })}\`\`\``);
    expect(DOC).toContain(`\`\`\`yaml\n${renderWorkflow({ otherLanguages: [] })}\`\`\``);
  });
});
