import { describe, expect, it } from 'vitest';
import { extensionMarkerCheck } from '../../../src/checks/extension-marker.js';
import {
  expectNoEvidence,
  expectOneFinding,
  expectPass,
  judge,
  makeExchange,
  makeMethod,
} from './support.js';

const extensionMethod = makeMethod({ name: 'repairer.procurements.insert', extension: true });
const wireMethod = makeMethod();

describe('extension-marker', () => {
  it('passes an extension 200 with x_extension true', () => {
    const exchange = makeExchange({ body: { x_extension: true, id: 'p-1' } });
    expectPass(judge(extensionMarkerCheck, extensionMethod, exchange));
  });

  it('fails an extension 200 without the marker', () => {
    const exchange = makeExchange({ body: { id: 'p-1' } });
    const finding = expectOneFinding(
      judge(extensionMarkerCheck, extensionMethod, exchange),
      'failure',
    );
    expect(finding.message).toBe('missing x_extension marker');
    expect(finding.pointer).toBe('/x_extension');
    expect(finding.actual).toBe('absent');
  });

  it('fails an extension 200 whose marker is not boolean true', () => {
    for (const value of ['true', false, 1, null]) {
      const exchange = makeExchange({ body: { x_extension: value } });
      const finding = expectOneFinding(
        judge(extensionMarkerCheck, extensionMethod, exchange),
        'failure',
      );
      expect(finding.message).toBe(
        `x_extension is ${JSON.stringify(value)}, contract requires true`,
      );
    }
  });

  it('fails an extension 200 that is not an object', () => {
    const exchange = makeExchange({ body: [{ x_extension: true }] });
    expectOneFinding(judge(extensionMarkerCheck, extensionMethod, exchange), 'failure');
  });

  it('only warns on an extension error body without the marker', () => {
    const exchange = makeExchange({ status: 404, body: { type: 'not_found' } });
    const finding = expectOneFinding(
      judge(extensionMarkerCheck, extensionMethod, exchange),
      'warning',
    );
    expect(finding.message).toBe('extension error body lacks x_extension');
  });

  it('passes an extension error body with the marker', () => {
    const exchange = makeExchange({ status: 404, body: { type: 'not_found', x_extension: true } });
    expectPass(judge(extensionMarkerCheck, extensionMethod, exchange));
  });

  it('passes a wire body without the marker', () => {
    expectPass(judge(extensionMarkerCheck, wireMethod, makeExchange({ body: { id: 'j-1' } })));
    expectPass(judge(extensionMarkerCheck, wireMethod, makeExchange({ status: 404, body: 'x' })));
  });

  it('fails a wire 200 with the marker', () => {
    const exchange = makeExchange({ body: { id: 'j-1', x_extension: true } });
    const finding = expectOneFinding(judge(extensionMarkerCheck, wireMethod, exchange), 'failure');
    expect(finding.message).toBe('x_extension on a wire method response');
    expect(finding.expected).toBe('absent');
  });

  it('warns on a wire error body with the marker', () => {
    const exchange = makeExchange({ status: 404, body: { type: 'not_found', x_extension: false } });
    const finding = expectOneFinding(judge(extensionMarkerCheck, wireMethod, exchange), 'warning');
    expect(finding.message).toBe('x_extension on a wire method error body');
  });

  it('has no evidence without a json body', () => {
    expectNoEvidence(judge(extensionMarkerCheck, extensionMethod, makeExchange({})));
    expectNoEvidence(judge(extensionMarkerCheck, extensionMethod, makeExchange({ rawBody: 'ok' })));
    expectNoEvidence(
      judge(extensionMarkerCheck, extensionMethod, makeExchange({ status: 429, body: {} })),
    );
    expectNoEvidence(judge(extensionMarkerCheck, wireMethod, makeExchange({ noResponse: true })));
  });
});
