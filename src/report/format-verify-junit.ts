import { formatFailure } from '../provider/format-failure.js';
import { seconds, xmlAttr, xmlText } from './format-junit.js';
import { countVerified, type VerifiedExample, type VerifyRun } from './verify-run.js';

/**
 * The `abe verify --reporter junit` document: a `<testsuite>` per contract file, a
 * `<testcase>` per example (named by its label, the request in `classname`'s file), a failure
 * holding the text the summary prints, a skipped example marked `<skipped/>`.
 *
 * @example
 * await writeFile('reports/verify.xml', formatVerifyJunit(run));
 */
export function formatVerifyJunit(run: VerifyRun): string {
  const files = new Map<string, VerifiedExample[]>();
  for (const example of run.examples) {
    const list = files.get(example.file);
    if (list === undefined) files.set(example.file, [example]);
    else list.push(example);
  }
  const suites = [...files].map(([file, examples]) => {
    const counts = countVerified(examples);
    const time = examples.reduce((sum, example) => sum + example.durationMs, 0);
    return [
      `  <testsuite name="${xmlAttr(file)}" tests="${counts.total}" failures="${counts.failed}" errors="0" skipped="${counts.skipped}" time="${seconds(time)}">`,
      ...examples.map(testcase),
      '  </testsuite>',
    ].join('\n');
  });
  const counts = countVerified(run.examples);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="abe verify" tests="${counts.total}" failures="${counts.failed}" errors="0" skipped="${counts.skipped}" time="${seconds(run.durationMs)}" timestamp="${xmlAttr(run.startedAt)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

function testcase(example: VerifiedExample): string {
  const open = `    <testcase classname="${xmlAttr(example.file)}" name="${xmlAttr(`${example.label}  ${example.method} ${example.url}`)}" time="${seconds(example.durationMs)}"`;
  if (example.outcome === 'skipped') return `${open}>\n      <skipped/>\n    </testcase>`;
  if (example.failure === undefined) return `${open}/>`;
  const message =
    example.failure.error?.split('\n')[0] ??
    `${example.failure.mismatches.length} mismatch${example.failure.mismatches.length === 1 ? '' : 'es'}`;
  return [
    `${open}>`,
    `      <failure message="${xmlAttr(message)}" type="${example.failure.error === undefined ? 'mismatch' : 'error'}">${xmlText(formatFailure(example.failure))}</failure>`,
    '    </testcase>',
  ].join('\n');
}
