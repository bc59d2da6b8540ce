import { describe, expect, test } from 'vitest';
import { formatVerifyGithubAnnotations } from '../../src/report/format-verify-github.js';
import { formatVerifyJson } from '../../src/report/format-verify-json.js';
import { formatVerifyJunit } from '../../src/report/format-verify-junit.js';
import {
  formatVerifyEnd,
  formatVerifyLine,
  formatVerifySummary,
} from '../../src/report/format-verify-summary.js';
import type { VerifyRun } from '../../src/report/verify-run.js';
import { parseXml } from '../helpers/parse-xml.js';

const RUN: VerifyRun = {
  baseUrl: 'http://127.0.0.1:8000/api',
  startedAt: '2026-12-07T03:00:00.000Z',
  durationMs: 412,
  examples: [
    {
      file: 'users/get.json',
      label: 'OK',
      outcome: 'passed',
      method: 'GET',
      url: '/users/1',
      state: 'user exists',
      stateParams: { id: 1 },
      durationMs: 12.4,
      line: 6,
      column: 5,
    },
    {
      file: 'users/get.json',
      label: 'renamed',
      outcome: 'failed',
      method: 'GET',
      url: '/users/2',
      durationMs: 8,
      line: 14,
      column: 5,
      failure: {
        file: 'users/get.json',
        label: 'renamed',
        request: 'GET /users/2',
        mismatches: [
          {
            path: '/body/name',
            kind: 'value',
            expected: 'Grace',
            actual: 'grace\n::error::forged',
            message: 'expected "Grace"',
          },
        ],
      },
    },
    {
      file: 'users/create.json',
      label: 'created',
      outcome: 'failed',
      method: 'POST',
      url: '/users',
      durationMs: 300,
      failure: {
        file: 'users/create.json',
        label: 'created',
        request: 'POST /users',
        mismatches: [],
        error: 'the request failed: no response within 300 ms (the timeout).',
      },
    },
    {
      file: 'users/create.json',
      label: 'invalid',
      outcome: 'skipped',
      method: 'POST',
      url: '/users',
      durationMs: 0,
    },
  ],
};

describe('verify summary', () => {
  test('one line per example, marked by outcome, coloured only when asked', () => {
    expect(RUN.examples.map((example) => formatVerifyLine(example))).toEqual([
      '✔ users/get.json  OK  GET /users/1\n',
      '✖ users/get.json  renamed  GET /users/2\n',
      '✖ users/create.json  created  POST /users\n',
      '- users/create.json  invalid  POST /users (skipped)\n',
    ]);
    expect(formatVerifyLine(RUN.examples[0] as never, { color: true })).toBe(
      '\u001b[32m✔ users/get.json  OK  GET /users/1\u001b[0m\n',
    );
  });

  test('the end lists every failure in full, then the counts and the time', () => {
    const end = formatVerifyEnd(RUN);
    expect(end).toContain('\nusers/get.json#renamed  GET /users/2\n  /body/name');
    expect(end).toContain(
      '\nusers/create.json#created  POST /users\n  the request failed: no response within 300 ms',
    );
    expect(end.endsWith('\n4 examples: 1 passed, 2 failed, 1 skipped (0.4s)\n')).toBe(true);
    // What the provider sent cannot start a line of its own choosing.
    expect(end.split('\n').some((line) => line.trimStart().startsWith('::'))).toBe(false);
  });

  test('the summary file holds the lines and the end', () => {
    const text = formatVerifySummary(RUN);
    expect(text.startsWith('✔ users/get.json  OK  GET /users/1\n✖ users/get.json')).toBe(true);
    expect(text).toContain('4 examples: 1 passed, 2 failed, 1 skipped');
  });
});

describe('verify json, junit and github', () => {
  test('the JSON document is version 1 with every example as data', () => {
    const report = JSON.parse(formatVerifyJson(RUN));
    expect(report).toMatchObject({
      version: 1,
      command: 'verify',
      ok: false,
      baseUrl: 'http://127.0.0.1:8000/api',
      durationMs: 412,
      counts: { total: 4, passed: 1, failed: 2, skipped: 1 },
    });
    expect(report.examples[0]).toEqual({
      file: 'users/get.json',
      label: 'OK',
      method: 'GET',
      url: '/users/1',
      state: 'user exists',
      stateParams: { id: 1 },
      outcome: 'passed',
      durationMs: 12,
      mismatches: [],
      error: null,
      line: 6,
      column: 5,
    });
    expect(report.examples[1].mismatches[0]).toEqual({
      path: '/body/name',
      kind: 'value',
      expected: 'Grace',
      actual: 'grace\n::error::forged',
      message: 'expected "Grace"',
    });
    expect(report.examples[1]).toMatchObject({ state: null, stateParams: null });
    expect(report.examples[2]).toMatchObject({
      error: expect.stringContaining('300 ms'),
      line: null,
    });
  });

  test('JUnit: a suite per contract file, a case per example, failures and skips marked', () => {
    const root = parseXml(formatVerifyJunit(RUN));
    expect(root.attributes.get('tests')).toBe('4');
    expect(root.attributes.get('failures')).toBe('2');
    expect(root.children.map((suite) => suite.attributes.get('name'))).toEqual([
      'users/get.json',
      'users/create.json',
    ]);
    const [created, invalid] = root.children[1]?.children ?? [];
    expect(created?.children[0]?.attributes.get('type')).toBe('error');
    expect(created?.children[0]?.text).toContain('users/create.json#created  POST /users');
    expect(invalid?.children[0]?.name).toBe('skipped');
  });

  test('GitHub: one annotation per failed example, at its line and column when known', () => {
    const lines = formatVerifyGithubAnnotations(RUN).trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^::error file=users\/get\.json,line=14,col=5,title=abe verify%3A renamed failed::users\/get\.json#renamed {2}GET \/users\/2%0A/,
    );
    expect(lines[1]).toMatch(/^::error file=users\/create\.json,title=/);
  });
});
