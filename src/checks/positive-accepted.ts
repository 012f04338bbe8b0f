import type { ExchangeResponse } from '../http/types.js';
import type { MethodEntry } from '../spec/types.js';
import {
  documentedStatuses,
  findVariant,
  isClientError,
  isServerError,
  isUnionInferred,
  judgeableResponse,
  noEvidence,
  readStatus,
  readVariantName,
  severityFor,
  withEvidence,
} from './exchange-facts.js';
import type {
  CaseInfo,
  Check,
  CheckContext,
  CheckOutcome,
  CredentialKind,
  FindingDraft,
} from './types.js';

/** Fit of a case's credential to the method's role. */
type CredentialFit = 'exact' | 'inferred';

/** Statuses that reject a request for its shape or its credential, never for its content. */
const SHAPE_OR_CREDENTIAL_STATUSES: ReadonlySet<number> = new Set([400, 401, 403]);

/**
 * Judges a schema-valid request sent with a credential of the method's role: the target does not
 * reject it for its shape or its credential. A 404 for generated ids that may not exist, and a
 * documented 422 (a semantic rejection, such as a part already ordered), are not such rejections. A
 * 404 is one when every id the request names exists.
 */
export function checkPositiveAccepted(context: CheckContext): CheckOutcome {
  const { method, case: caseInfo } = context;
  const response = judgeableResponse(context.exchange);
  const fit = fitCredential(method, caseInfo.credential);
  if (caseInfo.kind !== 'valid' || fit === undefined || response === undefined) {
    return noEvidence();
  }
  const status = readStatus(response);
  if (isServerError(status)) {
    return noEvidence();
  }
  return withEvidence(judgeStatus(response, method, caseInfo, fit));
}

/**
 * A minted credential is taken to act as a repairer, and an inferred role may not admit a
 * supplier, so either case makes a breach a warning.
 */
function fitCredential(method: MethodEntry, credential: CredentialKind): CredentialFit | undefined {
  const guessed = method.roleInferred && credential !== 'repairer' ? 'inferred' : 'exact';
  switch (method.role) {
    case 'none':
      return credential === 'none' ? 'exact' : undefined;
    case 'any':
      if (credential === 'repairer' || credential === 'supplier') {
        return guessed;
      }
      return credential === 'minted' ? 'inferred' : undefined;
    case 'repairer':
      if (credential === 'repairer') {
        return 'exact';
      }
      return credential === 'minted' ? 'inferred' : undefined;
    case 'supplier':
      return credential === 'supplier' ? 'exact' : undefined;
    default:
      return undefined;
  }
}

function judgeStatus(
  response: ExchangeResponse,
  method: MethodEntry,
  caseInfo: CaseInfo,
  fit: CredentialFit,
): FindingDraft[] {
  const status = readStatus(response);
  if (!isClientError(status)) {
    return [];
  }
  if (status === 403 && fit === 'inferred' && method.roleInferred) {
    // The role is a guess, so a 403 for a credential other than the example's passes.
    return [];
  }
  if (isSemanticRefusal(method, response, status)) {
    return [];
  }
  if (SHAPE_OR_CREDENTIAL_STATUSES.has(status)) {
    return [rejection(status, `valid request rejected with ${status}`, fit === 'inferred')];
  }
  if (!documentedStatuses(method).has(status)) {
    const soft = fit === 'inferred' || isUnionInferred(method);
    return [rejection(status, `valid request got undocumented status ${status}`, soft)];
  }
  if (status === 404 && caseInfo.referencesExist === true) {
    return [rejection(status, 'valid request got 404 for ids that exist', fit === 'inferred')];
  }
  return [];
}

/** Variants that reject a request for its shape or its credential, whatever their status. */
const SHAPE_OR_CREDENTIAL_VARIANTS: ReadonlySet<string> = new Set([
  'bad_request',
  'unauthorized',
  'forbidden',
]);

/**
 * A documented variant with its own meaning, such as `invalid_access_code` once the single-use
 * demo code is spent, or `invalid_client_secret`, refuses the request's content, not its shape,
 * even when its status is 400 or 401.
 */
function isSemanticRefusal(
  method: MethodEntry,
  response: ExchangeResponse,
  status: number,
): boolean {
  const variant = findVariant(method, readVariantName(response.json, method.errorStyle));
  return (
    variant !== undefined &&
    variant.status === status &&
    !SHAPE_OR_CREDENTIAL_VARIANTS.has(variant.name)
  );
}

function rejection(status: number, message: string, soft: boolean): FindingDraft {
  return {
    severity: severityFor(soft),
    message,
    expected: '200, or a 404 or 422 for the request content',
    actual: String(status),
    pointer: '',
  };
}

/** Check: a valid request with a credential of the method's role is not rejected for its shape. */
export const positiveAcceptedCheck: Check = {
  name: 'positive-accepted',
  rule: 'a valid request with valid credentials is not rejected for its shape',
  judge: checkPositiveAccepted,
};
