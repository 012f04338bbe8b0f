import { describe, expect, it } from 'vitest';
import { notServerErrorCheck } from '../../../src/checks/not-server-error.js';
import type { TransportErrorCode } from '../../../src/http/types.js';
import {
  expectNoEvidence,
  expectOneFinding,
  expectPass,
  judge,
  makeExchange,
  makeMethod,
} from './support.js';

const method = makeMethod();

const TARGET_FAULTS: TransportErrorCode[] = [
  'connect-timeout',
  'headers-timeout',
  'body-timeout',
  'total-timeout',
  'connection-reset',
  'connection-refused',
  'connection-failed',
  'invalid-response',
];

describe('not-server-error', () => {
  it('passes json bodies of any non-5xx status', () => {
    expectPass(judge(notServerErrorCheck, method, makeExchange({ body: { items: [] } })));
    expectPass(
      judge(
        notServerErrorCheck,
        method,
        makeExchange({ status: 404, body: { type: 'not_found' } }),
      ),
    );
  });

  it('passes an empty body on a status other than 200', () => {
    expectPass(judge(notServerErrorCheck, method, makeExchange({ status: 204 })));
    expectPass(judge(notServerErrorCheck, method, makeExchange({ status: 401 })));
  });

  it('fails a 5xx', () => {
    const exchange = makeExchange({ status: 500, body: { type: 'internal' } });
    const finding = expectOneFinding(judge(notServerErrorCheck, method, exchange), 'failure');
    expect(finding.message).toBe('server error status 500');
  });

  it('fails an html proxy page on both counts', () => {
    const exchange = makeExchange({
      status: 502,
      rawBody: '<html><body>Bad Gateway</body></html>',
      headers: { 'content-type': 'text/html' },
    });
    const outcome = judge(notServerErrorCheck, method, exchange);
    expect(outcome.evidence).toBe(true);
    expect(outcome.findings.map((finding) => finding.message)).toEqual([
      'server error status 502',
      expect.stringMatching(/^body is not json/),
    ]);
    expect(outcome.findings[1]?.actual).toContain('Bad Gateway');
  });

  it('fails every transport error the target caused', () => {
    for (const code of TARGET_FAULTS) {
      const exchange = makeExchange({ noResponse: true, error: { code, message: 'stopped' } });
      const finding = expectOneFinding(judge(notServerErrorCheck, method, exchange), 'failure');
      expect(finding.message).toBe(`transport error ${code}`);
      expect(finding.actual).toBe(`${code}: stopped`);
    }
  });

  it('fails a body over the cap once, keeping its status', () => {
    const error = { code: 'body-too-large', message: 'body over 1024 bytes' } as const;
    const ok = makeExchange({ rawBody: '{"items": [', error });
    expect(expectOneFinding(judge(notServerErrorCheck, method, ok), 'failure').message).toBe(
      'transport error body-too-large',
    );
    const failing = makeExchange({ status: 500, rawBody: 'x', error });
    expect(judge(notServerErrorCheck, method, failing).findings).toHaveLength(2);
  });

  it('fails a 200 body that is not json', () => {
    const exchange = makeExchange({ rawBody: 'ok', headers: { 'content-type': 'text/plain' } });
    const finding = expectOneFinding(judge(notServerErrorCheck, method, exchange), 'failure');
    expect(finding.message).toMatch(/^body is not json: /);
    expect(finding.actual).toBe('"ok"');
  });

  it('fails a body that is not valid utf-8', () => {
    const exchange = makeExchange({ body: { id: 'a' }, jsonError: 'invalid utf-8 at byte 3' });
    const finding = expectOneFinding(judge(notServerErrorCheck, method, exchange), 'failure');
    expect(finding.message).toBe('body is not json: invalid utf-8 at byte 3');
  });

  it('fails an empty 200', () => {
    const finding = expectOneFinding(
      judge(notServerErrorCheck, method, makeExchange({})),
      'failure',
    );
    expect(finding.message).toBe('empty body on a 200 response');
  });

  it('warns on duplicate json keys', () => {
    const exchange = makeExchange({ rawBody: '{"a":1,"a":2}', duplicateKeys: ['/a'] });
    const finding = expectOneFinding(judge(notServerErrorCheck, method, exchange), 'warning');
    expect(finding.message).toBe('duplicate json keys at /a');
    expect(finding.pointer).toBe('/a');
  });

  it('fails an exchange with neither a response nor an error', () => {
    const exchange = makeExchange({ noResponse: true });
    expectOneFinding(judge(notServerErrorCheck, method, exchange), 'failure');
  });

  it('has no evidence for a 429', () => {
    const exchange = makeExchange({ status: 429, rawBody: 'slow down' });
    expectNoEvidence(judge(notServerErrorCheck, method, exchange));
  });

  it('has no evidence when the harness stopped the exchange', () => {
    for (const code of ['budget-exhausted', 'aborted'] as const) {
      const exchange = makeExchange({ noResponse: true, error: { code, message: 'not sent' } });
      expectNoEvidence(judge(notServerErrorCheck, method, exchange));
    }
  });
});
