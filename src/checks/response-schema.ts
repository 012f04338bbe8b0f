import type { SchemaIssue } from '../spec/types.js';
import { describeSchemaIssue } from './describe-schema-issue.js';
import {
  completeResponse,
  hasJsonBody,
  isSuccess,
  noEvidence,
  readStatus,
  withEvidence,
} from './exchange-facts.js';
import type { Check, CheckContext, CheckOutcome, FindingDraft, Severity } from './types.js';

/**
 * Judges a 2xx JSON body against the method's response schema. Breaks of published facts are
 * failures, and breaks of inferred facts only are warnings.
 */
export function checkResponseSchema(context: CheckContext): CheckOutcome {
  const response = completeResponse(context.exchange);
  if (response === undefined || !isSuccess(readStatus(response)) || !hasJsonBody(response)) {
    return noEvidence();
  }

  const body = response.json;
  const validation = context.method.validateResponse(body);
  return withEvidence([
    ...validation.failures.map((issue) => toFinding(issue, body, 'failure')),
    ...validation.warnings.map((issue) => toFinding(issue, body, 'warning')),
  ]);
}

function toFinding(issue: SchemaIssue, body: unknown, severity: Severity): FindingDraft {
  const description = describeSchemaIssue(issue, body);
  return { severity, ...description, pointer: issue.instancePath };
}

/** Check: a 2xx body matches the method's response schema. */
export const responseSchemaCheck: Check = {
  name: 'response-schema',
  rule: "a 2xx body matches the method's response schema",
  judge: checkResponseSchema,
};
