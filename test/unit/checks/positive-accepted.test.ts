import { describe, expect, it } from 'vitest';
import { positiveAcceptedCheck } from '../../../src/checks/positive-accepted.js';
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

/** Like repairer.jobs.parts.insert: documents not_found 404 and unprocessable 422. */
const method = makeMethod({
  variants: [
    makeVariant('unauthorized', 401),
    makeVariant('forbidden', 403),
    makeVariant('not_found', 404),
    makeVariant('unprocessable', 422, { status: true }),
  ],
});

/** Like repairer.work-providers.list: documents 401 and 403 only. */
const listMethod = makeMethod({
  variants: [makeVariant('unauthorized', 401), makeVariant('forbidden', 403)],
});

const validCase = makeCase({ kind: 'valid', credential: 'repairer', referencesExist: false });
const fixtureCase = makeCase({ kind: 'valid', credential: 'repairer', referencesExist: true });

function answer(status: number) {
  return makeExchange({ status, body: status === 200 ? { items: [] } : { type: 'x' } });
}

describe('positive-accepted', () => {
  it('passes a 200', () => {
    expectPass(judge(positiveAcceptedCheck, method, answer(200), validCase));
  });

  it('passes a 404 for generated ids and a documented 422', () => {
    expectPass(judge(positiveAcceptedCheck, method, answer(404), validCase));
    expectPass(judge(positiveAcceptedCheck, method, answer(422), fixtureCase));
  });

  it('fails a rejection for shape or credential', () => {
    for (const status of [400, 401, 403]) {
      const finding = expectOneFinding(
        judge(positiveAcceptedCheck, method, answer(status), validCase),
        'failure',
      );
      expect(finding.message).toBe(`valid request rejected with ${status}`);
      expect(finding.actual).toBe(String(status));
    }
  });

  it('passes a documented variant that refuses the content', () => {
    const install = makeMethod({
      variants: [
        makeVariant('unauthorized', 401),
        makeVariant('invalid_client_secret', 401, { status: true }),
        makeVariant('invalid_access_code', 400, { status: true }),
        makeVariant('bad_request', 400),
      ],
    });
    const spent = makeExchange({ status: 400, body: { type: 'invalid_access_code' } });
    const wrongSecret = makeExchange({ status: 401, body: { type: 'invalid_client_secret' } });
    expectPass(judge(positiveAcceptedCheck, install, spent, fixtureCase));
    expectPass(judge(positiveAcceptedCheck, install, wrongSecret, fixtureCase));
    const shape = makeExchange({ status: 400, body: { type: 'bad_request' } });
    expectOneFinding(judge(positiveAcceptedCheck, install, shape, fixtureCase), 'failure');
  });

  it('fails a 404 for ids that exist', () => {
    const finding = expectOneFinding(
      judge(positiveAcceptedCheck, method, answer(404), fixtureCase),
      'failure',
    );
    expect(finding.message).toBe('valid request got 404 for ids that exist');
  });

  it('fails a 4xx the method does not document', () => {
    for (const status of [404, 409, 422]) {
      const finding = expectOneFinding(
        judge(positiveAcceptedCheck, listMethod, answer(status), validCase),
        'failure',
      );
      expect(finding.message).toBe(`valid request got undocumented status ${status}`);
    }
  });

  it('warns on an undocumented 4xx of an inferred union', () => {
    const extension = makeMethod({
      variants: [makeVariant('not_found', 404, { membership: true })],
    });
    expectOneFinding(judge(positiveAcceptedCheck, extension, answer(409), validCase), 'warning');
  });

  it('warns when a minted credential is rejected', () => {
    const mintedCase = makeCase({ kind: 'valid', credential: 'minted' });
    expectOneFinding(judge(positiveAcceptedCheck, method, answer(401), mintedCase), 'warning');
    expectPass(judge(positiveAcceptedCheck, method, answer(200), mintedCase));
  });

  it('accepts either answer of a guessed role', () => {
    const businesses = makeMethod({
      role: 'any',
      roleInferred: true,
      variants: listMethod.variants,
    });
    const supplierCase = makeCase({ kind: 'valid', credential: 'supplier' });
    expectPass(judge(positiveAcceptedCheck, businesses, answer(403), supplierCase));
    expectOneFinding(
      judge(positiveAcceptedCheck, businesses, answer(400), supplierCase),
      'warning',
    );
    expectOneFinding(judge(positiveAcceptedCheck, businesses, answer(403), validCase), 'failure');
  });

  it('judges any valid credential on a method open to any role', () => {
    const tier1 = makeMethod({ role: 'any', variants: [makeVariant('unauthorized', 401)] });
    const supplierCase = makeCase({ kind: 'valid', credential: 'supplier' });
    expectPass(judge(positiveAcceptedCheck, tier1, answer(200), supplierCase));
    expectOneFinding(judge(positiveAcceptedCheck, tier1, answer(403), supplierCase), 'failure');
  });

  it('judges an unauthenticated method only without a credential', () => {
    const install = makeMethod({ role: 'none' });
    const noneCase = makeCase({ kind: 'valid', credential: 'none' });
    expectOneFinding(judge(positiveAcceptedCheck, install, answer(400), noneCase), 'failure');
    expectNoEvidence(judge(positiveAcceptedCheck, install, answer(400), validCase));
  });

  it('has no evidence for credentials of another role', () => {
    for (const credential of ['supplier', 'none', 'wrong'] as const) {
      const otherCase = makeCase({ kind: 'valid', credential });
      expectNoEvidence(judge(positiveAcceptedCheck, method, answer(403), otherCase));
    }
    const supplierMethod = makeMethod({ role: 'supplier' });
    for (const credential of ['repairer', 'minted'] as const) {
      const otherCase = makeCase({ kind: 'valid', credential });
      expectNoEvidence(judge(positiveAcceptedCheck, supplierMethod, answer(403), otherCase));
    }
  });

  it('has no evidence for other cases, 5xx, 429 or no response', () => {
    for (const kind of ['invalid', 'auth', 'probe', 'sequence'] as const) {
      expectNoEvidence(judge(positiveAcceptedCheck, method, answer(400), makeCase({ kind })));
    }
    expectNoEvidence(judge(positiveAcceptedCheck, method, answer(500), validCase));
    expectNoEvidence(judge(positiveAcceptedCheck, method, answer(429), validCase));
    expectNoEvidence(
      judge(positiveAcceptedCheck, method, makeExchange({ noResponse: true }), validCase),
    );
  });
});
