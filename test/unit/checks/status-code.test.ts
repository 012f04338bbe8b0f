import { describe, expect, it } from 'vitest';
import { statusCodeCheck } from '../../../src/checks/status-code.js';
import {
  expectNoEvidence,
  expectOneFinding,
  expectPass,
  judge,
  makeCase,
  makeExchange,
  makeMethod,
  makeVariant,
} from './support.js';

/** Like repairer.jobs.get: unauthorized 401, forbidden 403, not_found 404. */
const wireMethod = makeMethod();

/** Like repairer.jobs.parts.insert: bare strings whose statuses are all inferred. */
const bareMethod = makeMethod({
  errorStyle: 'bare-string',
  variants: [
    makeVariant('unauthorized', 401, { status: true }),
    makeVariant('not_found', 404, { status: true }),
    makeVariant('unprocessable', 422, { status: true }),
  ],
});

/** Like an extension: the whole union is inferred. */
const extensionMethod = makeMethod({
  extension: true,
  variants: [makeVariant('not_found', 404, { membership: true })],
});

describe('status-code', () => {
  it('passes a 200', () => {
    expectPass(judge(statusCodeCheck, wireMethod, makeExchange({ body: {} })));
  });

  it('fails every other success status', () => {
    for (const status of [201, 202, 204]) {
      const finding = expectOneFinding(
        judge(statusCodeCheck, wireMethod, makeExchange({ status, body: {} })),
        'failure',
      );
      expect(finding.message).toBe(`success status is ${status}, contract requires 200`);
    }
  });

  it('fails a redirect', () => {
    const outcome = judge(statusCodeCheck, wireMethod, makeExchange({ status: 302 }));
    expect(expectOneFinding(outcome, 'failure').actual).toBe('302');
  });

  it('passes a variant with its own status', () => {
    const exchange = makeExchange({ status: 404, body: { type: 'not_found' } });
    expectPass(judge(statusCodeCheck, wireMethod, exchange));
  });

  it('fails a variant with another status', () => {
    const exchange = makeExchange({ status: 400, body: { type: 'not_found' } });
    const finding = expectOneFinding(judge(statusCodeCheck, wireMethod, exchange), 'failure');
    expect(finding.message).toBe('status is 400, variant not_found requires 404');
    expect(finding.expected).toBe('404');
    expect(finding.actual).toBe('400');
  });

  it('warns when the variant status is inferred', () => {
    const exchange = makeExchange({ status: 400, body: 'unprocessable' });
    const finding = expectOneFinding(judge(statusCodeCheck, bareMethod, exchange), 'warning');
    expect(finding.message).toBe('status is 400, variant unprocessable requires 422');
  });

  it('fails an inferred variant status outside 4xx', () => {
    const exchange = makeExchange({ status: 600, body: 'unprocessable' });
    expectOneFinding(judge(statusCodeCheck, bareMethod, exchange), 'failure');
  });

  it('fails an undocumented status', () => {
    const exchange = makeExchange({ status: 418, body: { type: 'teapot' } });
    const finding = expectOneFinding(judge(statusCodeCheck, wireMethod, exchange), 'failure');
    expect(finding.message).toBe('undocumented status 418');
    expect(finding.expected).toBe('200, 401, 403, 404');
  });

  it('fails a 400 that the method does not document', () => {
    const exchange = makeExchange({ status: 400, body: { type: 'bad_request' } });
    expectOneFinding(judge(statusCodeCheck, wireMethod, exchange), 'failure');
  });

  it('passes a documented status with an unknown variant', () => {
    // Membership is judged by the error-tagged and error-bare-string checks.
    const exchange = makeExchange({ status: 404, body: { type: 'missing' } });
    expectPass(judge(statusCodeCheck, wireMethod, exchange));
  });

  it('warns on an undocumented 4xx of an inferred union', () => {
    const exchange = makeExchange({ status: 409, body: { type: 'conflict' } });
    expectOneFinding(judge(statusCodeCheck, extensionMethod, exchange), 'warning');
  });

  it('warns on an undocumented 4xx of an invalid or probe case', () => {
    const exchange = makeExchange({ status: 400, body: { type: 'bad_request' } });
    for (const kind of ['invalid', 'probe'] as const) {
      const outcome = judge(statusCodeCheck, wireMethod, exchange, makeCase({ kind }));
      expectOneFinding(outcome, 'warning');
    }
  });

  it('fails an undocumented status that is not 4xx even for a probe', () => {
    const exchange = makeExchange({ status: 100 });
    const outcome = judge(statusCodeCheck, extensionMethod, exchange, makeCase({ kind: 'probe' }));
    expectOneFinding(outcome, 'failure');
  });

  it('has no evidence for 5xx, 429 or no response', () => {
    expectNoEvidence(judge(statusCodeCheck, wireMethod, makeExchange({ status: 500, body: {} })));
    expectNoEvidence(judge(statusCodeCheck, wireMethod, makeExchange({ status: 503 })));
    expectNoEvidence(judge(statusCodeCheck, wireMethod, makeExchange({ status: 429, body: {} })));
    expectNoEvidence(judge(statusCodeCheck, wireMethod, makeExchange({ noResponse: true })));
  });
});
