import type { ReporterOptions } from './options.js';
import { redactRunResult, resolveReporterOptions } from './redaction.js';
import type { Reporter, RunEndState } from './types.js';
import { writeReport } from './write-report.js';

/** File name of the JSON report inside the reports folder. */
export const RESULTS_FILE = 'results.json';

/** Creates the JSON reporter: `results.json` is the run's result, pretty-printed. */
export function createJsonReporter(options: ReporterOptions = {}): Reporter {
  const resolved = resolveReporterOptions(options);
  return {
    name: 'json',
    async onRunEnd(state: RunEndState): Promise<void> {
      const result = redactRunResult(state.result, resolved.redact);
      const text = `${JSON.stringify(result, null, 2)}\n`;
      await writeReport(state.reportsDir, RESULTS_FILE, text, resolved.redact);
    },
  };
}
