import { authCheck } from './auth.js';
import { contentTypeCheck } from './content-type.js';
import { errorBareStringCheck } from './error-bare-string.js';
import { errorTaggedCheck } from './error-tagged.js';
import { extensionMarkerCheck } from './extension-marker.js';
import { negativeRejectedCheck } from './negative-rejected.js';
import { noOfferCurrencyCheck } from './no-offer-currency.js';
import { notServerErrorCheck } from './not-server-error.js';
import { positiveAcceptedCheck } from './positive-accepted.js';
import { responseSchemaCheck } from './response-schema.js';
import { statusCodeCheck } from './status-code.js';
import type { Check, CheckContext, CheckName, FindingDraft } from './types.js';

export { authCheck } from './auth.js';
export { contentTypeCheck } from './content-type.js';
export { errorBareStringCheck } from './error-bare-string.js';
export { errorTaggedCheck } from './error-tagged.js';
export { RATE_LIMITED_STATUS } from './exchange-facts.js';
export { extensionMarkerCheck } from './extension-marker.js';
export { negativeRejectedCheck } from './negative-rejected.js';
export { BASKET_METHOD, noOfferCurrencyCheck } from './no-offer-currency.js';
export { notServerErrorCheck } from './not-server-error.js';
export { positiveAcceptedCheck } from './positive-accepted.js';
export { responseSchemaCheck } from './response-schema.js';
export { statusCodeCheck } from './status-code.js';

/**
 * The checks that judge one exchange on its own, in report order. The lifecycle and isolation
 * checks judge sequences of exchanges and live with the runner.
 */
export const EXCHANGE_CHECKS: readonly Check[] = [
  responseSchemaCheck,
  statusCodeCheck,
  contentTypeCheck,
  notServerErrorCheck,
  errorTaggedCheck,
  errorBareStringCheck,
  noOfferCurrencyCheck,
  extensionMarkerCheck,
  negativeRejectedCheck,
  positiveAcceptedCheck,
  authCheck,
];

/** What one check made of one exchange. */
export interface JudgedCheck {
  name: CheckName;
  /** The exchange was one this check could judge. */
  evidence: boolean;
  findings: FindingDraft[];
}

/** Every exchange check's judgement of one exchange, in the order of `EXCHANGE_CHECKS`. */
export type JudgedExchange = JudgedCheck[];

/**
 * Runs every exchange check on one exchange. With `strict`, warnings (breaks of inferred facts)
 * become failures, except those on responses the contract leaves open.
 */
export function judgeExchange(context: CheckContext, strict: boolean): JudgedExchange {
  return EXCHANGE_CHECKS.map((check) => {
    const outcome = check.judge(context);
    const findings = strict ? outcome.findings.map(hardenFinding) : outcome.findings;
    return { name: check.name, evidence: outcome.evidence, findings };
  });
}

function hardenFinding(finding: FindingDraft): FindingDraft {
  if (finding.severity !== 'warning' || finding.contractOpen === true) {
    return finding;
  }
  return { ...finding, severity: 'failure' };
}
