import { createColours } from './colour.js';
import { renderConsoleSummary } from './console-summary.js';
import { formatCount } from './format.js';
import type { ReporterOptions } from './options.js';
import { createProgressLine } from './progress-line.js';
import { redactRunResult, resolveReporterOptions } from './redaction.js';
import { toTerminalLine } from './terminal-text.js';
import type { Reporter, RunEndState, RunProgressState, RunStartState } from './types.js';

/** Options of the console reporter. */
export interface ConsoleReporterOptions extends ReporterOptions {
  /** Minimum milliseconds between two plain progress lines when the stream is not a TTY. Default: 5000. */
  plainIntervalMs?: number;
}

function isCi(env: Record<string, string | undefined>): boolean {
  return env.CI !== undefined && env.CI !== '' && env.CI !== 'false';
}

/**
 * Creates the console reporter: a start line, live progress (redrawn in place on a TTY, plain
 * lines every few seconds otherwise) and the closing summary.
 */
export function createConsoleReporter(options: ConsoleReporterOptions = {}): Reporter {
  const resolved = resolveReporterOptions(options);
  const colours = createColours(resolved.stream, resolved.env);
  const progress = createProgressLine({
    stream: resolved.stream,
    live: resolved.stream.isTTY === true && !isCi(resolved.env),
    plainIntervalMs: options.plainIntervalMs ?? 5000,
    colours,
    now: resolved.now,
    redact: resolved.redact,
  });

  function writeLine(line: string): void {
    resolved.stream.write(`${resolved.redact(line)}\n`);
  }

  return {
    name: 'console',
    onRunStart(state: RunStartState): void {
      const parts = [
        `target ${toTerminalLine(state.target)}`,
        `profile ${state.profile}`,
        `seed ${state.seed}`,
        `${state.methods} methods`,
        `${formatCount(state.plannedCases)} cases planned`,
      ];
      writeLine(`${colours.bold('partly-conformance')} ${parts.join(' · ')}`);
      progress.start();
    },
    onProgress(state: RunProgressState): void {
      progress.update(state);
    },
    onRunEnd(state: RunEndState): void {
      progress.clear();
      const result = redactRunResult(state.result, resolved.redact);
      const lines = renderConsoleSummary(result, { reportsDir: state.reportsDir }, colours);
      for (const line of lines) {
        writeLine(line);
      }
    },
  };
}
