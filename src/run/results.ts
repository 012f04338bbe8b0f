import type { CheckName, Finding, Verdict } from '../checks/types.js';

/** One method x check cell of a run. */
export interface CheckResult {
  check: CheckName;
  verdict: Verdict;
  /** Exchanges this check judged (its evidence). */
  exchanges: number;
  failures: number;
  warnings: number;
  /** Reason for a `not-proven` verdict. */
  reason?: string;
}

export interface MethodResult {
  method: string;
  extension: boolean;
  /** Exchanges sent for this method. */
  exchanges: number;
  checks: CheckResult[];
}

/** One call of a stateful sequence, as reported. */
export interface SequenceStep {
  method: string;
  credential: string;
  status: number | undefined;
  curl: string;
}

/** A stateful sequence (buyer loop, role matrix, isolation) and its verdict. */
export interface SequenceResult {
  name: string;
  check: CheckName;
  verdict: Verdict;
  /** For a failing sequence: the shortest list of calls that still fails. */
  steps: SequenceStep[];
  message?: string;
}

/** What the wire showed that the spec does not describe, per method; recorded even on a pass. */
export interface WireObservation {
  method: string;
  /** JSON pointers (with array indexes as `*`) of response fields the spec does not know. */
  undocumentedFields: string[];
  /** Statuses outside the method's documented ones (200 and the union's). */
  undocumentedStatuses: number[];
  /** Error variants outside the method's union. */
  undocumentedVariants: string[];
  /** `x_extension` seen on a response of a wire method. */
  strayExtensionMarker: boolean;
}

export interface RunSummary {
  exchanges: number;
  findings: number;
  failures: number;
  warnings: number;
  /** method x check cells per verdict. */
  verdicts: Record<Verdict, number>;
  /** True when any cell is not proven; the summary reports it even when the run passes. */
  notProven: boolean;
  /** Requests the budget stopped, when `maxRequests` was reached. */
  budgetExhausted: boolean;
}

/** The content of `results.json`. */
export interface RunResult {
  harnessVersion: string;
  specVersion: string;
  specHash: string;
  /** Base URL, or `embedded reference target`. */
  target: string;
  profile: string;
  seed: number;
  strict: boolean;
  /** How to reproduce the run from the command line (secrets left out). */
  command: string;
  shard?: { index: number; count: number };
  /** Fault switches of the embedded reference target, when the run switched any on. */
  faults?: string[];
  startedAt: string;
  durationMs: number;
  summary: RunSummary;
  methods: MethodResult[];
  sequences: SequenceResult[];
  findings: Finding[];
  observations: WireObservation[];
}
