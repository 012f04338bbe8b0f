import type { Colours } from './colour.js';
import { formatCount } from './format.js';
import type { ReporterStream } from './options.js';
import type { RunProgressState } from './types.js';

/** Minimum milliseconds between two redraws of the live line on a TTY. */
const TTY_REDRAW_MS = 100;
const CLEAR_LINE = '\r\u001b[2K';

/** Settings of a progress line. */
export interface ProgressLineOptions {
  stream: ReporterStream;
  /** Redraw one line in place (TTY) or print plain lines (pipes, CI logs). */
  live: boolean;
  /** Minimum milliseconds between two plain lines. */
  plainIntervalMs: number;
  colours: Colours;
  now: () => Date;
  redact: (text: string) => string;
}

/** A progress display that the console reporter feeds with run counters. */
export interface ProgressLine {
  start(): void;
  update(state: RunProgressState): void;
  /** Removes the live line so the summary starts on a clean line. */
  clear(): void;
}

/** Formats the counters as `methods 5/17 · 1,234 exchanges · 3 findings · 412/s`. */
export function formatProgress(state: RunProgressState): string {
  return [
    `methods ${state.methodsDone}/${state.methodsTotal}`,
    `${formatCount(state.exchanges)} exchanges`,
    `${formatCount(state.findings)} findings`,
    `${formatCount(Math.round(state.rate))}/s`,
  ].join(' · ');
}

/**
 * Creates the progress display. On a TTY it redraws one line in place, at most every 100 ms.
 * Elsewhere it prints a plain line at most every `plainIntervalMs`, so that CI logs stay short.
 */
export function createProgressLine(options: ProgressLineOptions): ProgressLine {
  let lastWrite = 0;
  let drawn = false;

  function write(text: string): void {
    options.stream.write(options.redact(text));
  }

  return {
    start(): void {
      lastWrite = options.now().getTime();
    },
    update(state: RunProgressState): void {
      const time = options.now().getTime();
      const interval = options.live ? TTY_REDRAW_MS : options.plainIntervalMs;
      if (time - lastWrite < interval) {
        return;
      }
      lastWrite = time;
      const text = formatProgress(state);
      if (options.live) {
        write(`${CLEAR_LINE}${options.colours.dim(text)}`);
        drawn = true;
      } else {
        write(`progress: ${text}\n`);
      }
    },
    clear(): void {
      if (drawn) {
        write(CLEAR_LINE);
        drawn = false;
      }
    },
  };
}
