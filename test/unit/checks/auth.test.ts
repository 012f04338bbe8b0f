import { describe, expect, it } from 'vitest';
import { authCheck } from '../../../src/checks/auth.js';
import type { CredentialKind } from '../../../src/checks/types.js';
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

const repairerMethod = makeMethod({ role: 'repairer' });
const supplierMethod = makeMethod({ name: 'supplier.procurements.get', role: 'supplier' });
const bareMethod = makeMethod({
  name: 'repairer.jobs.parts.insert',
  errorStyle: 'bare-string',
  variants: [
    makeVariant('unauthorized', 401, { status: true }),
    makeVariant('forbidden', 403, { status: true }),
  ],
});
/** Like uploads.prepare: repairer is a guess. */
const guessedMethod = makeMethod({ role: 'repairer', roleInferred: true });
/** Like tier1.prepare: any authenticated integration. */
const anyMethod = makeMethod({ role: 'any', variants: [makeVariant('unauthorized', 401)] });

function authCase(credential: CredentialKind) {
  return makeCase({ kind: 'auth', credential });
}

function answer(status: number, body: unknown = { items: [] }) {
  return makeExchange({ status, body });
}

const unauthorized = answer(401, { type: 'unauthorized' });
const forbidden = answer(403, { type: 'forbidden' });

