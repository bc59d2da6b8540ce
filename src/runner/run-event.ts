import type { StepResult } from './run-result.js';

/**
 * What `runComponents` reports as it goes, for live output and commit statuses: a step's start
 * once its log file is open, and its end with its result (a skipped step has only an end).
 */
export type RunEvent =
  | {
      readonly type: 'step-start';
      readonly component: string;
      readonly step: string;
      readonly logFile: string;
      readonly startedAt: string;
    }
  | { readonly type: 'step-end'; readonly result: StepResult };
