import type { ErrorVariant, MethodEntry } from '../spec/types.js';
import {
  documentedStatuses,
  findVariant,
  isClientError,
  isNegativeCase,
  isRedirect,
  isServerError,
  isSuccess,
  isUnionInferred,
  judgeableResponse,
  noEvidence,
  readStatus,
  readVariantName,
  severityFor,
  withEvidence,
} from './exchange-facts.js';
import type { CaseInfo, Check, CheckContext, CheckOutcome, FindingDraft } from './types.js';

/** The one success status of the API, inserts included. */
const SUCCESS_STATUS = 200;

/**
 * Judges the HTTP status of every response that is not a 5xx (not-server-error judges those).
 * Success is exactly 200. An error whose variant is in the method's union carries that variant's
 * status, and any other status must be one the method documents. Membership in the union is
 * left to the error-tagged and error-bare-string checks.
 */
export function checkStatusCode(context: CheckContext): CheckOutcome {
  const response = judgeableResponse(context.exchange);
  if (response === undefined || isServerError(readStatus(response))) {
    return noEvidence();
  }

  const status = readStatus(response);
  if (isSuccess(status)) {
    return withEvidence(status === SUCCESS_STATUS ? [] : [successNot200(status)]);
  }
  if (isRedirect(status)) {
    return withEvidence([redirect(status)]);
  }
  const variant = findVariant(context.method, readVariantName(response.json));
  if (variant !== undefined) {
    return withEvidence(judgeVariantStatus(status, variant));
  }
  if (documentedStatuses(context.method).has(status)) {
    return withEvidence([]);
  }
  return withEvidence([undocumentedStatus(status, context.method, context.case)]);
}

function successNot200(status: number): FindingDraft {
  return {
    severity: 'failure',
    message: `success status is ${status}, contract requires 200`,
    expected: String(SUCCESS_STATUS),
    actual: String(status),
    pointer: '',
  };
}

function redirect(status: number): FindingDraft {
  return {
    severity: 'failure',
    message: `redirect status ${status}, contract has no redirects`,
    expected: '200 or a documented error status',
    actual: String(status),
    pointer: '',
  };
}

/**
 * An inferred variant status makes a different 4xx a warning, but a status outside 4xx breaks
 * the rule that every error variant is a client error, which is always a failure.
 */
function judgeVariantStatus(status: number, variant: ErrorVariant): FindingDraft[] {
  if (status === variant.status) {
    return [];
  }
  const finding: FindingDraft = {
    severity: severityFor(variant.statusInferred && isClientError(status)),
    message: `status is ${status}, variant ${variant.name} requires ${variant.status}`,
    expected: String(variant.status),
    actual: String(status),
    pointer: '',
  };
  return [finding];
}

/**
 * A status the method does not document. It is a warning for a 4xx when the method's union is
 * itself a guess, or when the case sent a schema-invalid or probing request, for which the
 * contract leaves the variant, and so the status, open.
 */
function undocumentedStatus(status: number, method: MethodEntry, caseInfo: CaseInfo): FindingDraft {
  const open = isUnionInferred(method) || isNegativeCase(caseInfo);
  const documented = [...documentedStatuses(method)].sort((left, right) => left - right);
  const finding: FindingDraft = {
    severity: severityFor(open && isClientError(status)),
    message: `undocumented status ${status}`,
    expected: documented.join(', '),
    actual: String(status),
    pointer: '',
  };
  if (isNegativeCase(caseInfo) && isClientError(status)) {
    finding.contractOpen = true;
  }
  return finding;
}

/** Check: the status is 200 on success and the error variant's documented status otherwise. */
export const statusCodeCheck: Check = {
  name: 'status-code',
  rule: "success is 200, an error carries its variant's status, and no status is undocumented",
  judge: checkStatusCode,
};