describe('auth', () => {
  describe('without a valid credential', () => {
    it('passes 401 unauthorized', () => {
      for (const credential of ['none', 'wrong'] as const) {
        expectPass(judge(authCheck, repairerMethod, unauthorized, authCase(credential)));
        expectPass(judge(authCheck, supplierMethod, unauthorized, authCase(credential)));
      }
    });

    it('fails an accepted request', () => {
      const outcome = judge(authCheck, repairerMethod, answer(200), authCase('none'));
      const finding = expectOneFinding(outcome, 'failure');
      expect(finding.message).toBe('missing credential got status 200');
      expect(finding.expected).toBe('401');
      const wrong = judge(authCheck, anyMethod, answer(200), authCase('wrong'));
      expect(expectOneFinding(wrong, 'failure').message).toBe('unknown credential got status 200');
    });

    it('fails any status but 401', () => {
      for (const status of [400, 403, 404, 500]) {
        const outcome = judge(
          authCheck,
          repairerMethod,
          answer(status, { type: 'unauthorized' }),
          authCase('wrong'),
        );
        expectOneFinding(outcome, 'failure');
      }
    });

    it('fails a 401 with another variant', () => {
      const exchange = answer(401, { type: 'forbidden' });
      const finding = expectOneFinding(
        judge(authCheck, repairerMethod, exchange, authCase('none')),
        'failure',
      );
      expect(finding.message).toBe('variant is forbidden, expected unauthorized');
      expect(finding.pointer).toBe('/type');
    });

    it('reads the variant in the method style', () => {
      const bare = answer(401, 'unauthorized');
      expectPass(judge(authCheck, bareMethod, bare, authCase('none')));
      const finding = expectOneFinding(
        judge(authCheck, bareMethod, unauthorized, authCase('none')),
        'failure',
      );
      expect(finding.expected).toBe('"unauthorized"');
      expectOneFinding(judge(authCheck, repairerMethod, bare, authCase('none')), 'failure');
    });
  });

  describe('with the wrong role', () => {
    it('passes 403 forbidden', () => {
      expectPass(judge(authCheck, supplierMethod, forbidden, authCase('repairer')));
      expectPass(judge(authCheck, supplierMethod, forbidden, authCase('minted')));
      expectPass(judge(authCheck, repairerMethod, forbidden, authCase('supplier')));
      expectPass(judge(authCheck, bareMethod, answer(403, 'forbidden'), authCase('supplier')));
    });

    it('fails an accepted repairer credential on a supplier method', () => {
      const finding = expectOneFinding(
        judge(authCheck, supplierMethod, answer(200), authCase('repairer')),
        'failure',
      );
      expect(finding.message).toBe('wrong role accepted with 200');
      expect(finding.expected).toBe('403');
    });

    it('warns on an accepted minted credential on a supplier method', () => {
      expectOneFinding(
        judge(authCheck, supplierMethod, answer(200), authCase('minted')),
        'warning',
      );
    });

    it('warns on an accepted supplier credential on a repairer method', () => {
      expectOneFinding(
        judge(authCheck, repairerMethod, answer(200), authCase('supplier')),
        'warning',
      );
      expectOneFinding(judge(authCheck, bareMethod, answer(200), authCase('supplier')), 'warning');
    });

    it('fails a 401 for a valid credential', () => {
      for (const method of [supplierMethod, repairerMethod, guessedMethod]) {
        const credential = method.role === 'supplier' ? 'repairer' : 'supplier';
        const outcome = judge(authCheck, method, unauthorized, authCase(credential));
        expect(expectOneFinding(outcome, 'failure').message).toBe(
          'valid credential of the wrong role got 401',
        );
      }
    });

    it('warns on another 4xx, which may come before the role check', () => {
      const notFound = answer(404, { type: 'not_found' });
      expectOneFinding(judge(authCheck, supplierMethod, notFound, authCase('repairer')), 'warning');
      expectOneFinding(judge(authCheck, repairerMethod, notFound, authCase('supplier')), 'warning');
    });

    it('judges the variant of a 403', () => {
      const wrongVariant = answer(403, { type: 'not_found' });
      const finding = expectOneFinding(
        judge(authCheck, supplierMethod, wrongVariant, authCase('repairer')),
        'failure',
      );
      expect(finding.message).toBe('variant is not_found, expected forbidden');
      expectOneFinding(
        judge(authCheck, repairerMethod, wrongVariant, authCase('supplier')),
        'warning',
      );
    });

    it('accepts a 200 or a 403 on a guessed role', () => {
      expectPass(judge(authCheck, guessedMethod, answer(200), authCase('supplier')));
      expectPass(judge(authCheck, guessedMethod, forbidden, authCase('supplier')));
      expectOneFinding(
        judge(authCheck, guessedMethod, answer(404), authCase('supplier')),
        'warning',
      );
    });
  });

  describe('on a method open to any role', () => {
    it('passes a valid credential of either role', () => {
      expectPass(judge(authCheck, anyMethod, answer(200), authCase('supplier')));
      expectPass(judge(authCheck, anyMethod, answer(200), authCase('repairer')));
    });

    it('fails a 401 or 403 for a valid credential', () => {
      expectOneFinding(judge(authCheck, anyMethod, unauthorized, authCase('supplier')), 'failure');
      expectOneFinding(judge(authCheck, anyMethod, forbidden, authCase('supplier')), 'failure');
      expectOneFinding(judge(authCheck, anyMethod, forbidden, authCase('minted')), 'warning');
    });

    it('accepts a 403 when the open role is a guess', () => {
      const businesses = makeMethod({ role: 'any', roleInferred: true });
      expectPass(judge(authCheck, businesses, forbidden, authCase('supplier')));
    });
  });

  it('has no evidence on an unauthenticated method', () => {
    const install = makeMethod({ role: 'none' });
    for (const credential of ['none', 'wrong', 'repairer'] as const) {
      expectNoEvidence(judge(authCheck, install, answer(200), authCase(credential)));
    }
  });

  it('has no evidence in other cases', () => {
    expectNoEvidence(judge(authCheck, repairerMethod, answer(200), authCase('repairer')));
    expectNoEvidence(judge(authCheck, supplierMethod, answer(200), authCase('supplier')));
    expectNoEvidence(
      judge(
        authCheck,
        repairerMethod,
        answer(200),
        makeCase({ kind: 'valid', credential: 'none' }),
      ),
    );
    expectNoEvidence(judge(authCheck, repairerMethod, answer(429), authCase('none')));
    expectNoEvidence(
      judge(authCheck, repairerMethod, makeExchange({ noResponse: true }), authCase('none')),
    );
  });

  it('skips the variant of a cut body', () => {
    const error = { code: 'body-too-large', message: 'body over 10 bytes' } as const;
    const cut = makeExchange({ status: 401, rawBody: '{"type":"unauth', error });
    expectPass(judge(authCheck, repairerMethod, cut, authCase('none')));
    const accepted = makeExchange({ status: 200, rawBody: '{"items":[', error });
    expectOneFinding(judge(authCheck, repairerMethod, accepted, authCase('none')), 'failure');
  });
});
