import { describe, expect, it } from 'vitest';
import { errorBareStringCheck } from '../../../src/checks/error-bare-string.js';
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

/** Like repairer.jobs.parts.insert. */
const method = makeMethod({
  name: 'repairer.jobs.parts.insert',
  errorStyle: 'bare-string',
  variants: [
    makeVariant('unauthorized', 401, { status: true }),
    makeVariant('forbidden', 403, { status: true }),
    makeVariant('not_found', 404, { status: true }),
    makeVariant('unprocessable', 422, { status: true }),
  ],
});

function errorExchange(body: unknown, status = 404) {
  return makeExchange({ status, body });
}

describe('error-bare-string', () => {
  it('passes a bare string of the union', () => {
    expectPass(judge(errorBareStringCheck, method, errorExchange('not_found')));
    expectPass(judge(errorBareStringCheck, method, errorExchange('unprocessable', 422)));
  });

  it('fails a tagged object', () => {
    const outcome = judge(errorBareStringCheck, method, errorExchange({ type: 'not_found' }));
    const finding = expectOneFinding(outcome, 'failure');
    expect(finding.message).toBe('error body is a tagged object, not a bare string');
    expect(finding.expected).toBe('"<variant>"');
  });

  it('fails any other body', () => {
    for (const exchange of [
      errorExchange(404),
      errorExchange(null),
      makeExchange({ status: 404, rawBody: 'not_found' }),
    ]) {
      const finding = expectOneFinding(judge(errorBareStringCheck, method, exchange), 'failure');
      expect(finding.message).toBe('error body is not a json string');
    }
  });

  it('fails a string outside the union', () => {
    const finding = expectOneFinding(
      judge(errorBareStringCheck, method, errorExchange('missing')),
      'failure',
    );
    expect(finding.message).toBe('undocumented variant missing');
    expect(finding.pointer).toBe('');
  });

  it('warns on a string outside the union for invalid and probe cases', () => {
    for (const kind of ['invalid', 'probe'] as const) {
      const exchange = errorExchange('bad_request', 400);
      expectOneFinding(
        judge(errorBareStringCheck, method, exchange, makeCase({ kind })),
        'warning',
      );
    }
  });

  it('has no evidence outside 4xx or on tagged methods', () => {
    const taggedMethod = makeMethod();
    expectNoEvidence(
      judge(errorBareStringCheck, taggedMethod, errorExchange({ type: 'not_found' })),
    );
    expectNoEvidence(judge(errorBareStringCheck, method, makeExchange({ body: { items: [] } })));
    expectNoEvidence(judge(errorBareStringCheck, method, errorExchange('boom', 503)));
    expectNoEvidence(
      judge(errorBareStringCheck, method, errorExchange({ type: 'rate_limited' }, 429)),
    );
  });
});
