import { judgeUnionMembership } from './error-union-membership.js';
import {
  isJsonObject,
  noEvidence,
  renderBody,
  styledClientError,
  withEvidence,
} from './exchange-facts.js';
import type { Check, CheckContext, CheckOutcome } from './types.js';

/**
 * Judges the 4xx bodies of methods with type-tagged errors: a JSON object whose string
 * `type` names a variant of the method's union. Properties next to `type` are allowed, because
 * the API's objects are open.
 */
export function checkErrorTagged(context: CheckContext): CheckOutcome {
  const { method } = context;
  const response = styledClientError(context, 'tagged');
  if (response === undefined) {
    return noEvidence();
  }

  const body = response.json;
  if (!isJsonObject(body) || typeof body.type !== 'string') {
    return withEvidence([
      {
        severity: 'failure',
        message: 'error body is not an object with a string type',
        expected: '{"type": "<variant>"}',
        actual: renderBody(response),
        pointer: '',
      },
    ]);
  }
  return withEvidence(judgeUnionMembership(body.type, method, context.case, '/type'));
}

/** Check: every error is `{"type": <variant of the method's union>}`. */
export const errorTaggedCheck: Check = {
  name: 'error-tagged',
  rule: 'every 4xx body is {"type": <variant of the method\'s union>}',
  judge: checkErrorTagged,
};
