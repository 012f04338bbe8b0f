import type { TestProject } from 'vitest/node';
import { loadConfigFile, resolveOptions } from '../config/resolve.js';
import { startReferenceTarget } from '../reference/index.js';
import './meta.js';

/**
 * Global setup of the suites when they run under plain `vitest`: reads `harness.config.ts` (or
 * the file in `PARTLY_CONFIG`) and the environment, and starts the embedded reference target
 * when no target is set. The CLI provides these itself, and then this does nothing.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  if (project.getProvidedContext().partlyRun !== undefined) {
    return;
  }
  const options = resolveOptions(await loadConfigFile(process.env.PARTLY_CONFIG));
  if (options.target !== undefined) {
    project.provide('partlyRun', { options, targetUrl: options.target });
    return;
  }
  const reference = await startReferenceTarget({ faults: options.faults });
  project.provide('partlyRun', { options, targetUrl: reference.url });
  return () => reference.close();
}
