import {
  isBodyEmpty,
  judgeableResponse,
  noEvidence,
  readHeader,
  withEvidence,
} from './exchange-facts.js';
import type { Check, CheckContext, CheckOutcome, FindingDraft } from './types.js';

const JSON_MEDIA_TYPE = 'application/json';

/**
 * Judges the Content-Type of every response that has a body. Media types are compared without
 * regard to case and parameters such as charset are allowed, as RFC 9110 section 8.3.1 defines.
 * https://www.rfc-editor.org/rfc/rfc9110#section-8.3.1
 */
export function checkContentType(context: CheckContext): CheckOutcome {
  const response = judgeableResponse(context.exchange);
  if (response === undefined || isBodyEmpty(response)) {
    return noEvidence();
  }

  const header = readHeader(response, 'content-type');
  if (header === undefined || header.trim() === '') {
    return withEvidence([missingContentType()]);
  }
  const mediaType = (header.split(';')[0] ?? '').trim().toLowerCase();
  return withEvidence(mediaType === JSON_MEDIA_TYPE ? [] : [wrongContentType(mediaType, header)]);
}

function missingContentType(): FindingDraft {
  return {
    severity: 'failure',
    message: 'missing content-type header',
    expected: JSON_MEDIA_TYPE,
    actual: 'absent',
    pointer: '',
  };
}

function wrongContentType(mediaType: string, header: string): FindingDraft {
  const shown = mediaType === '' ? header.trim() : mediaType;
  return {
    severity: 'failure',
    message: `content-type is ${shown}, contract requires ${JSON_MEDIA_TYPE}`,
    expected: JSON_MEDIA_TYPE,
    actual: header,
    pointer: '',
  };
}

/** Check: a response body comes as `application/json`, parameters allowed. */
export const contentTypeCheck: Check = {
  name: 'content-type',
  rule: 'a response body is application/json, parameters such as charset allowed',
  judge: checkContentType,
};
