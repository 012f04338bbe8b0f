import { describe, expect, it } from 'vitest';
import { contentTypeCheck } from '../../../src/checks/content-type.js';
import {
  expectNoEvidence,
  expectOneFinding,
  expectPass,
  judge,
  makeExchange,
  makeMethod,
} from './support.js';

const method = makeMethod();

function withContentType(value: string, status = 200) {
  return makeExchange({ status, body: {}, headers: { 'content-type': value } });
}

describe('content-type', () => {
  it('passes application/json with or without parameters', () => {
    for (const value of [
      'application/json',
      'application/json; charset=utf-8',
      'Application/JSON ; Charset=UTF-8',
    ]) {
      expectPass(judge(contentTypeCheck, method, withContentType(value)));
    }
  });

  it('judges error bodies too', () => {
    expectPass(judge(contentTypeCheck, method, withContentType('application/json', 404)));
    expectOneFinding(judge(contentTypeCheck, method, withContentType('text/html', 502)), 'failure');
  });

  it('fails another media type', () => {
    for (const value of [
      'text/plain',
      'application/problem+json',
      'application/jsonx',
      'text/json',
    ]) {
      const finding = expectOneFinding(
        judge(contentTypeCheck, method, withContentType(value)),
        'failure',
      );
      expect(finding.message).toBe(`content-type is ${value}, contract requires application/json`);
      expect(finding.actual).toBe(value);
    }
  });

  it('fails a parameter without a media type', () => {
    const finding = expectOneFinding(
      judge(contentTypeCheck, method, withContentType('; charset=utf-8')),
      'failure',
    );
    expect(finding.message).toBe(
      'content-type is ; charset=utf-8, contract requires application/json',
    );
  });

  it('fails a missing or empty header', () => {
    const missing = makeExchange({ body: {}, headers: {} });
    expect(expectOneFinding(judge(contentTypeCheck, method, missing), 'failure').message).toBe(
      'missing content-type header',
    );
    expectOneFinding(judge(contentTypeCheck, method, withContentType(' ')), 'failure');
  });

  it('reads the header name without regard to case', () => {
    const exchange = makeExchange({ body: {}, headers: { 'Content-Type': 'application/json' } });
    expectPass(judge(contentTypeCheck, method, exchange));
  });

  it('has no evidence without a body', () => {
    expectNoEvidence(judge(contentTypeCheck, method, makeExchange({ headers: {} })));
    expectNoEvidence(judge(contentTypeCheck, method, makeExchange({ noResponse: true })));
  });

  it('has no evidence for a 429', () => {
    const exchange = makeExchange({
      status: 429,
      body: {},
      headers: { 'content-type': 'text/plain' },
    });
    expectNoEvidence(judge(contentTypeCheck, method, exchange));
  });
});
