import type { HarnessOptions } from '../../src/config/options.js';
import { resolveOptions } from '../../src/config/resolve.js';
import { startReferenceTarget } from '../../src/reference/index.js';
import { runInProcess } from '../../src/run/in-process.js';
import type { RunResult } from '../../src/run/results.js';

/** Runs the harness in this process against a fresh reference target with the given faults. */
export async function runAgainstReference(
  faults: string[],
  options: HarnessOptions = {},
): Promise<RunResult> {
  const reference = await startReferenceTarget({ faults });
  try {
    const resolved = resolveOptions({ seed: 7, cases: 6, concurrency: 8, ...options }, {});
    return await runInProcess({ options: resolved, targetUrl: reference.url, embedded: true });
  } finally {
    await reference.close();
  }
}
