import type { Exchange, ExchangeResponse } from '../http/types.js';
import {
  hasJsonBody,
  isBodyEmpty,
  isRateLimited,
  isServerError,
  noEvidence,
  readStatus,
  renderBody,
  wasStoppedByHarness,
  withEvidence,
} from './exchange-facts.js';
import type { Check, CheckContext, CheckOutcome, FindingDraft } from './types.js';

/**
 * Judges that the target returned a complete and readable response: no 5xx, no transport error
 * (a timeout, reset, refused or failed connection, oversized body or invalid HTTP), no body that
 * fails to parse as JSON, and no empty 200. Duplicate JSON keys are a warning, because parsers
 * disagree on which value wins.
 */
export function checkNotServerError(context: CheckContext): CheckOutcome {
  const { exchange } = context;
  if (isRateLimited(exchange) || wasStoppedByHarness(exchange)) {
    return noEvidence();
  }
  if (exchange.response === undefined) {
    return withEvidence([transportFinding(exchange)]);
  }

  const findings = serverErrorFindings(exchange.response);
  if (exchange.error !== undefined) {
    // The body was cut short, so only the transport error and the status can be judged.
    return withEvidence([transportFinding(exchange), ...findings]);
  }
  return withEvidence([...findings, ...bodyFindings(exchange.response)]);
}

function transportFinding(exchange: Exchange): FindingDraft {
  const error = exchange.error;
  const code = error === undefined ? 'no response recorded' : String(error.code);
  return {
    severity: 'failure',
    message: `transport error ${code}`,
    expected: 'a complete response',
    actual: error === undefined ? code : `${code}: ${String(error.message)}`,
    pointer: '',
  };
}

function serverErrorFindings(response: ExchangeResponse): FindingDraft[] {
  const status = readStatus(response);
  if (!isServerError(status)) {
    return [];
  }
  const finding: FindingDraft = {
    severity: 'failure',
    message: `server error status ${status}`,
    expected: 'a status below 500',
    actual: String(status),
    pointer: '',
  };
  return [finding];
}

function bodyFindings(response: ExchangeResponse): FindingDraft[] {
  const findings: FindingDraft[] = [];
  if (isBodyEmpty(response)) {
    if (readStatus(response) === 200) {
      findings.push(emptySuccessBody());
    }
  } else if (!hasJsonBody(response) || typeof response.jsonError === 'string') {
    findings.push(notJson(response));
  }
  const duplicates = readDuplicateKeys(response);
  if (duplicates.length > 0) {
    findings.push(duplicateKeys(duplicates));
  }
  return findings;
}

function emptySuccessBody(): FindingDraft {
  return {
    severity: 'failure',
    message: 'empty body on a 200 response',
    expected: 'a json body',
    actual: 'empty body',
    pointer: '',
  };
}

function notJson(response: ExchangeResponse): FindingDraft {
  const reason = typeof response.jsonError === 'string' ? response.jsonError : undefined;
  return {
    severity: 'failure',
    message: reason === undefined ? 'body is not json' : `body is not json: ${reason}`,
    expected: 'a json body',
    actual: renderBody(response),
    pointer: '',
  };
}

function duplicateKeys(pointers: string[]): FindingDraft {
  return {
    severity: 'warning',
    message: `duplicate json keys at ${pointers.join(', ')}`,
    expected: 'each key once per object',
    actual: pointers.join(', '),
    pointer: pointers[0] ?? '',
  };
}

/** Reads the pointers of duplicate keys that the HTTP client recorded, if any. */
function readDuplicateKeys(response: ExchangeResponse): string[] {
  const recorded: unknown = response.duplicateKeys;
  if (!Array.isArray(recorded)) {
    return [];
  }
  return recorded.filter((pointer): pointer is string => typeof pointer === 'string');
}

/** Check: no 5xx, no transport error, and a JSON body wherever a body came. */
export const notServerErrorCheck: Check = {
  name: 'not-server-error',
  rule: 'no 5xx, no timeout, no reset, no non-JSON body, no empty 200',
  judge: checkNotServerError,
};
