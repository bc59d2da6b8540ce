import { logSafeJson, logSafeLineStart, logSafeText } from '../core/log-safe-text.js';
import type { AffectedResult } from './types.js';

/**
 * The stable `abe affected --json` document: `base`, `head`, `changedFiles`, `components`
 * (`name`, `path`, `reasons` of `{kind, detail}`) in build order, plus `baseRef`, `baseOrigin`
 * (why that base), `workingTree` (uncommitted changes counted), `unownedFiles`,
 * `changedContracts` (`file`, `owner`, `kind`, `changes`: the contracts whose meaning changed)
 * and `notRerun` (`name`, `contract`, `uses`: consumers `precision = example` left out).
 * Fields may be added, never renamed or removed.
 *
 * @example
 * process.stdout.write(formatAffectedJson(result));
 */
export function formatAffectedJson(result: AffectedResult): string {
  const document = {
    base: result.base,
    head: result.head,
    baseRef: result.baseRef ?? null,
    baseOrigin: result.baseOrigin ?? null,
    workingTree: result.workingTree ?? false,
    changedFiles: result.changedFiles,
    components: result.components.map((component) => ({
      name: component.name,
      path: component.path,
      reasons: component.reasons.map((reason) => ({ kind: reason.kind, detail: reason.detail })),
    })),
    unownedFiles: result.unownedFiles,
    changedContracts: result.changedContracts ?? [],
    notRerun: result.notRerun ?? [],
  };
  return `${logSafeJson(JSON.stringify(document, null, 2))}\n`;
}

/**
 * A GitHub Actions matrix, on one line so it can go straight into `$GITHUB_OUTPUT`:
 * `{"include":[{"component":"api","path":"services/api"}]}`.
 *
 * @example
 * formatAffectedMatrix(result); // '{"include":[{"component":"api","path":"api"}]}\n'
 */
export function formatAffectedMatrix(result: AffectedResult): string {
  const include = result.components.map((component) => ({
    component: component.name,
    path: component.path,
  }));
  return `${logSafeJson(JSON.stringify({ include }))}\n`;
}

/**
 * Component names, one per line, in build order (the seed's `discover`).
 *
 * @example
 * formatAffectedNames(result); // 'api\nweb\n'
 */
export function formatAffectedNames(result: AffectedResult): string {
  return result.components.map((component) => `${logSafeLineStart(component.name)}\n`).join('');
}

/**
 * Readable text: what was compared, each affected component with its reasons, then the
 * changed files no component owns. File names, refs and reasons (which quote contract labels)
 * are shown with control characters escaped (`logSafeText`): a newline in a file name cannot
 * start a line of its own, which GitHub Actions would read as a workflow command.
 *
 * @example
 * formatAffectedHuman(result, { color: false });
 */
export function formatAffectedHuman(
  result: AffectedResult,
  options: { color: boolean; maxReasons?: number },
): string {
  const bold = (text: string) => (options.color ? `\u001b[1m${text}\u001b[22m` : text);
  const dim = (text: string) => (options.color ? `\u001b[2m${text}\u001b[22m` : text);
  const maxReasons = options.maxReasons ?? 8;
  const lines: string[] = [];
  if (result.base !== null) {
    const files = result.changedFiles.length;
    const head = result.head === null ? 'HEAD' : short(result.head);
    const against =
      result.workingTree === true
        ? `the working tree (HEAD ${head} and uncommitted changes)`
        : head;
    lines.push(
      `Compared ${logSafeText(result.baseRef ?? 'base')} (merge-base ${short(result.base)}) with ${against}: ${files} changed file${files === 1 ? '' : 's'}.`,
    );
    if (result.baseOrigin !== undefined) {
      lines.push(dim(`  base from ${logSafeText(result.baseOrigin)}`));
    }
  }
  const count = result.components.length;
  if (count === 0) {
    lines.push('No component is affected.');
  } else {
    lines.push(`${count} affected component${count === 1 ? '' : 's'}, in build order:`);
    for (const component of result.components) {
      lines.push(
        `  ${bold(logSafeLineStart(component.name))} ${dim(`(${logSafeText(component.path)})`)}`,
      );
      for (const reason of component.reasons.slice(0, maxReasons)) {
        lines.push(`    ${dim(`${reason.kind}:`)} ${logSafeText(reason.detail)}`);
      }
      const more = component.reasons.length - maxReasons;
      if (more > 0) lines.push(`    ${dim(`… and ${more} more reasons (--json lists them all)`)}`);
    }
  }
  for (const left of result.notRerun ?? []) {
    const uses =
      left.uses.length === 0
        ? 'uses no example'
        : `uses only ${left.uses.map((label) => JSON.stringify(label)).join(', ')}`;
    lines.push(
      `  ${dim('not rerun:')} ${logSafeText(left.name)} (${logSafeText(`${uses} of ${left.contract}`)}, per the usage lock)`,
    );
  }
  if (result.unownedFiles.length > 0) {
    lines.push(`Changed files no component owns (they select nothing):`);
    for (const file of result.unownedFiles) lines.push(`  ${logSafeLineStart(file)}`);
  }
  return `${lines.join('\n')}\n`;
}

function short(sha: string): string {
  return sha.slice(0, 10);
}
