import type { ReporterName, ResolvedOptions } from '../config/options.js';
import type { RunResult } from '../run/results.js';

/** What a run is about to do; sent once before the first request. */
export interface RunStartState {
  target: string;
  seed: number;
  profile: string;
  methods: number;
  /** Cases planned in total (all kinds). */
  plannedCases: number;
}

/** Counters of a run in progress; sent often, so reporters keep their work small. */
export interface RunProgressState {
  methodsDone: number;
  methodsTotal: number;
  exchanges: number;
  findings: number;
  /** Exchanges per second since the run started. */
  rate: number;
}

export interface RunEndState {
  result: RunResult;
  /** Folder the files are written to. */
  reportsDir: string;
  options: ResolvedOptions;
}

/** A reporter subscribes to a run through optional hooks; each hook receives one state object. */
export interface Reporter {
  name: ReporterName | 'certificate';
  onRunStart?(state: RunStartState): void;
  onProgress?(state: RunProgressState): void;
  onRunEnd?(state: RunEndState): Promise<void> | void;
}
