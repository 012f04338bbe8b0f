import { describe, expect, it } from 'vitest';
import { negativeRejectedCheck } from '../../../src/checks/negative-rejected.js';
import {
  expectNoEvidence,
  expectOneFinding,
  expectPass,
  judge,
  makeCase,
  makeExchange,
  makeMethod,
} from './support.js';

const method = makeMethod();
const invalidCase = makeCase({ kind: 'invalid', mutation: 'required-removed' });

function answer(status: number) {
  return makeExchange({ status, body: { type: 'bad_request' } });
}

describe('negative-rejected', () => {
  it('passes a 4xx other than 401 and 403', () => {
    for (const status of [400, 404, 409, 422]) {
      expectPass(judge(negativeRejectedCheck, method, answer(status), invalidCase));
    }
  });

  it('fails an invalid request that is accepted', () => {
    const finding = expectOneFinding(
      judge(negativeRejectedCheck, method, answer(200), invalidCase),
      'failure',
    );
    expect(finding.message).toBe('invalid request accepted with 200');
    expect(finding.expected).toBe('4xx other than 401 and 403');
  });

  it('fails a rejection with a credential status', () => {
    for (const status of [401, 403]) {
      const finding = expectOneFinding(
        judge(negativeRejectedCheck, method, answer(status), invalidCase),
        'failure',
      );
      expect(finding.message).toBe(`invalid request rejected with ${status}, a credential status`);
    }
  });

  it('fails a redirect or a server error', () => {
    for (const status of [302, 500, 503]) {
      const finding = expectOneFinding(
        judge(negativeRejectedCheck, method, answer(status), invalidCase),
        'failure',
      );
      expect(finding.actual).toBe(String(status));
    }
  });

  it('warns when only inferred constraints made the request invalid', () => {
    const inferredCase = makeCase({ kind: 'invalid', inferredOnly: true });
    expectOneFinding(judge(negativeRejectedCheck, method, answer(200), inferredCase), 'warning');
    expectPass(judge(negativeRejectedCheck, method, answer(422), inferredCase));
  });

  it('has no evidence for other cases, a 429 or no response', () => {
    for (const kind of ['valid', 'auth', 'probe', 'sequence'] as const) {
      expectNoEvidence(judge(negativeRejectedCheck, method, answer(200), makeCase({ kind })));
    }
    expectNoEvidence(judge(negativeRejectedCheck, method, answer(429), invalidCase));
    const lost = makeExchange({
      noResponse: true,
      error: { code: 'connection-reset', message: 'reset' },
    });
    expectNoEvidence(judge(negativeRejectedCheck, method, lost, invalidCase));
  });
});
