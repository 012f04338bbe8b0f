import { describe, expect, it } from 'vitest';
import { errorTaggedCheck } from '../../../src/checks/error-tagged.js';
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

const wireMethod = makeMethod();
const extensionMethod = makeMethod({
  extension: true,
  variants: [makeVariant('not_found', 404, { membership: true })],
});

function errorExchange(body: unknown, status = 404) {
  return makeExchange({ status, body });
}

describe('error-tagged', () => {
  it('passes a variant of the union', () => {
    expectPass(judge(errorTaggedCheck, wireMethod, errorExchange({ type: 'not_found' })));
  });

  it('passes extra properties next to type', () => {
    const body = { type: 'not_found', detail: 'no job CCC-1' };
    expectPass(judge(errorTaggedCheck, wireMethod, errorExchange(body)));
  });

  it('fails a body that is not a tagged object', () => {
    const bodies: unknown[] = [
      'not_found',
      { code: 'not_found' },
      { type: 4 },
      ['not_found'],
      null,
    ];
    for (const body of bodies) {
      const finding = expectOneFinding(
        judge(errorTaggedCheck, wireMethod, errorExchange(body)),
        'failure',
      );
      expect(finding.message).toBe('error body is not an object with a string type');
      expect(finding.expected).toBe('{"type": "<variant>"}');
    }
  });

  it('fails an empty or non-json error body', () => {
    expectOneFinding(judge(errorTaggedCheck, wireMethod, makeExchange({ status: 404 })), 'failure');
    const html = makeExchange({ status: 404, rawBody: '<h1>Not Found</h1>' });
    const finding = expectOneFinding(judge(errorTaggedCheck, wireMethod, html), 'failure');
    expect(finding.actual).toBe('"<h1>Not Found</h1>"');
  });

  it('fails a variant outside the union of a wire method', () => {
    const outcome = judge(errorTaggedCheck, wireMethod, errorExchange({ type: 'missing' }));
    const finding = expectOneFinding(outcome, 'failure');
    expect(finding.message).toBe('undocumented variant missing');
    expect(finding.expected).toBe('unauthorized, forbidden, not_found');
    expect(finding.pointer).toBe('/type');
  });

  it('warns on a variant outside the union for invalid and probe cases', () => {
    for (const kind of ['invalid', 'probe'] as const) {
      const exchange = errorExchange({ type: 'bad_request' }, 400);
      expectOneFinding(
        judge(errorTaggedCheck, wireMethod, exchange, makeCase({ kind })),
        'warning',
      );
    }
  });

  it('warns on a variant outside an inferred union', () => {
    const exchange = errorExchange({ type: 'conflict' }, 409);
    expectOneFinding(judge(errorTaggedCheck, extensionMethod, exchange), 'warning');
  });

  it('has no evidence outside 4xx or on bare-string methods', () => {
    const bareMethod = makeMethod({ errorStyle: 'bare-string' });
    expectNoEvidence(judge(errorTaggedCheck, bareMethod, errorExchange('not_found')));
    expectNoEvidence(judge(errorTaggedCheck, wireMethod, makeExchange({ body: { type: 'x' } })));
    expectNoEvidence(judge(errorTaggedCheck, wireMethod, errorExchange('oops', 500)));
    expectNoEvidence(
      judge(errorTaggedCheck, wireMethod, errorExchange({ type: 'rate_limited' }, 429)),
    );
    expectNoEvidence(judge(errorTaggedCheck, wireMethod, makeExchange({ noResponse: true })));
  });
});
