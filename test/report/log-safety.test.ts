import { describe, expect, test } from 'vitest';
import type { Diagnostic } from '../../src/contract/types.js';
import { escapeData, escapeProperty } from '../../src/report/escape-workflow-command.js';
import { formatContractLint } from '../../src/report/format-contract-lint.js';
import {
  formatDiagnosticsGithub,
  formatDiagnosticsHuman,
} from '../../src/report/format-diagnostics.js';
import {
  formatGithubAnnotations,
  formatGithubStepSummary,
} from '../../src/report/format-github-report.js';
import { formatJsonReport } from '../../src/report/format-json-report.js';
import { formatJunit } from '../../src/report/format-junit.js';
import { formatSummary } from '../../src/report/format-summary.js';
import type { RunReport } from '../../src/report/run-report.js';
import { findAll, parseXml } from '../helpers/parse-xml.js';
import { configOf } from '../runner/runner-fixtures.js';
import { reportOf, stepResult } from './big-run-report.js';

// GitHub Actions reads every line of a step's output for workflow commands: `::` at the start
// (after spaces), and the legacy `##[` anywhere in it. These are the lines that would be read.
const LINE_BREAK = /\r\n|\r|\n/;
function commandLines(text: string): string[] {
  return text
    .split(LINE_BREAK)
    .filter((line) => line.trimStart().startsWith('::') || line.includes('##['));
}

const FORGED = '\n::error file=README.md,line=1::forged';
const LEGACY = '##[error]legacy';

const diagnostic: Diagnostic = {
  file: `users${FORGED}.json`,
  line: 3,
  column: 5,
  pointer: '/examples',
  code: 'method.unknown',
  severity: 'error',
  message: `unknown HTTP method "FOO" in example "OK${FORGED}\r::add-mask::x ${LEGACY}"`,
};

/** A run whose component name, note and log tail carry workflow commands. */
function hostileReport(): RunReport {
  const name = `api${FORGED}`;
  const failed = {
    ...stepResult(name, 'failed'),
    logTail: `$ make test\n::error::from the build\n${LEGACY}`,
  };
  const skipped = { ...stepResult('web', 'skipped'), note: `upstream "${name}" failed` };
  return reportOf(
    [
      { name, path: 'api', reasons: [{ kind: 'changed', detail: `file api/x${FORGED}\r| y` }] },
      { name: 'web', path: 'web', reasons: [{ kind: 'downstream', detail: LEGACY }] },
    ],
    [failed, skipped],
    {
      command: 'check',
      lint: { files: [diagnostic.file], diagnostics: [diagnostic], errorCount: 1, warningCount: 0 },
    },
  );
}

describe('text abe did not write cannot forge a workflow command', () => {
  test('lint diagnostics in human form show line breaks in file names and messages as \\n', () => {
    const text = formatDiagnosticsHuman([diagnostic], { fileCount: 1 });

    expect(commandLines(text)).toEqual([]);
    expect(text).toContain('users\\n::error file=README.md,line=1::forged.json\n');
    expect(text).toContain(
      '"OK\\n::error file=README.md,line=1::forged\\r::add-mask::x ##\\[error]',
    );
  });

  test('a file named like a command does not start a line, though nothing else in it changes', () => {
    const text = formatDiagnosticsHuman([{ ...diagnostic, file: '  ::warning::x.json' }], {
      fileCount: 1,
    });

    expect(text.split('\n')[0]).toBe('  \\::warning::x.json');
  });

  test('the Contracts section of abe check shows them escaped too', () => {
    const report = hostileReport();
    const text = formatContractLint(
      report.lint ?? { files: [], diagnostics: [], errorCount: 0, warningCount: 0 },
      configOf('/repo', [{ name: `api${FORGED}`, contracts: ['*.json'] }]),
      { color: false },
    );

    expect(commandLines(text)).toEqual([]);
    expect(text).toContain('Declared by api\\n::error file=README.md,line=1::forged.');
  });

  test('lint annotations escape the file as a property and the message as data', () => {
    const text = formatDiagnosticsGithub([diagnostic]);

    expect(text.split('\n')).toEqual([
      '::error file=users%0A%3A%3Aerror file=README.md%2Cline=1%3A%3Aforged.json,line=3,col=5,title=abe lint method.unknown::unknown HTTP method "FOO" in example "OK%0A::error file=README.md,line=1::forged%0D::add-mask::x ##[error]legacy"',
      '',
    ]);
  });

  test('workflow-command escaping covers %, CR and LF in data, and : and , in properties too', () => {
    expect(escapeData('100%\r\n:,')).toBe('100%25%0D%0A:,');
    expect(escapeProperty('100%\r\n:,')).toBe('100%25%0D%0A%3A%2C');
  });

  test('the summary table keeps a hostile component name on its row', () => {
    const text = formatSummary(hostileReport());

    expect(commandLines(text)).toEqual([]);
    expect(text.split('\n')[1]).toMatch(
      /^api\\n::error file=README\.md,line=1::forged +test +failed/,
    );
  });

  test('step annotations carry the log tail as escaped data, one line each', () => {
    const text = formatGithubAnnotations(hostileReport());

    expect(text.split('\n')).toHaveLength(2);
    expect(text).toMatch(
      /^::error title=abe check%3A api%0A%3A%3Aerror file=README\.md%2Cline=1%3A%3Aforged test failed::/,
    );
  });

  test('a line break in a step summary cell, CR included, does not end the table row', () => {
    const text = formatGithubStepSummary(hostileReport());

    const rows = text.split(LINE_BREAK).filter((line) => line.startsWith('| '));
    expect(rows).toHaveLength(4); // header, separator, api, web
    expect(rows[2]).toContain('file api/x\\n::error file=README.md,line=1::forged\\r\\| y');
  });

  test('a JUnit report on stdout holds no command line, and an XML reader still gets the text', () => {
    const xml = formatJunit(hostileReport());

    expect(commandLines(xml)).toEqual([]);
    const failure = findAll(parseXml(xml), 'failure').find((f) => f.text.includes('make test'));
    expect(failure?.text).toBe(`$ make test\n::error::from the build\n${LEGACY}`);
    const lint = findAll(parseXml(xml), 'failure').find((f) => f.text.includes('FOO'));
    expect(lint?.text).toContain(`OK${FORGED}`);
  });

  test('a JSON report on stdout holds no legacy command, and parses back to the same text', () => {
    const json = formatJsonReport(hostileReport());

    expect(commandLines(json)).toEqual([]);
    expect(JSON.parse(json).components[1].reasons[0].detail).toBe(LEGACY);
  });
});
