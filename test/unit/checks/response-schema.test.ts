import { describe, expect, it } from 'vitest';
import { responseSchemaCheck } from '../../../src/checks/response-schema.js';
import {
  expectNoEvidence,
  expectOneFinding,
  expectPass,
  judge,
  makeExchange,
  makeMethod,
} from './support.js';

const method = makeMethod({
  responseSchema: {
    type: 'object',
    required: ['id'],
    properties: {
      id: { type: 'string' },
      api_key: { type: 'string', pattern: '^partly_[0-9a-f]{32}$' },
    },
  },
  fullResponseSchema: {
    type: 'object',
    required: ['id', 'status'],
    properties: {
      id: { type: 'string' },
      api_key: { type: 'string', pattern: '^partly_[0-9a-f]{32}$' },
      status: { type: 'string' },
    },
  },
});

describe('response-schema', () => {
  it('passes a body that matches', () => {
    expectPass(
      judge(responseSchemaCheck, method, makeExchange({ body: { id: 'a', status: 'x' } })),
    );
  });

  it('fails a body without a published required property', () => {
    const outcome = judge(responseSchemaCheck, method, makeExchange({ body: { status: 'x' } }));
    const finding = expectOneFinding(outcome, 'failure');
    expect(finding.message).toBe('missing required property id');
    expect(finding.pointer).toBe('');
    expect(finding.actual).toBe('absent');
  });

  it('fails a property of the wrong type', () => {
    const outcome = judge(
      responseSchemaCheck,
      method,
      makeExchange({ body: { id: 7, status: 'x' } }),
    );
    const finding = expectOneFinding(outcome, 'failure');
    expect(finding.message).toBe('type is integer, schema requires string');
    expect(finding.pointer).toBe('/id');
    expect(finding.expected).toBe('string');
    expect(finding.actual).toBe('integer');
  });

  it('warns on a break of an inferred fact only', () => {
    const outcome = judge(responseSchemaCheck, method, makeExchange({ body: { id: 'a' } }));
    const finding = expectOneFinding(outcome, 'warning');
    expect(finding.message).toBe('missing required property status');
  });

  it('reports failures and warnings of one body together', () => {
    const outcome = judge(responseSchemaCheck, method, makeExchange({ body: {} }));
    expect(outcome.findings.map((finding) => finding.severity)).toEqual(['failure', 'warning']);
  });

  it('never quotes a secret value', () => {
    const secret = 'partly_NOT_HEX_but_a_secret_value_0123456';
    const body = { id: 'a', status: 'x', api_key: secret };
    const outcome = judge(responseSchemaCheck, method, makeExchange({ body }));
    const finding = expectOneFinding(outcome, 'failure');
    expect(finding.pointer).toBe('/api_key');
    expect(JSON.stringify(finding)).not.toContain(secret);
    expect(finding.actual).toBe(`a string of ${secret.length} characters`);
  });

  it('judges a json null body', () => {
    const outcome = judge(responseSchemaCheck, method, makeExchange({ body: null }));
    expect(expectOneFinding(outcome, 'failure').message).toBe(
      'type is null, schema requires object',
    );
  });

  it('has no evidence without a 2xx json body', () => {
    expectNoEvidence(judge(responseSchemaCheck, method, makeExchange({ status: 404, body: {} })));
    expectNoEvidence(judge(responseSchemaCheck, method, makeExchange({ rawBody: '<html>' })));
    expectNoEvidence(judge(responseSchemaCheck, method, makeExchange({})));
    expectNoEvidence(judge(responseSchemaCheck, method, makeExchange({ status: 429, body: {} })));
    expectNoEvidence(judge(responseSchemaCheck, method, makeExchange({ noResponse: true })));
  });

  it('has no evidence when the body was cut at the cap', () => {
    const error = { code: 'body-too-large', message: 'body over 10 bytes' } as const;
    expectNoEvidence(judge(responseSchemaCheck, method, makeExchange({ body: {}, error })));
  });
});
