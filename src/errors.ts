/** Stable codes of the harness's own errors; each ends a run with exit code 2. */
export type HarnessErrorCode =
  | 'HARNESS_CONFIG_INVALID'
  | 'HARNESS_SPEC_INVALID'
  | 'HARNESS_SPEC_UNREADABLE'
  | 'HARNESS_TARGET_UNREACHABLE'
  | 'HARNESS_RESULTS_INVALID'
  | 'HARNESS_INTERNAL';

/**
 * An error of the harness itself (bad config, unreadable spec, unreachable target), as opposed to
 * a finding against the target. The message is one line that names the input and the fix.
 */
export class HarnessError extends Error {
  readonly code: HarnessErrorCode;

  constructor(code: HarnessErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HarnessError';
    this.code = code;
  }
}

export function isHarnessError(value: unknown): value is HarnessError {
  return value instanceof HarnessError;
}
