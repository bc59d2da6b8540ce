import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { analyzeText } from '../../src/contract/analyze-contract.js';
import * as positions from '../../src/contract/json-positions.js';
import { lintContracts, parseContract } from '../../src/index.js';
import { runCli } from '../helpers/run-cli.js';

const FIXTURE = 'fixtures/contracts/valid/numeric-labels.json';

/** A contract whose examples are labelled `labels`, in that order. */
function contractText(labels: readonly string[]): string {
  const examples = labels.map(
    (label) => `    ${JSON.stringify(label)}: { "response": { "status": 200 } }`,
  );
  return `{\n  "url": "/status",\n  "method": "GET",\n  "examples": {\n${examples.join(',\n')}\n  }\n}\n`;
}

const warningsOf = (text: string) =>
  analyzeText(text, 'status.json', positions).diagnostics.filter((d) => d.severity === 'warning');

describe('integer labels', () => {
  test('abe lint warns at each integer label, at its line and column, naming the order JavaScript gives', async () => {
    const { diagnostics } = await lintContracts([FIXTURE]);
    expect(
      diagnostics.map(({ line, column, pointer, code, severity }) => ({
        line,
        column,
        pointer,
        code,
        severity,
      })),
    ).toEqual([
      { line: 6, column: 5, pointer: '/examples/200', code: 'label.numeric', severity: 'warning' },
      { line: 7, column: 5, pointer: '/examples/404', code: 'label.numeric', severity: 'warning' },
    ]);
    expect(diagnostics[0]?.message).toBe(
      'label "200" is an integer, which JavaScript lists before other keys, in numeric order: imported as a module or read with JSON.parse, this file\'s examples come as "200", "404", "teapot", not in the order written. Give it a label that is not a number (a word, such as "not found"), or write "examples" as an array if the examples are only numbered.',
    );
  });

  test('the warning leaves the contract valid, its examples in file order', () => {
    const text = contractText(['teapot', '200']);
    const { contract, diagnostics } = analyzeText(text, 'status.json', positions);
    expect(diagnostics.map((d) => d.code)).toEqual(['label.numeric']);
    expect(contract?.examples.map((example) => example.label)).toEqual(['teapot', '200']);
    expect(parseContract(text).examples.map((example) => example.label)).toEqual(['teapot', '200']);
  });

  test('integer labels already first and ascending still warn, saying what keeps their order', () => {
    const [warning] = warningsOf(contractText(['200', '404', 'teapot']));
    expect(warning?.message).toContain(
      'these examples keep the order written only while every integer label comes first, in ascending order',
    );
  });

  test.each([
    ['a word', ['OK', 'not found']],
    ['a leading zero', ['007']],
    ['a sign', ['-1']],
    ['a decimal point', ['1.5']],
    ['digits and words', ['404 not found']],
  ])('a label with %s keeps its place in JavaScript and is not warned about', (_, labels) => {
    expect(warningsOf(contractText(labels))).toEqual([]);
  });

  test('an examples array, labelled "0", "1" by position, is not warned about', () => {
    const text = JSON.stringify({
      url: '/status',
      method: 'GET',
      examples: [{ response: { status: 200 } }, { response: { status: 404 } }],
    });
    expect(analyzeText(text, 'status.json', positions).diagnostics).toEqual([]);
  });

  test('a contract with an error reports the warning beside it', () => {
    const text = contractText(['teapot', '200']).replace(
      '"status": 200 } }\n',
      '"status": 999 } }\n',
    );
    const { contract, diagnostics } = analyzeText(text, 'status.json', positions);
    expect(contract).toBeUndefined();
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([
      ['status.range', 'error'],
      ['label.numeric', 'warning'],
    ]);
  });
});

describe('abe lint with integer labels', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'abe-numeric-labels-'));
    await writeFile(join(dir, 'status.json'), contractText(['teapot', '200']));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  test('prints the warning and exits 0: warnings do not fail lint', async () => {
    const run = await runCli(['lint', 'status.json'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ {2}6:5 +warning +label "200" is an integer, .* label\.numeric$/m);
  });

  test('--format json counts it as a warning', async () => {
    const run = await runCli(['lint', '--format', 'json', 'status.json'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ errorCount: 0, warningCount: 1 });
  });
});
