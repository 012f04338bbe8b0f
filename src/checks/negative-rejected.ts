import {
  isClientError,
  isSuccess,
  judgeableResponse,
  noEvidence,
  readStatus,
  severityFor,
  withEvidence,
} from './exchange-facts.js';
import type { Check, CheckContext, CheckOutcome } from './types.js';

/** Statuses that speak of credentials, not of the request's shape. */
const AUTH_STATUSES: ReadonlySet<number> = new Set([401, 403]);

/**
 * Judges a schema-invalid request: the target rejects it with a 4xx other than 401 and 403.
 * When only inferred constraints made the request invalid, a breach is a warning.
 */
export function checkNegativeRejected(context: CheckContext): CheckOutcome {
  const response = judgeableResponse(context.exchange);
  if (context.case.kind !== 'invalid' || response === undefined) {
    return noEvidence();
  }

  const status = readStatus(response);
  if (isClientError(status) && !AUTH_STATUSES.has(status)) {
    return withEvidence([]);
  }
  return withEvidence([
    {
      severity: severityFor(context.case.inferredOnly === true),
      message: describeBreach(status),
      expected: '4xx other than 401 and 403',
      actual: String(status),
      pointer: '',
    },
  ]);
}

function describeBreach(status: number): string {
  if (isSuccess(status)) {
    return `invalid request accepted with ${status}`;
  }
  if (AUTH_STATUSES.has(status)) {
    return `invalid request rejected with ${status}, a credential status`;
  }
  return `invalid request got status ${status}`;
}

/** Check: an invalid request is rejected with a 4xx other than 401 and 403. */
export const negativeRejectedCheck: Check = {
  name: 'negative-rejected',
  rule: 'an invalid request is rejected with a 4xx other than 401/403, never 2xx, 3xx or 5xx',
  judge: checkNegativeRejected,
};
