import type { ResolvedOptions } from '../config/options.js';
import { startReferenceTarget } from '../reference/index.js';
import { assertReachable } from './drive.js';

/** The target of a run: its base URL, and whether it is the embedded reference target. */
export interface RunTarget {
  url: string;
  embedded: boolean;
}

/**
 * Runs an action against the configured target, or against the embedded reference target
 * (with the configured faults) started for it and stopped afterwards. An unreachable target is a
 * harness error, raised before the action starts.
 */
export async function withTarget<T>(
  options: ResolvedOptions,
  action: (target: RunTarget) => Promise<T>,
): Promise<T> {
  const reference =
    options.target === undefined
      ? await startReferenceTarget({ faults: options.faults })
      : undefined;
  try {
    const url = options.target ?? reference?.url ?? '';
    await assertReachable(url, options.timeouts.connectMs);
    return await action({ url, embedded: reference !== undefined });
  } finally {
    await reference?.close();
  }
}
