import type { ExchangeResponse } from '../http/types.js';
import { judgeUnionMembership } from './error-union-membership.js';
import {
  isJsonObject,
  noEvidence,
  renderBody,
  styledClientError,
  withEvidence,
} from './exchange-facts.js';
import type { Check, CheckContext, CheckOutcome, FindingDraft } from './types.js';

/**
 * Judges the 4xx bodies of methods with bare-string errors (only `repairer.jobs.parts.insert`):
 * a JSON string such as `"not_found"` that names a variant of the method's union, never a
 * `{"type"}` object.
 */
export function checkErrorBareString(context: CheckContext): CheckOutcome {
  const { method } = context;
  const response = styledClientError(context, 'bare-string');
  if (response === undefined) {
    return noEvidence();
  }

  const body = response.json;
  if (typeof body !== 'string') {
    return withEvidence([notBareString(response)]);
  }
  return withEvidence(judgeUnionMembership(body, method, context.case, ''));
}

function notBareString(response: ExchangeResponse): FindingDraft {
  const tagged = isJsonObject(response.json) && typeof response.json.type === 'string';
  return {
    severity: 'failure',
    message: tagged
      ? 'error body is a tagged object, not a bare string'
      : 'error body is not a json string',
    expected: '"<variant>"',
    actual: renderBody(response),
    pointer: '',
  };
}

/** Check: the errors of bare-string methods are JSON strings from the method's union. */
export const errorBareStringCheck: Check = {
  name: 'error-bare-string',
  rule: 'every 4xx body of a bare-string method is a JSON string naming a variant of its union',
  judge: checkErrorBareString,
};
