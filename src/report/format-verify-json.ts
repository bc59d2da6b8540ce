import type { JsonObject } from '../contract/types.js';
import { logSafeJson } from '../core/log-safe-text.js';
import type { MismatchKind } from '../match/types.js';
import { countVerified, type VerifyCounts, type VerifyRun } from './verify-run.js';

/** One example in the `abe verify --reporter json` document. */
export interface VerifyJsonExample {
  /** The contract file, as the command shows it (relative to the working directory). */
  readonly file: string;
  readonly label: string;
  readonly method: string;
  /** Path and query string, relative to the base URL. */
  readonly url: string;
  readonly state: string | null;
  /** The parameters of that state (`{}` when it has none), or null when there is no state. */
  readonly stateParams: JsonObject | null;
  readonly outcome: 'passed' | 'failed' | 'skipped';
  readonly durationMs: number;
  /** Each difference found; `expected` or `actual` is absent when there is none. */
  readonly mismatches: readonly {
    readonly path: string;
    readonly kind: MismatchKind;
    readonly expected?: unknown;
    readonly actual?: unknown;
    readonly message: string;
  }[];
  /** Why no comparison could be made (timeout, connection, state endpoint), or what failed after it. */
  readonly error: string | null;
  /** Where the example is written in its file (1-based), or null when unknown. */
  readonly line: number | null;
  readonly column: number | null;
}

/** The stable `abe verify --reporter json` document, version 1 (documented in docs/verify.md). */
export interface VerifyJsonReport {
  readonly version: 1;
  readonly command: 'verify';
  readonly ok: boolean;
  readonly baseUrl: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly counts: VerifyCounts;
  readonly examples: readonly VerifyJsonExample[];
}

/**
 * The `--reporter json` document of `abe verify` as text: every example in file order with its
 * outcome, the mismatches as data, and the error that stopped it.
 *
 * @example
 * await writeFile('reports/verify.json', formatVerifyJson(run));
 */
export function formatVerifyJson(run: VerifyRun): string {
  const counts = countVerified(run.examples);
  const report: VerifyJsonReport = {
    version: 1,
    command: 'verify',
    ok: counts.failed === 0,
    baseUrl: run.baseUrl,
    startedAt: run.startedAt,
    durationMs: Math.round(run.durationMs),
    counts,
    examples: run.examples.map((example) => ({
      file: example.file,
      label: example.label,
      method: example.method,
      url: example.url,
      state: example.state ?? null,
      stateParams: example.state === undefined ? null : (example.stateParams ?? {}),
      outcome: example.outcome,
      durationMs: Math.round(example.durationMs),
      mismatches: (example.failure?.mismatches ?? []).map(
        ({ path, kind, expected, actual, message }) => ({
          path,
          kind,
          ...(expected === undefined ? {} : { expected }),
          ...(actual === undefined ? {} : { actual }),
          message,
        }),
      ),
      error: example.failure?.error ?? null,
      line: example.line ?? null,
      column: example.column ?? null,
    })),
  };
  return `${logSafeJson(JSON.stringify(report, null, 2))}\n`;
}
