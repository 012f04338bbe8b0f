import type { Finding } from '../checks/types.js';
import type { ResolvedOptions } from '../config/options.js';
import type { CheckResult, SequenceResult, WireObservation } from './results.js';

/** Inputs the CLI hands the suites: the resolved options and the target's base URL. */
export interface RunInputs {
  options: ResolvedOptions;
  targetUrl: string;
}

/** One method x check verdict, carried from a suite's test to the reporter. */
export interface CellMeta {
  kind: 'cell';
  method: string;
  extension: boolean;
  /** Exchanges sent for the method so far (the same on each of its cells). */
  methodExchanges: number;
  result: CheckResult;
  findings: Finding[];
  observation?: WireObservation;
  /** The request budget was spent before every case was sent. */
  budgetExhausted?: boolean;
}

export interface SequenceMeta {
  kind: 'sequence';
  result: SequenceResult;
  findings: Finding[];
}

export type PartlyMeta = CellMeta | SequenceMeta;

declare module 'vitest' {
  interface ProvidedContext {
    partlyRun: RunInputs;
  }
}

// vitest re-exports TaskMeta from its runner package, so the runner's declaration is the one to
// extend.
declare module '@vitest/runner' {
  interface TaskMeta {
    partly?: PartlyMeta;
  }
}
