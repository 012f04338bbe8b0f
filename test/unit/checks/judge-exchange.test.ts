import { describe, expect, it } from 'vitest';
import { EXCHANGE_CHECKS, judgeExchange } from '../../../src/checks/index.js';
import type { CredentialKind } from '../../../src/checks/types.js';
import { makeCase, makeContext, makeExchange, makeMethod, makeVariant } from './support.js';

const EXPECTED_NAMES = [
  'response-schema',
  'status-code',
  'content-type',
  'not-server-error',
  'error-tagged',
  'error-bare-string',
  'no-offer-currency',
  'extension-marker',
  'negative-rejected',
  'positive-accepted',
  'auth',
];

const extensionMethod = makeMethod({
  extension: true,
  variants: [makeVariant('not_found', 404, { membership: true })],
});

describe('judgeExchange', () => {
  it('lists the eleven exchange checks once each', () => {
    expect(EXCHANGE_CHECKS.map((check) => check.name)).toEqual(EXPECTED_NAMES);
    for (const check of EXCHANGE_CHECKS) {
      expect(check.rule.length).toBeGreaterThan(10);
    }
  });

  it('returns one judgement per check in order', () => {
    const context = makeContext(makeMethod(), makeExchange({ body: { id: 'a' } }));
    const judged = judgeExchange(context, false);
    expect(judged.map((entry) => entry.name)).toEqual(EXPECTED_NAMES);
    const withEvidence = judged.filter((entry) => entry.evidence).map((entry) => entry.name);
    expect(withEvidence).toEqual([
      'response-schema',
      'status-code',
      'content-type',
      'not-server-error',
      'extension-marker',
      'positive-accepted',
    ]);
    expect(judged.flatMap((entry) => entry.findings)).toEqual([]);
  });

  it('keeps warnings unless strict', () => {
    const exchange = makeExchange({ status: 409, body: { type: 'conflict', x_extension: true } });
    const lenient = judgeExchange(makeContext(extensionMethod, exchange), false);
    const severities = lenient.flatMap((entry) =>
      entry.findings.map((finding) => finding.severity),
    );
    expect(severities).toEqual(['warning', 'warning', 'warning']);
    const names = lenient.filter((entry) => entry.findings.length > 0).map((entry) => entry.name);
    expect(names).toEqual(['status-code', 'error-tagged', 'positive-accepted']);
  });

  it('turns warnings into failures when strict', () => {
    const exchange = makeExchange({ status: 409, body: { type: 'conflict', x_extension: true } });
    const strict = judgeExchange(makeContext(extensionMethod, exchange), true);
    const severities = strict.flatMap((entry) => entry.findings.map((finding) => finding.severity));
    expect(severities).toEqual(['failure', 'failure', 'failure']);
  });

  it('keeps open-question warnings when strict', () => {
    const lookup = makeMethod({
      variants: [makeVariant('unauthorized', 401), makeVariant('not_found', 404)],
    });
    const exchange = makeExchange({ status: 400, body: { type: 'bad_request' } });
    const invalidCase = makeCase({ kind: 'invalid', credential: 'repairer' });
    const strict = judgeExchange(makeContext(lookup, exchange, invalidCase), true);
    const findings = strict.flatMap((entry) => entry.findings);
    expect(findings.map((finding) => finding.message).sort()).toEqual([
      'undocumented status 400',
      'undocumented variant bad_request',
    ]);
    for (const finding of findings) {
      expect(finding.severity).toBe('warning');
      expect(finding.contractOpen).toBe(true);
    }
    const validCase = makeCase({ kind: 'valid', credential: 'repairer' });
    const onValid = judgeExchange(makeContext(lookup, exchange, validCase), true);
    const severities = onValid.flatMap((entry) => entry.findings.map((item) => item.severity));
    expect(severities).toContain('failure');
    expect(severities).not.toContain('warning');
  });

  it('judges a 429 with no check at all', () => {
    const kinds = ['valid', 'invalid', 'auth', 'probe', 'sequence'] as const;
    const credentials: CredentialKind[] = ['repairer', 'supplier', 'minted', 'none', 'wrong'];
    const bodies: unknown[] = [{ type: 'rate_limited' }, 'rate_limited', undefined];
    for (const kind of kinds) {
      for (const credential of credentials) {
        for (const body of bodies) {
          const exchange = makeExchange({ status: 429, body, headers: { 'retry-after': '1' } });
          const context = makeContext(extensionMethod, exchange, makeCase({ kind, credential }));
          for (const entry of judgeExchange(context, true)) {
            expect(entry.evidence).toBe(false);
            expect(entry.findings).toEqual([]);
          }
        }
      }
    }
  });
});
