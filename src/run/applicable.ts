import { BASKET_METHOD, EXCHANGE_CHECKS } from '../checks/index.js';
import type { CheckName } from '../checks/types.js';
import type { MethodEntry } from '../spec/types.js';
import { SILENT_TARGET_REASON } from './execute.js';
import type { RunSession } from './session.js';

/** The checks that judge single exchanges, in report order. */
export const EXCHANGE_CHECK_NAMES: readonly CheckName[] = EXCHANGE_CHECKS.map(
  (check) => check.name,
);

/** The checks whose rule can apply to a method at all; the others are left out of its row. */
export function checksFor(method: MethodEntry): CheckName[] {
  return EXCHANGE_CHECK_NAMES.filter((check) => {
    switch (check) {
      case 'error-tagged':
        return method.errorStyle === 'tagged';
      case 'error-bare-string':
        return method.errorStyle === 'bare-string';
      case 'no-offer-currency':
        return method.name === BASKET_METHOD;
      case 'auth':
        return method.role !== 'none';
      default:
        return true;
    }
  });
}

/** Reasons a check of a method got no evidence, for the `not-proven` verdict. */
export const NO_EVIDENCE_REASONS: Record<CheckName, string> = {
  'response-schema': 'no 2xx response with a JSON body to judge',
  'status-code': 'no response without a server error to judge',
  'content-type': 'no response with a body to judge',
  'not-server-error': 'no exchange was completed',
  'error-tagged': 'no 4xx error response to judge',
  'error-bare-string': 'no 4xx error response to judge',
  'no-offer-currency': 'no 2xx basket response to judge',
  'extension-marker': 'no JSON response to judge',
  'negative-rejected': 'no invalid request got a response',
  'positive-accepted': 'no valid request with the right credential got a judgeable response',
  auth: 'no request without or with the wrong credential got a response',
  lifecycle: 'the lifecycle sequence did not run',
  isolation: 'the isolation sequence did not run',
};

/** Returns the reason a check of a method got no evidence in this session. */
export function noEvidenceReason(session: RunSession, check: CheckName): string {
  return session.silentTarget ? SILENT_TARGET_REASON : NO_EVIDENCE_REASONS[check];
}
