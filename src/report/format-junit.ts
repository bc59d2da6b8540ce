import { relative } from 'node:path';
import { failureReasons, type StepResult } from '../runner/run-result.js';
import { driftMessage } from './format-ledger-gate.js';
import type { RunReport } from './run-report.js';

/**
 * The `--reporter junit` document: a `<testsuite>` per component with one `<testcase>` per
 * step (a failure carries the log tail), plus a `contracts` suite with one test case per
 * linted file for `abe check`.
 *
 * @example
 * await writeFile('reports/junit.xml', formatJunit(report));
 */
export function formatJunit(report: RunReport): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let skipped = 0;

  if (report.lint !== undefined) {
    const cases = report.lint.files.map((file) => {
      const errors = report.lint?.diagnostics.filter(
        (d) => d.file === file && d.severity === 'error',
      );
      if (errors === undefined || errors.length === 0) {
        return `    <testcase classname="contracts" name="${xmlAttr(file)}" time="0"/>`;
      }
      const text = errors.map((d) => `${d.file}:${d.line}:${d.column}  ${d.message}  ${d.code}`);
      return [
        `    <testcase classname="contracts" name="${xmlAttr(file)}" time="0">`,
        `      <failure message="${xmlAttr(`${errors.length} lint error${errors.length === 1 ? '' : 's'}`)}" type="lint">${xmlText(text.join('\n'))}</failure>`,
        '    </testcase>',
      ].join('\n');
    });
    const lintFailures = cases.filter((c) => c.includes('<failure')).length;
    tests += cases.length;
    failures += lintFailures;
    suites.push(suite('contracts', cases, cases.length, lintFailures, 0, 0));
  }

  for (const component of report.affected.components) {
    const steps = report.run.steps.filter((step) => step.component === component.name);
    const cases = steps.map((step) => testcase(step, report.root));
    const f = steps.filter((s) => s.status === 'failed').length;
    const s = steps.filter((step) => step.status === 'skipped').length;
    const seconds = steps.reduce((sum, step) => sum + step.durationMs, 0) / 1000;
    tests += steps.length;
    failures += f;
    skipped += s;
    suites.push(suite(component.name, cases, steps.length, f, s, seconds));
  }

  const ledger = ledgerSuite(report);
  if (ledger !== undefined) {
    tests += ledger.tests;
    failures += ledger.failures;
    suites.push(ledger.text);
  }

  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlAttr(`abe ${report.command}`)}" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}" time="${seconds(report.run.durationMs)}" timestamp="${xmlAttr(report.run.startedAt)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

function suite(
  name: string,
  cases: readonly string[],
  tests: number,
  failures: number,
  skipped: number,
  time: number,
): string {
  return [
    `  <testsuite name="${xmlAttr(name)}" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}" time="${time.toFixed(3)}">`,
    ...cases,
    '  </testsuite>',
  ].join('\n');
}

function testcase(step: StepResult, root: string): string {
  const open = `    <testcase classname="${xmlAttr(step.component)}" name="${xmlAttr(step.step)}" time="${seconds(step.durationMs)}"`;
  const log =
    step.logFile === null
      ? ''
      : `\n      <system-out>${xmlText(`log: ${relative(root, step.logFile)}`)}</system-out>`;
  if (step.status === 'passed') return `${open}>${log}\n    </testcase>`;
  if (step.status === 'skipped') {
    return `${open}>\n      <skipped message="${xmlAttr(step.note ?? 'skipped')}"/>\n    </testcase>`;
  }
  const why = failureReasons(step);
  const message = `${step.component} ${step.step} failed${why.length > 0 ? ` (${why.join(', ')})` : ''}`;
  return [
    `${open}>`,
    `      <failure message="${xmlAttr(message)}" type="${step.signal === null ? 'failed' : 'killed'}">${xmlText(step.logTail ?? '')}</failure>${log}`,
    '    </testcase>',
  ].join('\n');
}

/**
 * A `ledger` suite for `abe check`: a test case per finding of the gate (a failure when its
 * policy is error, a passing case with the warning in system-out otherwise) and one for drift.
 */
function ledgerSuite(
  report: RunReport,
): { text: string; tests: number; failures: number } | undefined {
  const ledger = report.ledger;
  if (
    ledger === undefined ||
    (ledger.findings.length === 0 && ledger.drift.length === 0 && ledger.problem === undefined)
  ) {
    return undefined;
  }
  const cases = ledger.findings.map((finding) => {
    const open = `    <testcase classname="ledger" name="${xmlAttr(`${finding.file} "${finding.label}"`)}" time="0">`;
    const where = `${finding.file}:${finding.line}:${finding.column}`;
    return finding.severity === 'error'
      ? `${open}\n      <failure message="${xmlAttr(finding.message)}" type="${finding.kind}">${xmlText(`${where}  ${finding.message}`)}</failure>\n    </testcase>`
      : `${open}\n      <system-out>${xmlText(`warning: ${where}  ${finding.message}`)}</system-out>\n    </testcase>`;
  });
  if (ledger.drift.length > 0) {
    const message = driftMessage(ledger);
    cases.push(
      `    <testcase classname="ledger" name="${xmlAttr(ledger.usageFile)}" time="0">\n      <failure message="${xmlAttr(message)}" type="usage-drift">${xmlText(message)}</failure>\n    </testcase>`,
    );
  }
  if (ledger.problem !== undefined) {
    cases.push(
      `    <testcase classname="ledger" name="ledger" time="0">\n      <failure message="${xmlAttr(ledger.problem)}" type="ledger-invalid">${xmlText(ledger.problem)}</failure>\n    </testcase>`,
    );
  }
  const failures = cases.filter((c) => c.includes('<failure')).length;
  return {
    text: suite('ledger', cases, cases.length, failures, 0, 0),
    tests: cases.length,
    failures,
  };
}

/** A duration as JUnit writes it: seconds with three decimals. */
export function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

// Terminal colour codes and characters XML 1.0 forbids would make the whole report unreadable.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are what it removes
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are what it removes
const NOT_XML = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

function clean(text: string): string {
  return text.replace(ANSI, '').replace(NOT_XML, '');
}

export function xmlText(text: string): string {
  return (
    clean(text)
      .replaceAll('&', '&amp;')
      .replaceAll('<', '&lt;')
      .replaceAll('>', '&gt;')
      // Printed on stdout the report lands in the CI log, which GitHub Actions reads for
      // workflow commands: `::` at the start of a line and `##[` anywhere in one. Character
      // references keep the same text for an XML reader, and nothing for the runner to act on
      // (a failed step's log tail would otherwise repeat its annotations).
      .replaceAll('\r', '&#13;')
      .replace(/^(\s*):/gm, '$1&#58;')
      .replaceAll('##[', '##&#91;')
  );
}

export function xmlAttr(text: string): string {
  return xmlText(text)
    .replaceAll('"', '&quot;')
    .replaceAll('\n', '&#10;')
    .replaceAll('\r', '&#13;')
    .replaceAll('\t', '&#9;');
}
